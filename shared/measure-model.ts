import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';
import * as Y from 'yjs';

/**
 * The measures of an action plan inside a document's Y.Doc (see doc-schema.ts), and the one set
 * of readers and writers everyone goes through: the web client, the server's projection, the
 * Slack bot, import/export.
 *
 *   measures  Y.Array<Y.Map>  one map per row; the array's order means nothing (see below)
 *
 * A row's map holds:
 *   id                       string, stable
 *   order                    string, a fractional index key: rows are shown sorted by it, then by id
 *   title, indicator, notes  Y.Text, edited character by character, so concurrent typing merges
 *   indicatorUnit            Y.Text too (a short free text: "%", "personnes", "MAD")
 *   indicatorBaseline, indicatorTarget, indicatorCurrent
 *                            numbers or null: the indicator's values; `indicator` stays its name
 *   everything else          plain values (MeasureFields), last writer wins per field
 *
 * The history of the current value (who set it, when) is NOT in the Y.Doc: any client can write
 * anything into the doc, including a `by` naming someone else. The server records each change of
 * `indicatorCurrent` with the authenticated author of the update that made it
 * (server/collab/indicator-history.ts) in SQL, where clients cannot write.
 *
 * Moving a row sets its `order`: two people moving the same row concurrently leave one row
 * (one of the two keys wins), and an edit made meanwhile stays in the same map. The array is
 * only ever appended to (new rows) and deleted from (removed rows).
 *
 * Model 1 (before 2026-12) held text cells as strings and the order in the array, moving rows by
 * delete-and-reinsert. The readers here read both; the server migrates a document when it loads
 * it (server/collab/measure-migration.ts), and a client converts a string cell before typing in it.
 */
export const MEASURES_FIELD = 'measures';
export const ORDER_KEY = 'order';

