import {
  indicatorValue,
  MEASURE_STATUSES,
  MEASURE_TEXT_LIMITS,
  type Currency,
  type IndicatorDetailField,
  type MeasureFields,
  type MeasureStatus,
} from '../../shared/doc-schema.ts';
import { IMPORT_COLUMNS, type ImportColumn, type ImportRow, type ImportRowError } from '../../shared/api/files.ts';
import { LOCALES } from '../../shared/enums.ts';
import { LABELS } from '../../shared/labels.ts';
import type { ExportOrganisation } from '../export/model.ts';

/**
 * Rows of a measures table from outside (a spreadsheet, a Word table) turned into measures:
 * columns recognised by their French, Arabic or English header, each cell parsed and each row
 * validated on its own, so a preview can show what is wrong where. Pure.
 */

export type Cell = string | number | boolean | Date | null;

const normalise = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f\u064B-\u0652\u0640]/g, '')
    .toLowerCase()
    .replace(/[’'`]/g, ' ')
    .replace(/[^\p{L}\p{N}%]+/gu, ' ')
    .trim();

/** Header words per column; a header matches when it equals one, or starts with one. */
const HEADERS: Record<ImportColumn, string[]> = {
  id: ['id', 'identifiant', 'measure id', 'id mesure', 'المعرف', 'معرف'],
  title: ['mesure', 'mesures', 'action', 'actions', 'intitule', 'measure', 'title', 'titre', 'الإجراء', 'الاجراء', 'الإجراءات', 'التدبير', 'الإجراء المقترح'],
  lead: ['responsable', 'chef de file', 'organisation responsable', 'porteur', 'lead', 'lead organisation', 'responsible', 'الجهة المكلفة', 'الجهة المسؤولة', 'المسؤول'],
  partners: ['partenaires', 'partenaire', 'partners', 'partner', 'الشركاء', 'الجهات الشريكة'],
  start: ['debut', 'date de debut', 'start', 'start date', 'البداية', 'تاريخ البداية', 'تاريخ الانطلاق'],
  due: ['echeance', 'delai', 'date d echeance', 'date limite', 'due', 'due date', 'deadline', 'الأجل', 'الاجل', 'أجل الإنجاز', 'تاريخ الانتهاء'],
  status: ['statut', 'etat', 'status', 'الحالة', 'الوضعية'],
  progress: ['avancement', 'taux d avancement', 'progression', 'progress', '%', 'نسبة الإنجاز', 'نسبة الانجاز', 'التقدم'],
  indicator: ['indicateur', 'indicateurs', 'indicator', 'indicators', 'المؤشر', 'المؤشرات'],
  // The indicator's values, as our exports name them and as plans often do ("Valeur cible",
  // "Indicateur - cible", "Baseline"). Not "Objectif" or "Référence" alone: plans use those for
  // the measure's objective and a reference number.
  indicatorBaseline: [
    'valeur de reference',
    'situation de reference',
    'valeur initiale',
    'reference initiale',
    'baseline',
    'baseline value',
    'القيمة المرجعية',
    'خط الأساس',
    'الوضعية المرجعية',
    'القيمة الأساسية',
  ],
  indicatorTarget: ['cible', 'valeur cible', 'cible visee', 'target', 'target value', 'القيمة المستهدفة', 'المستهدف', 'الهدف المرقم'],
  indicatorCurrent: ['valeur actuelle', 'valeur atteinte', 'valeur realisee', 'current', 'current value', 'actual value', 'القيمة الحالية', 'القيمة المحققة', 'القيمة المنجزة'],
  indicatorUnit: ['unite', 'unite de mesure', 'unit', 'unit of measure', 'الوحدة', 'وحدة القياس'],
  budget: ['budget', 'budget mad', 'budget dh', 'cout', 'cost', 'الميزانية', 'الكلفة', 'التكلفة'],
  currency: ['devise', 'monnaie', 'currency', 'العملة'],
};

/** ISO codes, and the words and signs people write for them */
const CURRENCY_INDEX = new Map<string, Currency>([
  ['MAD', 'MAD'],
  ['DH', 'MAD'],
  ['DHS', 'MAD'],
  ['DIRHAM', 'MAD'],
  ['DIRHAMS', 'MAD'],
  ['درهم', 'MAD'],
  ['EUR', 'EUR'],
  ['€', 'EUR'],
  ['EURO', 'EUR'],
  ['EUROS', 'EUR'],
  ['يورو', 'EUR'],
  ['USD', 'USD'],
  ['$', 'USD'],
  ['US$', 'USD'],
  ['DOLLAR', 'USD'],
  ['DOLLARS', 'USD'],
  ['دولار', 'USD'],
]);

const HEADER_INDEX = new Map<string, ImportColumn>();
for (const column of IMPORT_COLUMNS) for (const word of HEADERS[column]) HEADER_INDEX.set(normalise(word), column);

const INDICATOR_WORDS = ['indicateur', 'indicator', 'المؤشر'].map(normalise);
const INDICATOR_DETAILS = new Set<ImportColumn>(['indicatorBaseline', 'indicatorTarget', 'indicatorCurrent', 'indicatorUnit']);

export function recogniseHeader(text: string): ImportColumn | null {
  const key = normalise(text);
  if (!key) return null;
  const exact = HEADER_INDEX.get(key);
  if (exact) return exact;
  // "Indicateur : cible", "Indicator baseline", "المؤشر القيمة المستهدفة": one of its values.
  for (const word of INDICATOR_WORDS) {
    if (!key.startsWith(`${word} `)) continue;
    const detail = recogniseHeader(key.slice(word.length + 1));
    if (detail && INDICATOR_DETAILS.has(detail)) return detail;
  }
  // "Budget (MAD)", "Échéance prévue", "Responsable de la mesure"…
  for (const [word, column] of HEADER_INDEX) if (word.length >= 3 && (key.startsWith(`${word} `) || key === word)) return column;
  return null;
}

/** Column per header cell; a column named twice keeps its first place. */
export function mapColumns(header: readonly string[]): (ImportColumn | null)[] {
  const seen = new Set<ImportColumn>();
  return header.map((text) => {
    const column = recogniseHeader(text);
    if (!column || seen.has(column)) return null;
    seen.add(column);
    return column;
  });
}

/** A header row that names a measure and at least two other measure columns. */
export function looksLikeMeasuresHeader(header: readonly string[]): boolean {
  const columns = new Set(mapColumns(header).filter(Boolean));
  return columns.has('title') && [...columns].filter((column) => column !== 'title').length >= 2;
}

export interface OrganisationLookup {
  find(name: string): string | null;
}

export function organisationLookup(organisations: Iterable<ExportOrganisation>, choices: Record<string, string> = {}): OrganisationLookup {
  const index = new Map<string, string>();
  for (const organisation of organisations) {
    for (const name of [organisation.code, organisation.nameFr, organisation.nameAr, organisation.nameEn, organisation.id]) index.set(normalise(name), organisation.id);
  }
  const known = new Set(index.values());
  for (const [name, id] of Object.entries(choices)) if (known.has(id)) index.set(normalise(name), id);
  return { find: (name) => index.get(normalise(name)) ?? null };
}

const STATUS_INDEX = new Map<string, MeasureStatus>();
for (const status of MEASURE_STATUSES) {
  STATUS_INDEX.set(normalise(status), status);
  for (const locale of LOCALES) STATUS_INDEX.set(normalise(LABELS[locale].measureStatus[status]), status);
}
for (const [word, status] of [
  ['en cours de realisation', 'in_progress'],
  ['realisee', 'done'],
  ['realise', 'done'],
  ['achevee', 'done'],
  ['terminee', 'done'],
  ['termine', 'done'],
  ['annule', 'cancelled'],
  ['bloque', 'blocked'],
  ['prevu', 'planned'],
  ['a venir', 'planned'],
  ['completed', 'done'],
  ['ongoing', 'in_progress'],
] as const) {
  STATUS_INDEX.set(normalise(word), status);
}

/** A cell's text; a lone dash (how exports show "none") is empty. */
const text = (cell: Cell): string => {
  const value = (cell === null ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell)).trim();
  return /^[—–-]$/.test(value) ? '' : value;
};

/** Excel's day 0 is 1899-12-30 (with its 1900 leap-year bug folded in). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

export function parseDate(cell: Cell): string | null | undefined {
  if (cell === null || text(cell) === '') return null;
  let date: Date | null = null;
  if (cell instanceof Date) date = cell;
  else if (typeof cell === 'number' && cell > 20000 && cell < 80000) date = new Date(EXCEL_EPOCH + Math.round(cell) * 86400000);
  else {
    const value = text(cell);
    const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(value);
    const european = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
    if (iso) date = new Date(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])));
    else if (european) date = new Date(Date.UTC(Number(european[3]), Number(european[2]) - 1, Number(european[1])));
    // The day must exist: 31/02 is refused rather than rolled over into March.
    if (date && (iso ? date.getUTCDate() !== Number(iso[3]) : european ? date.getUTCDate() !== Number(european[1]) : false)) return undefined;
  }
  if (!date || Number.isNaN(date.getTime())) return undefined;
  const year = date.getUTCFullYear();
  return year < 1900 || year > 2200 ? undefined : date.toISOString().slice(0, 10);
}

export function parseNumber(cell: Cell): number | null | undefined {
  if (cell === null || text(cell) === '') return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : undefined;
  const cleaned = text(cell)
    .replace(/[\u00a0\u202f\s]/g, '')
    .replace(/(mad|dh|dhs|درهم|%)$/i, '')
    .replace(/,(\d{1,2})$/, '.$1')
    .replace(/[,']/g, '');
  const value = Number(cleaned);
  return cleaned !== '' && Number.isFinite(value) ? value : undefined;
}

export interface RowContext {
  organisations: OrganisationLookup;
  newId: () => string;
  /** a measure of the document with this title, so a file without ids updates rather than duplicates */
  idForTitle?: (title: string) => string | null;
}

