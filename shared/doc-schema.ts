import * as Y from 'yjs';
import { readRichText, type RichBlock } from './rich-text.ts';
import { appendMeasures, findMeasure, readMeasure, updateMeasure, type MeasureFields } from './measure-model.ts';

export * from './measure-model.ts';

/**
 * The one description of what lives where inside a document's Y.Doc, imported by the server, the
 * web client and the bot.
 *
 *   body      Y.XmlFragment  rich text, ProseMirror/Tiptap nodes (heading, paragraph, lists, table…)
 *   measures  Y.Array<Y.Map> rows of an action plan (see measure-model.ts)
 *   meta      Y.Map          small document-level settings edited live (e.g. body direction)
 */
export const BODY_FIELD = 'body';
export const META_FIELD = 'meta';

export const bodyOf = (doc: Y.Doc): Y.XmlFragment => doc.getXmlFragment(BODY_FIELD);
export const metaOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(META_FIELD);

/** The body as plain blocks (headings, paragraphs, lists, tables, marks, direction): what exports read. */
export function readBody(doc: Y.Doc): RichBlock[] {
  return readRichText(bodyOf(doc));
}

/**
 * Writes measure rows: a row whose id is already in the document updates the fields it gives that
 * changed (text cells edited in place; fields it leaves out stay as they are), any other is appended after the last row. Call inside the
 * transaction that should carry them all (imports apply a whole file as one change). Returns how
 * many were created and updated.
 */
export function upsertMeasures(doc: Y.Doc, rows: ReadonlyArray<Partial<MeasureFields> & { id: string }>): { created: number; updated: number } {
  const fresh: Array<Partial<MeasureFields> & { id: string }> = [];
  let updated = 0;
  for (const row of rows) {
    const map = findMeasure(doc, row.id);
    if (!map) {
      fresh.push(row);
      continue;
    }
    const current = readMeasure(map);
    const patch: Partial<Omit<MeasureFields, 'id'>> = {};
    for (const [key, value] of Object.entries(row) as Array<[keyof MeasureFields, unknown]>) {
      if (key !== 'id' && value !== undefined && JSON.stringify(current[key]) !== JSON.stringify(value)) (patch as Record<string, unknown>)[key] = value;
    }
    if (Object.keys(patch).length > 0) updateMeasure(doc, row.id, patch);
    updated++;
  }
  appendMeasures(doc, fresh);
  return { created: fresh.length, updated };
}

const BLOCK_NODES = new Set(['paragraph', 'heading', 'listItem', 'blockquote', 'codeBlock', 'tableCell', 'tableHeader']);

/** Plain text of the body: one line per block, for search, counts and previews. */
export function bodyText(doc: Y.Doc): string {
  const lines: string[] = [];
  let current = '';
  const walk = (node: Y.XmlElement | Y.XmlText | Y.XmlFragment) => {
    if (node instanceof Y.XmlText) {
      current += node
        .toDelta()
        .map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : ''))
        .join('');
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
  | { type: 'heading'; level: 1 | 2 | 3; text: string; dir?: 'rtl' | 'ltr' }
  | { type: 'paragraph'; text: string; dir?: 'rtl' | 'ltr' }
  | { type: 'bulletList'; items: string[]; dir?: 'rtl' | 'ltr' };

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
      if (spec.dir) element.setAttribute('dir', spec.dir);
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
          const paragraph = textElement('paragraph', item);
          if (spec.dir) {
            listItem.setAttribute('dir', spec.dir);
            paragraph.setAttribute('dir', spec.dir);
          }
          listItem.insert(0, [paragraph]);
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