export const MEASURE_STATUSES = ['planned', 'in_progress', 'done', 'blocked', 'cancelled'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

export const CURRENCIES = ['MAD', 'EUR', 'USD'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** the free-text cells, each a Y.Text, with the length a reader keeps of them */
export const MEASURE_TEXT_LIMITS = { title: 500, indicator: 1000, notes: 5000, indicatorUnit: 40 } as const;
export type MeasureTextField = keyof typeof MEASURE_TEXT_LIMITS;
export const MEASURE_TEXT_FIELDS = Object.keys(MEASURE_TEXT_LIMITS) as MeasureTextField[];

export interface MeasureFields {
  id: string;
  title: string;
  leadOrganisationId: string | null;
  partnerOrganisationIds: string[];
  /** ISO dates, YYYY-MM-DD */
  start: string | null;
  due: string | null;
  status: MeasureStatus;
  /** 0–100 */
  progress: number;
  /** the indicator's name (free text) */
  indicator: string;
  indicatorBaseline: number | null;
  indicatorTarget: number | null;
  indicatorCurrent: number | null;
  /** "%", "personnes", … */
  indicatorUnit: string;
  /** in `currency` */
  budget: number | null;
  currency: Currency;
  notes: string;
}

/** What a field holds, for those that write or read it by kind (the measures sheet formats its cells so). */
export type MeasureFieldKind = 'id' | 'text' | 'organisation' | 'organisations' | 'date' | 'status' | 'percent' | 'number' | 'money' | 'currency';

/**
 * Every field of a measure, once, in the order files show them: its key in MeasureFields, its
 * kind, the column an imported measures table gives it in (shared/api/files.ts IMPORT_COLUMNS;
 * server/import/measure-rows.ts recognises the headers) and the label key that heads its column
 * in an exported sheet (server/export/model.ts LABELS); null where files leave it out (notes).
 * The measures' history (server/collab/measure-history.ts) compares every field.
 */
export const MEASURE_FIELD_SPECS = [
  { field: 'id', kind: 'id', importColumn: 'id', sheetLabel: 'id' },
  { field: 'title', kind: 'text', importColumn: 'title', sheetLabel: 'measure' },
  { field: 'leadOrganisationId', kind: 'organisation', importColumn: 'lead', sheetLabel: 'measureLead' },
  { field: 'partnerOrganisationIds', kind: 'organisations', importColumn: 'partners', sheetLabel: 'partners' },
  { field: 'start', kind: 'date', importColumn: 'start', sheetLabel: 'start' },
  { field: 'due', kind: 'date', importColumn: 'due', sheetLabel: 'due' },
  { field: 'status', kind: 'status', importColumn: 'status', sheetLabel: 'status' },
  { field: 'progress', kind: 'percent', importColumn: 'progress', sheetLabel: 'progress' },
  { field: 'indicator', kind: 'text', importColumn: 'indicator', sheetLabel: 'indicator' },
  { field: 'indicatorBaseline', kind: 'number', importColumn: 'indicatorBaseline', sheetLabel: 'indicatorBaseline' },
  { field: 'indicatorTarget', kind: 'number', importColumn: 'indicatorTarget', sheetLabel: 'indicatorTarget' },
  { field: 'indicatorCurrent', kind: 'number', importColumn: 'indicatorCurrent', sheetLabel: 'indicatorCurrent' },
  { field: 'indicatorUnit', kind: 'text', importColumn: 'indicatorUnit', sheetLabel: 'indicatorUnit' },
  { field: 'budget', kind: 'money', importColumn: 'budget', sheetLabel: 'budget' },
  { field: 'currency', kind: 'currency', importColumn: 'currency', sheetLabel: 'currency' },
  { field: 'notes', kind: 'text', importColumn: null, sheetLabel: null },
] as const satisfies ReadonlyArray<{ field: keyof MeasureFields; kind: MeasureFieldKind; importColumn: string | null; sheetLabel: string | null }>;

export type MeasureFieldSpec = (typeof MEASURE_FIELD_SPECS)[number];
/** the fields that files carry (all but notes) */
export type MeasureFileFieldSpec = Extract<MeasureFieldSpec, { importColumn: string }>;

/** every key of MeasureFields, in the order of MEASURE_FIELD_SPECS */
export const MEASURE_FIELD_KEYS: readonly MeasureFieldSpec['field'][] = MEASURE_FIELD_SPECS.map((spec) => spec.field);

/** the fields files carry, in their columns' order */
export const MEASURE_FILE_FIELDS: readonly MeasureFileFieldSpec[] = MEASURE_FIELD_SPECS.filter((spec): spec is MeasureFileFieldSpec => spec.importColumn !== null);

/** the structured parts of a measure's indicator, beside its name */
export type IndicatorDetailField = IndicatorValueField | 'indicatorUnit';

export const measuresOf = (doc: Y.Doc): Y.Array<Y.Map<unknown>> => doc.getArray<Y.Map<unknown>>(MEASURES_FIELD);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Indicator values beyond this magnitude are refused (PostgreSQL and the charts keep them exact). */
export const MAX_INDICATOR_MAGNITUDE = 1e15;
export const INDICATOR_VALUE_FIELDS = ['indicatorBaseline', 'indicatorTarget', 'indicatorCurrent'] as const;
export type IndicatorValueField = (typeof INDICATOR_VALUE_FIELDS)[number];

/** An indicator value as written by any client: a finite number within bounds, else null. */
export function indicatorValue(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_INDICATOR_MAGNITUDE ? value : null;
}

export const isTextField = (key: string): key is MeasureTextField => Object.hasOwn(MEASURE_TEXT_LIMITS, key);

/** A text cell's content, whichever model wrote it (Y.Text now, a string before). */
export function cellText(value: unknown): string {
  if (value instanceof Y.Text) return value.toString();
  return typeof value === 'string' ? value : '';
}

/**
 * Reads a measure row defensively: any client can write any value into the map, so every field
 * is coerced to its type and out-of-range values fall back to safe defaults.
 */
export function readMeasure(map: Y.Map<unknown>): MeasureFields {
  const text = (key: MeasureTextField) => cellText(map.get(key)).slice(0, MEASURE_TEXT_LIMITS[key]);
  const date = (key: string) => {
    const value = map.get(key);
    return typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value)) ? value : null;
  };
  const id = map.get('id');
  const start = date('start');
  const due = date('due');
  const status = map.get('status');
  const progress = Number(map.get('progress'));
  const budget = map.get('budget');
  const currency = map.get('currency');
  const partners = map.get('partnerOrganisationIds');
  const lead = map.get('leadOrganisationId');
  return {
    id: typeof id === 'string' ? id.slice(0, 64) : '',
    title: text('title'),
    leadOrganisationId: typeof lead === 'string' && lead ? lead : null,
    partnerOrganisationIds: Array.isArray(partners) ? partners.filter((p): p is string => typeof p === 'string').slice(0, 100) : [],
    // Never after the due date, whatever two concurrent edits left (see datesOutOfOrder).
    start: start !== null && due !== null && start > due ? due : start,
    due,
    status: MEASURE_STATUSES.includes(status as MeasureStatus) ? (status as MeasureStatus) : 'planned',
    progress: Number.isFinite(progress) ? Math.min(100, Math.max(0, Math.round(progress))) : 0,
    indicator: text('indicator'),
    indicatorBaseline: indicatorValue(map.get('indicatorBaseline')),
    indicatorTarget: indicatorValue(map.get('indicatorTarget')),
    indicatorCurrent: indicatorValue(map.get('indicatorCurrent')),
    indicatorUnit: text('indicatorUnit'),
    budget: typeof budget === 'number' && Number.isFinite(budget) && budget >= 0 ? budget : null,
    currency: CURRENCIES.includes(currency as Currency) ? (currency as Currency) : 'MAD',
    notes: text('notes'),
  };
}