/**
 * Rows given a new id because no measure had their title when the file was read may find one by
 * the time the change is made (the same file imported twice at once): such a row then updates that
 * measure rather than adding a duplicate. Each measure is taken by one row at most. Pure.
 */
export function matchNewRowsByTitle<T extends { id: string; title: string }>(
  rows: readonly T[],
  newIds: ReadonlySet<string>,
  measures: readonly { id: string; title: string }[],
): T[] {
  const byTitle = new Map(measures.map((measure) => [measure.title.trim().toLowerCase(), measure.id]));
  const taken = new Set(rows.filter((row) => !newIds.has(row.id)).map((row) => row.id));
  return rows.map((row) => {
    if (!newIds.has(row.id)) return row;
    const id = byTitle.get(row.title.trim().toLowerCase());
    if (!id || taken.has(id)) return row;
    taken.add(id);
    return { ...row, id };
  });
}

export function validateRow(cells: readonly Cell[], mapping: readonly (ImportColumn | null)[], line: number, context: RowContext): ImportRow {
  const value = (column: ImportColumn): Cell => {
    const index = mapping.indexOf(column);
    return index < 0 ? null : (cells[index] ?? null);
  };
  const errors: ImportRowError[] = [];
  const fail = (column: ImportColumn, code: ImportRowError['code']) => errors.push({ column, code, value: text(value(column)).slice(0, 200) });

  const title = text(value('title')).slice(0, 500);
  if (!title) fail('title', 'required');
  const leadName = text(value('lead'));
  const lead = leadName ? context.organisations.find(leadName) : null;
  if (leadName && !lead) fail('lead', 'unknown_organisation');
  const partners: string[] = [];
  // Names hold commas ("Ministère de la Solidarité, de l’Insertion sociale…"): when a list uses
  // semicolons or lines, commas are part of the names.
  const partnerText = text(value('partners'));
  const separator = /[;\n؛]/.test(partnerText) || context.organisations.find(partnerText) ? /[;\n؛]+/ : /[,،]+/;
  for (const name of partnerText
    .split(separator)
    .map((part) => part.trim())
    .filter(Boolean)) {
    const id = context.organisations.find(name);
    if (id) partners.push(id);
    else errors.push({ column: 'partners', code: 'unknown_organisation', value: name.slice(0, 200) });
  }
  const start = parseDate(value('start'));
  if (start === undefined) fail('start', 'bad_date');
  const due = parseDate(value('due'));
  if (due === undefined) fail('due', 'bad_date');
  if (start && due && start > due) fail('start', 'start_after_due');
  const statusText = text(value('status'));
  const status = statusText ? STATUS_INDEX.get(normalise(statusText)) : 'planned';
  if (!status) fail('status', 'bad_status');
  let progress = parseNumber(value('progress'));
  // A percentage cell holds a fraction (0.45 for 45 %).
  if (typeof progress === 'number' && progress > 0 && progress < 1) progress = progress * 100;
  if (progress === undefined || (progress !== null && (progress < 0 || progress > 100))) fail('progress', 'bad_number');
  const budget = parseNumber(value('budget'));
  if (budget === undefined || (budget !== null && budget < 0)) fail('budget', 'bad_number');
  const currencyText = text(value('currency')).toUpperCase();
  const currency = currencyText ? CURRENCY_INDEX.get(currencyText) : undefined;
  if (currencyText && !currency) fail('currency', 'bad_currency');
  const indicator: Partial<Pick<MeasureFields, IndicatorDetailField>> = {};
  for (const column of ['indicatorBaseline', 'indicatorTarget', 'indicatorCurrent'] as const) {
    if (!mapping.includes(column)) continue;
    // A number as the grid takes it (finite, within bounds); "45 %" is 45.
    const parsed = parseNumber(value(column));
    if (parsed === undefined || (parsed !== null && indicatorValue(parsed) === null)) fail(column, 'bad_number');
    else indicator[column] = parsed;
  }
  if (mapping.includes('indicatorUnit')) {
    const unit = text(value('indicatorUnit'));
    if (unit.length > MEASURE_TEXT_LIMITS.indicatorUnit) fail('indicatorUnit', 'too_long');
    else indicator.indicatorUnit = unit;
  }
  const id = text(value('id')).slice(0, 64) || context.idForTitle?.(title) || context.newId();

  if (errors.length > 0) return { line, measure: null, errors };
  // An empty cell of a column the file has clears the value; a column it lacks is left out.
  const has = (column: ImportColumn) => mapping.includes(column);
  return {
    line,
    errors,
    measure: {
      id,
      title,
      ...(has('lead') ? { leadOrganisationId: lead } : {}),
      ...(has('partners') ? { partnerOrganisationIds: [...new Set(partners.filter((partner) => partner !== lead))] } : {}),
      ...(has('start') ? { start: start ?? null } : {}),
      ...(has('due') ? { due: due ?? null } : {}),
      ...(has('status') ? { status: status! } : {}),
      ...(has('progress') ? { progress: Math.round(progress ?? 0) } : {}),
      ...(has('indicator') ? { indicator: text(value('indicator')).slice(0, 1000) } : {}),
      ...(has('budget') ? { budget: budget ?? null } : {}),
      ...(currency ? { currency } : {}),
      ...indicator,
    },
  };
}
