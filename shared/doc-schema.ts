import * as Y from 'yjs';
import { readRichText, type RichBlock } from './rich-text.ts';

/**
 * The one description of what lives where inside a document's Y.Doc, imported by the server, the
 * web client and the bot.
 *
 *   body      Y.XmlFragment  rich text, ProseMirror/Tiptap nodes (heading, paragraph, lists, table…)
 *   measures  Y.Array<Y.Map> rows of an action plan (see MeasureFields)
 *   meta      Y.Map          small document-level settings edited live (e.g. body direction)
 */
export const BODY_FIELD = 'body';
export const MEASURES_FIELD = 'measures';
export const META_FIELD = 'meta';

export const MEASURE_STATUSES = ['planned', 'in_progress', 'done', 'blocked', 'cancelled'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

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
  indicator: string;
  /** in Moroccan dirhams */
  budget: number | null;
}

export const bodyOf = (doc: Y.Doc): Y.XmlFragment => doc.getXmlFragment(BODY_FIELD);
export const measuresOf = (doc: Y.Doc): Y.Array<Y.Map<unknown>> => doc.getArray<Y.Map<unknown>>(MEASURES_FIELD);
export const metaOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(META_FIELD);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads a measure row defensively: any client can write any value into the map, so every field
 * is coerced to its type and out-of-range values fall back to safe defaults.
 */
export function readMeasure(map: Y.Map<unknown>): MeasureFields {
  const text = (key: string, max = 2000) => {
    const value = map.get(key);
    return typeof value === 'string' ? value.slice(0, max) : '';
  };
  const date = (key: string) => {
    const value = map.get(key);
    return typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value)) ? value : null;
  };
  const status = map.get('status');
  const progress = Number(map.get('progress'));
  const budget = map.get('budget');
  const partners = map.get('partnerOrganisationIds');
  const lead = map.get('leadOrganisationId');
  return {
    id: text('id', 64),
    title: text('title', 500),
    leadOrganisationId: typeof lead === 'string' && lead ? lead : null,
    partnerOrganisationIds: Array.isArray(partners) ? partners.filter((p): p is string => typeof p === 'string').slice(0, 100) : [],
    start: date('start'),
    due: date('due'),
    status: MEASURE_STATUSES.includes(status as MeasureStatus) ? (status as MeasureStatus) : 'planned',
    progress: Number.isFinite(progress) ? Math.min(100, Math.max(0, Math.round(progress))) : 0,
    indicator: text('indicator', 1000),
    budget: typeof budget === 'number' && Number.isFinite(budget) && budget >= 0 ? budget : null,
  };
}

export function readMeasures(doc: Y.Doc): MeasureFields[] {
  return measuresOf(doc)
    .toArray()
    .filter((item): item is Y.Map<unknown> => item instanceof Y.Map)
    .map(readMeasure)
    .filter((measure) => measure.id !== '');
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
    budget: null,
    ...fields,
  };
}

export function newMeasureMap(fields: Partial<MeasureFields> & { id: string }): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(completeMeasure(fields))) map.set(key, value);
  return map;
}

export function findMeasure(doc: Y.Doc, id: string): Y.Map<unknown> | undefined {
  return measuresOf(doc)
    .toArray()
    .find((item) => item instanceof Y.Map && item.get('id') === id);
}

/** Sets some fields of one measure in one transaction; false when the measure does not exist. */
export function updateMeasure(doc: Y.Doc, id: string, patch: Partial<Omit<MeasureFields, 'id'>>, origin?: unknown): boolean {
  const map = findMeasure(doc, id);
  if (!map) return false;
  doc.transact(() => {
    for (const [key, value] of Object.entries(patch)) if (value !== undefined) map.set(key, value);
  }, origin);
  return true;
}

/** The body as plain blocks (headings, paragraphs, lists, tables, marks, direction): what exports read. */
export function readBody(doc: Y.Doc): RichBlock[] {
  return readRichText(bodyOf(doc));
}

/**
 * Writes measure rows: a row whose id is already in the document updates that measure's fields,
 * any other is appended. Call inside the transaction that should carry them all (imports apply a
 * whole file as one change). Returns how many were created and updated.
 */
export function upsertMeasures(doc: Y.Doc, rows: readonly MeasureFields[]): { created: number; updated: number } {
  const existing = new Map<string, Y.Map<unknown>>();
  for (const item of measuresOf(doc).toArray()) if (item instanceof Y.Map && typeof item.get('id') === 'string') existing.set(item.get('id') as string, item);
  const fresh: Y.Map<unknown>[] = [];
  let updated = 0;
  for (const row of rows) {
    const map = existing.get(row.id);
    if (!map) {
      fresh.push(newMeasureMap(row));
      continue;
    }
    const current = readMeasure(map);
    for (const [key, value] of Object.entries(row)) {
      if (key !== 'id' && JSON.stringify(current[key as keyof MeasureFields]) !== JSON.stringify(value)) map.set(key, value);
    }
    updated++;
  }
  if (fresh.length > 0) measuresOf(doc).push(fresh);
  return { created: fresh.length, updated };
}

const BLOCK_NODES = new Set(['paragraph', 'heading', 'listItem', 'blockquote', 'codeBlock', 'tableCell', 'tableHeader']);

/** Plain text of the body: one line per block, for search, counts and previews. */
export function bodyText(doc: Y.Doc): string {
  const lines: string[] = [];
  let current = '';
  const walk = (node: Y.XmlElement | Y.XmlText | Y.XmlFragment) => {
    if (node instanceof Y.XmlText) {
      current += node.toDelta().map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : '')).join('');
      return;
    }
    const isBlock = node instanceof Y.XmlElement && BLOCK_NODES.has(node.nodeName);
    if (node instanceof Y.XmlElement && node.nodeName === 'hardBreak') current += '\n';
    for (const child of node.toArray()) walk(child as Y.XmlElement | Y.XmlText);
    if (isBlock && current.trim()) {
      lines.push(current.trim());
      current = '';
    }
  };
  walk(bodyOf(doc));
  if (current.trim()) lines.push(current.trim());
  return lines.join('\n');
}

export function countWords(text: string): number {
  return text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

// ---- builders used by templates, the demo workspace and tests -------------------------------

export type BlockSpec =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; text: string; dir?: 'rtl' | 'ltr' }
  | { type: 'bulletList'; items: string[] };

export function blockElement(spec: BlockSpec): Y.XmlElement {
  const textElement = (nodeName: string, text: string) => {
    const element = new Y.XmlElement(nodeName);
    if (text) element.insert(0, [new Y.XmlText(text)]);
    return element;
  };
  switch (spec.type) {
    case 'heading': {
      const element = textElement('heading', spec.text);
      element.setAttribute('level', spec.level as unknown as string);
      return element;
    }
    case 'paragraph': {
      const element = textElement('paragraph', spec.text);
      if (spec.dir) element.setAttribute('dir', spec.dir);
      return element;
    }
    case 'bulletList': {
      const list = new Y.XmlElement('bulletList');
      list.insert(
        0,
        spec.items.map((item) => {
          const listItem = new Y.XmlElement('listItem');
          listItem.insert(0, [textElement('paragraph', item)]);
          return listItem;
        }),
      );
      return list;
    }
  }
}

export function appendBlocks(doc: Y.Doc, blocks: readonly BlockSpec[]): void {
  const body = bodyOf(doc);
  body.insert(body.length, blocks.map(blockElement));
}