// ---- order -------------------------------------------------------------------------------------

/** A key fractional-indexing accepts (any client may write anything into `order`). */
export function isOrderKey(value: unknown): value is string {
  if (typeof value !== 'string' || value.length < 2 || value.length > 128 || !/^[A-Za-z][0-9A-Za-z]*$/.test(value)) return false;
  const head = value.charCodeAt(0);
  const integerLength = head >= 97 ? head - 97 + 2 : 90 - head + 2;
  if (value.length < integerLength) return false;
  const fraction = value.slice(integerLength);
  return !fraction.endsWith('0') && value !== `A${'0'.repeat(26)}`;
}

export interface MeasureRow {
  id: string;
  map: Y.Map<unknown>;
  /** null for a row of model 1 not yet given a key */
  order: string | null;
}

/**
 * The rows in the order everyone shows them: by key, then by id; rows without a key (model 1)
 * after them in array order. Of two rows with one id (an old client's concurrent moves, a
 * hostile client) the first shown counts, here and in every reader.
 */
export function measureRows(doc: Y.Doc): MeasureRow[] {
  const rows: MeasureRow[] = [];
  for (const item of measuresOf(doc).toArray()) {
    if (!(item instanceof Y.Map)) continue;
    const id = item.get('id');
    if (typeof id !== 'string' || id === '') continue;
    const order = item.get(ORDER_KEY);
    rows.push({ id: id.slice(0, 64), map: item, order: isOrderKey(order) ? order : null });
  }
  // Array.prototype.sort is stable: unkeyed rows, and equal keys with equal ids, keep array order.
  rows.sort((a, b) => {
    if (a.order === null || b.order === null) return a.order === b.order ? 0 : a.order === null ? 1 : -1;
    return a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  const seen = new Set<string>();
  return rows.filter((row) => (seen.has(row.id) ? false : (seen.add(row.id), true)));
}

export function readMeasures(doc: Y.Doc): MeasureFields[] {
  return measureRows(doc).map((row) => readMeasure(row.map));
}

export function findMeasure(doc: Y.Doc, id: string): Y.Map<unknown> | undefined {
  // One pass without sorting in the usual case (one row with that id): every cell of a long plan
  // looks its row up. Two copies go through measureRows, so the one shown is the one found.
  let found: Y.Map<unknown> | undefined;
  for (const item of measuresOf(doc).toArray()) {
    if (!(item instanceof Y.Map) || item.get('id') !== id) continue;
    if (found) return measureRows(doc).find((row) => row.id === id)?.map;
    found = item;
  }
  return found;
}

/**
 * Gives keys to the rows that have none, after the keyed ones, in array order. Deterministic: two
 * replicas in the same state give every row the same key, so concurrent runs agree.
 */
export function keyUnorderedRows(doc: Y.Doc, rows: MeasureRow[] = measureRows(doc)): boolean {
  const unkeyed = rows.filter((row) => row.order === null);
  if (unkeyed.length === 0) return false;
  const last = rows.findLast((row) => row.order !== null)?.order ?? null;
  const keys = generateNKeysBetween(last, null, unkeyed.length);
  unkeyed.forEach((row, index) => {
    row.map.set(ORDER_KEY, keys[index]);
    row.order = keys[index]!;
  });
  return true;
}

const JITTER_DIGITS = '123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * A key strictly between `lower` and `upper` (either may be null), with two random digits added
 * so that two people putting a row at the same place at once rarely get equal keys.
 */
export function keyBetween(lower: string | null, upper: string | null): string {
  const key = generateKeyBetween(lower, upper);
  const jitter = Array.from({ length: 2 }, () => JITTER_DIGITS[Math.floor(Math.random() * JITTER_DIGITS.length)]).join('');
  // generateKeyBetween may return a prefix of `upper` ('a0' below 'a0V'): jitter would pass it.
  return upper === null || key + jitter < upper ? key + jitter : key;
}

/** The key for a row placed at `index` of `others` (the shown rows without it). */
function keyAt(others: MeasureRow[], index: number): string {
  const lower = others[index - 1]?.order ?? null;
  let upper = others[index]?.order ?? null;
  if (lower !== null && upper !== null && lower >= upper) {
    // Equal keys (concurrent inserts at one place): go after every row sharing the lower key.
    upper = others.slice(index).find((row) => row.order! > lower)?.order ?? null;
  }
  return keyBetween(lower, upper);
}

/** A new row's map with every field: text cells as Y.Text, defaults for what is not given. */
export function newMeasureMap(fields: Partial<MeasureFields> & { id: string }, order?: string): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(completeMeasure(fields))) map.set(key, isTextField(key) ? new Y.Text(String(value)) : value);
  if (order !== undefined) map.set(ORDER_KEY, order);
  return map;
}

