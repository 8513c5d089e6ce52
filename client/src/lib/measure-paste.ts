import { CURRENCIES, MEASURE_STATUSES, type Currency, type MeasureFields, type MeasureStatus } from '../../../shared/doc-schema.ts';

/**
 * A block copied from Excel or LibreOffice (tab-separated, quoted cells for line breaks) read as
 * new measures, columns in the grid's order: measure, lead, partners, start, due, status,
 * progress, indicator, budget, notes. A first line of column names is skipped. Pure: the grid
 * shows the result as a preview before anything is written.
 */

export interface PasteContext {
  organisations: Array<{ id: string; code: string; names: Record<string, string> }>;
  /** every language's name of each status, lower case */
  statusNames: Record<MeasureStatus, string[]>;
  /** every language's name of the measure column, lower case: a line starting with one is a header */
  titleHeaders: string[];
}

export interface PastedMeasure {
  fields: Omit<Partial<MeasureFields>, 'id'> & { title: string };
  /** cells that could not be read, by column name (kept as nothing) */
  unread: string[];
}

export const PASTE_COLUMNS = ['title', 'lead', 'partners', 'start', 'due', 'status', 'progress', 'indicator', 'budget', 'notes'] as const;
export const MAX_PASTED_ROWS = 500;

/** Cells of tab-separated text; a quoted cell may hold tabs, line breaks and doubled quotes. */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const source = text.replace(/\r\n?/g, '\n');
  while (i < source.length) {
    const char = source[i]!;
    if (cell === '' && char === '"') {
      const end = closingQuote(source, i + 1);
      if (end > 0) {
        cell = source.slice(i + 1, end).replaceAll('""', '"');
        i = end + 1;
        continue;
      }
    }
    if (char === '\t') {
      row.push(cell);
      cell = '';
    } else if (char === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
    i++;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows.filter((cells) => cells.some((value) => value.trim() !== ''));
}

/** Index of the quote closing a quoted cell that starts at `from`, if it ends the cell; else -1. */
function closingQuote(source: string, from: number): number {
  for (let i = from; i < source.length; i++) {
    if (source[i] !== '"') continue;
    if (source[i + 1] === '"') {
      i++;
      continue;
    }
    return i + 1 >= source.length || source[i + 1] === '\t' || source[i + 1] === '\n' ? i : -1;
  }
  return -1;
}

export function pastedMeasures(text: string, context: PasteContext): PastedMeasure[] {
  let rows = parseTsv(text);
  if (rows[0] && context.titleHeaders.includes(rows[0][0]!.trim().toLowerCase())) rows = rows.slice(1);
  return rows.slice(0, MAX_PASTED_ROWS).map((cells) => readRow(cells, context));
}

function readRow(cells: string[], context: PasteContext): PastedMeasure {
  const cell = (column: (typeof PASTE_COLUMNS)[number]) => (cells[PASTE_COLUMNS.indexOf(column)] ?? '').trim();
  const unread: string[] = [];
  const read = <T>(column: (typeof PASTE_COLUMNS)[number], parse: (raw: string) => T | null): T | null => {
    const raw = cell(column);
    if (raw === '') return null;
    const value = parse(raw);
    if (value === null) unread.push(column);
    return value;
  };
  const organisation = (raw: string) => findOrganisation(raw, context);
  const partners =
    cell('partners') === ''
      ? []
      : cell('partners')
          .split(/[;,\n]/)
          .map((name) => name.trim())
          .filter(Boolean);
  const partnerIds = partners.map(organisation);
  if (partnerIds.includes(null)) unread.push('partners');
  const money = read('budget', parseMoney);
  const fields: PastedMeasure['fields'] = {
    title: cell('title').slice(0, 500),
    leadOrganisationId: read('lead', organisation),
    partnerOrganisationIds: partnerIds.filter((id): id is string => id !== null),
    start: read('start', parseDate),
    due: read('due', parseDate),
    status: read('status', (raw) => findStatus(raw, context)) ?? 'planned',
    progress: read('progress', parseProgress) ?? 0,
    indicator: cell('indicator').slice(0, 1000),
    budget: money?.amount ?? null,
    currency: money?.currency ?? 'MAD',
    notes: cell('notes').slice(0, 5000),
  };
  return { fields, unread };
}

function findOrganisation(raw: string, context: PasteContext): string | null {
  const wanted = raw.toLowerCase();
  const found = context.organisations.find((o) => o.code.toLowerCase() === wanted || Object.values(o.names).some((name) => name.toLowerCase() === wanted));
  return found?.id ?? null;
}

function findStatus(raw: string, context: PasteContext): MeasureStatus | null {
  const wanted = raw.toLowerCase();
  return MEASURE_STATUSES.find((status) => status === wanted || context.statusNames[status].includes(wanted)) ?? null;
}

/** YYYY-MM-DD, or a day-first date as French and Moroccan spreadsheets write it (31/12/2026). */
export function parseDate(raw: string): string | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(raw);
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(raw);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : dayFirst ? [dayFirst[3], dayFirst[2], dayFirst[1]] : [];
  if (!year) return null;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return null;
  return date.toISOString().slice(0, 10);
}

function parseProgress(raw: string): number | null {
  const value = Number(raw.replace('%', '').replace(',', '.').trim());
  return Number.isFinite(value) && value >= 0 && value <= 100 ? Math.round(value) : null;
}

/**
 * An amount as spreadsheets print it in any of our languages: "1 500 000 MAD", "€2,500,000",
 * "1.500.000,50 $". Of "." and ",", the last one followed by other than three digits is decimal.
 */
export function parseMoney(raw: string): { amount: number; currency: Currency } | null {
  const upper = raw.toUpperCase();
  const currency: Currency = upper.includes('€') || upper.includes('EUR') ? 'EUR' : upper.includes('$') || upper.includes('USD') ? 'USD' : CURRENCIES[0];
  const number = raw.replace(/[^\d.,]/g, '');
  if (!/\d/.test(number)) return null;
  const last = Math.max(number.lastIndexOf('.'), number.lastIndexOf(','));
  const decimals = last >= 0 && number.length - last - 1 !== 3 && number.indexOf(number[last]!) === last;
  const whole = (decimals ? number.slice(0, last) : number).replace(/[.,]/g, '');
  const amount = Number(decimals ? `${whole}.${number.slice(last + 1)}` : whole);
  return Number.isFinite(amount) && amount >= 0 ? { amount, currency } : null;
}