/** A measure as a new row of the table holds it: the given fields, defaults for the rest. */
export function completeMeasure(fields: Partial<MeasureFields> & { id: string }): MeasureFields {
  return {
    title: '',
    leadOrganisationId: null,
    partnerOrganisationIds: [],
    start: null,
    due: null,
    status: 'planned',
    progress: 0,
    indicator: '',
    indicatorBaseline: null,
    indicatorTarget: null,
    indicatorCurrent: null,
    indicatorUnit: '',
    budget: null,
    currency: 'MAD',
    notes: '',
    ...fields,
  };
}

/** Adds a row shown at `at` (default: last), in one transaction. */
export function createMeasure(doc: Y.Doc, fields: Partial<MeasureFields> & { id: string }, at?: number, origin?: unknown): void {
  doc.transact(() => {
    const rows = measureRows(doc);
    keyUnorderedRows(doc, rows);
    const index = Math.max(0, Math.min(at ?? rows.length, rows.length));
    measuresOf(doc).push([newMeasureMap(fields, keyAt(rows, index))]);
  }, origin);
}

/** Several rows at the end, in the given order, in one transaction (import, templates, the demo). */
export function appendMeasures(doc: Y.Doc, list: ReadonlyArray<Partial<MeasureFields> & { id: string }>, origin?: unknown): void {
  if (list.length === 0) return;
  doc.transact(() => {
    const rows = measureRows(doc);
    keyUnorderedRows(doc, rows);
    const keys = generateNKeysBetween(rows.at(-1)?.order ?? null, null, list.length);
    measuresOf(doc).push(list.map((fields, index) => newMeasureMap(fields, keys[index])));
  }, origin);
}

/** Moves a row to shown position `to`: one field of that row changes. False when nothing moves. */
export function moveMeasureTo(doc: Y.Doc, id: string, to: number, origin?: unknown): boolean {
  const rows = measureRows(doc);
  const from = rows.findIndex((row) => row.id === id);
  if (from < 0 || to < 0 || to >= rows.length || to === from) return false;
  doc.transact(() => {
    keyUnorderedRows(doc, rows);
    const others = rows.filter((row) => row.id !== id);
    rows[from]!.map.set(ORDER_KEY, keyAt(others, to));
  }, origin);
  return true;
}

export function deleteMeasureRow(doc: Y.Doc, id: string, origin?: unknown): boolean {
  const measures = measuresOf(doc);
  const items = measures.toArray();
  const index = items.findIndex((item) => item instanceof Y.Map && item.get('id') === id);
  if (index < 0) return false;
  // Every copy of the row goes (an old client's concurrent moves may have left two).
  doc.transact(() => {
    for (let i = items.length - 1; i >= index; i--) if (items[i] instanceof Y.Map && items[i]!.get('id') === id) measures.delete(i, 1);
  }, origin);
  return true;
}

// ---- text cells --------------------------------------------------------------------------------

/**
 * The Y.Text of a cell, to bind an input to. A cell still holding a string (model 1, or an old
 * client's write) is converted first: one map write of the same content.
 */
export function measureText(doc: Y.Doc, id: string, field: MeasureTextField): Y.Text | null {
  const map = findMeasure(doc, id);
  if (!map) return null;
  const value = map.get(field);
  if (value instanceof Y.Text) return value;
  const text = new Y.Text(cellText(value));
  doc.transact(() => map.set(field, text));
  return text;
}

/**
 * Makes `text` read `value` with the smallest single change, so a concurrent edit elsewhere in
 * the cell survives, as typing would. `cursor` (the caret after the change, as an input reports
 * it) settles where a change between repeated characters is: typing "a" after the first "a" of
 * "ab" is an insertion at 1, not at 2, so the caret of a concurrent typist lands where it should.
 */
export function applyTextChange(text: Y.Text, value: string, cursor?: number): void {
  const change = textChange(text.toString(), value, cursor);
  if (!change) return;
  const write = () => {
    if (change.deleteCount > 0) text.delete(change.start, change.deleteCount);
    if (change.insert) text.insert(change.start, change.insert);
  };
  if (text.doc) text.doc.transact(write);
  else write();
}

/** The one replacement that turns `current` into `value` (see applyTextChange); null when equal. */
export function textChange(current: string, value: string, cursor?: number): { start: number; deleteCount: number; insert: string } | null {
  if (current === value) return null;
  const shortest = Math.min(current.length, value.length);
  let end = 0;
  const maxEnd = cursor === undefined ? shortest : Math.max(0, Math.min(shortest, value.length - cursor));
  while (end < maxEnd && current.charCodeAt(current.length - 1 - end) === value.charCodeAt(value.length - 1 - end)) end++;
  let start = 0;
  while (start < shortest - end && current.charCodeAt(start) === value.charCodeAt(start)) start++;
  // Never split a surrogate pair.
  if (start > 0 && isHighSurrogate(current.charCodeAt(start - 1))) start--;
  if (end > 0 && isLowSurrogate(current.charCodeAt(current.length - end))) end--;
  return { start, deleteCount: current.length - start - end, insert: value.slice(start, value.length - end) };
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Sets one field; a text cell is changed in place (see applyTextChange), never replaced. */
export function setMeasureField<K extends Exclude<keyof MeasureFields, 'id'>>(map: Y.Map<unknown>, key: K, value: MeasureFields[K]): void {
  if (isTextField(key)) {
    const current = map.get(key);
    if (current instanceof Y.Text) applyTextChange(current, String(value ?? ''));
    else map.set(key, new Y.Text(String(value ?? '')));
    return;
  }
  map.set(key, value);
}

/** Sets some fields of one measure in one transaction; false when the measure does not exist. */
export function updateMeasure(doc: Y.Doc, id: string, patch: Partial<Omit<MeasureFields, 'id'>>, origin?: unknown): boolean {
  const map = findMeasure(doc, id);
  if (!map) return false;
  doc.transact(() => {
    for (const [key, value] of Object.entries(patch) as Array<[Exclude<keyof MeasureFields, 'id'>, never]>) {
      if (value !== undefined) setMeasureField(map, key, value);
    }
  }, origin);
  return true;
}

/** A YYYY-MM-DD date that exists on the calendar (2026-02-30 does not). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}

/**
 * Sets a measure's start and/or due date (as a Gantt drop does) in one transaction. Writes
 * nothing and returns false when the measure does not exist, a date is not a calendar date, or
 * the start would fall after the due date.
 */
export function setMeasureDates(doc: Y.Doc, id: string, dates: { start?: string | null; due?: string | null }, origin?: unknown): boolean {
  const map = findMeasure(doc, id);
  if (!map) return false;
  const current = readMeasure(map);
  const start = dates.start === undefined ? current.start : dates.start;
  const due = dates.due === undefined ? current.due : dates.due;
  for (const value of [start, due]) if (value !== null && !isCalendarDate(value)) return false;
  if (start !== null && due !== null && start > due) return false;
  const patch: Partial<Pick<MeasureFields, 'start' | 'due'>> = {};
  if (dates.start !== undefined) patch.start = start;
  if (dates.due !== undefined) patch.due = due;
  return updateMeasure(doc, id, patch, origin);
}

// ---- dates in order ----------------------------------------------------------------------------

/**
 * True when a row stores a start after its due date. Each client checks its own writes
 * (setMeasureDates), but two people can each make a valid change at once — one moves the start
 * later, the other the due date earlier — and the merge holds both. Readers then read the start
 * as the due date (readMeasure): the due date is the commitment that overdue lists, reports and
 * reminders follow, so it is the one kept. The server writes that reading back into the document
 * (migrateMeasures), so the stored rows hold it too.
 */
export function datesOutOfOrder(map: Y.Map<unknown>): boolean {
  const start = map.get('start');
  const due = map.get('due');
  return isCalendarDate(start) && isCalendarDate(due) && start > due;
}

/** True when a transaction left some measure's start after its due date (a concurrent merge). */
export function leftDatesOutOfOrder(transaction: Y.Transaction): boolean {
  for (const [type, keys] of transaction.changed) {
    if (type instanceof Y.Map && (keys.has('start') || keys.has('due')) && type.parent instanceof Y.Array && type.parent === measuresOf(type.doc!) && datesOutOfOrder(type))
      return true;
  }
  return false;
}

// ---- migration from model 1 ------------------------------------------------------------------

/** True when some row has a text cell that is not a Y.Text, no order key, or a start after its due date. */
export function needsMeasureMigration(doc: Y.Doc): boolean {
  return measureRows(doc).some((row) => row.order === null || datesOutOfOrder(row.map) || MEASURE_TEXT_FIELDS.some((field) => !(row.map.get(field) instanceof Y.Text)));
}

/**
 * Converts model-1 rows in place: string cells become Y.Text of the same content, missing ones
 * (notes, then the indicator's unit, came later) empty Y.Texts, so that no client has to create one while someone else may
 * be doing the same; unkeyed rows get keys in their current order; a start stored after its due
 * date (two concurrent edits) becomes the due date, as readers read it. Deterministic (a replica in
 * the same state makes the same changes), idempotent, and an update on top of the history,
 * which stays. Run it in a transaction.
 */
export function migrateMeasures(doc: Y.Doc): boolean {
  let changed = false;
  const rows = measureRows(doc);
  for (const { map } of rows) {
    if (datesOutOfOrder(map)) {
      map.set('start', map.get('due'));
      changed = true;
    }
    for (const field of MEASURE_TEXT_FIELDS) {
      const value = map.get(field);
      if (value instanceof Y.Text) continue;
      map.set(field, new Y.Text(cellText(value)));
      changed = true;
    }
  }
  return keyUnorderedRows(doc, rows) || changed;
}
