import * as Y from 'yjs';
import type { DiffTextBlock, WriterRun } from '../../shared/api/versions.ts';
import type { DeletedRun } from '../../shared/deleted-runs.ts';
import { bodyOf, readMeasures, type MeasureFields } from '../../shared/doc-schema.ts';

/**
 * What a diff compares of a document: its text blocks in reading order and its measure rows.
 * Pure reads of a Y.Doc into plain data, so the diff itself never touches Yjs.
 */

/** A block as the comparison reads it: what it shows (shared/api/versions.ts), and who wrote or held its text. */
export interface TextBlock extends DiffTextBlock {
  /**
   * Who wrote the text: [length, Yjs client id] runs covering `text` in order. Only read on the
   * side a comparison goes to (readAttributedContent); never sent as it is (see version-diff-authors.ts).
   */
  writers?: WriterRun[];
  /**
   * Which items hold the text: [length, client id, clock] runs covering `text`. Only read on the
   * side a comparison comes from (readIdentifiedContent), to find who deleted what.
   */
  ids?: DeletedRun[];
}

export interface DocumentContent {
  blocks: TextBlock[];
  measures: MeasureFields[];
}

/** Nodes whose text is one block; lists, tables and quotes are containers of such blocks. */
const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'codeBlock']);

export function readContent(doc: Y.Doc): DocumentContent {
  return readBlocks(doc, 'none');
}

/** readContent, with each block's text runs by Yjs client id (the items that carry the text). */
export function readAttributedContent(doc: Y.Doc): DocumentContent {
  return readBlocks(doc, 'writers');
}

/** readContent, with each block's text runs by Yjs item id (client, clock): to look up who deleted them. */
export function readIdentifiedContent(doc: Y.Doc): DocumentContent {
  return readBlocks(doc, 'ids');
}

function readBlocks(doc: Y.Doc, detail: 'none' | 'writers' | 'ids'): DocumentContent {
  const blocks: TextBlock[] = [];
  const inline = (node: unknown): Pick<TextBlock, 'text' | 'writers' | 'ids'> => {
    if (detail === 'none') return { text: inlineText(node) };
    const runs: DeletedRun[] = [];
    const text = inlineItems(node, runs);
    return detail === 'ids' ? { text, ids: runs } : { text, writers: runs.map(([length, client]) => [length, client] as WriterRun).reduce(mergeWriters, [] as WriterRun[]) };
  };
  const visit = (node: unknown, within: string | undefined) => {
    if (!(node instanceof Y.XmlElement)) {
      // Text or an unknown node directly in a container: shown as a paragraph of its own.
      const read = inline(node);
      if (read.text) blocks.push(withContainer({ type: 'paragraph', ...read }, within));
      return;
    }
    if (TEXT_BLOCKS.has(node.nodeName)) {
      const block: TextBlock = { type: node.nodeName, ...inline(node) };
      const level = Number(node.getAttribute('level'));
      if (node.nodeName === 'heading' && Number.isFinite(level)) block.level = level;
      blocks.push(withContainer(block, within));
      return;
    }
    for (const child of node.toArray()) visit(child, within ?? node.nodeName);
  };
  for (const child of bodyOf(doc).toArray()) visit(child, undefined);
  return { blocks, measures: readMeasures(doc) };
}

/** Reads a document's state bytes into a temporary Y.Doc; nothing of it outlives the call. */
export function readState<T>(state: Uint8Array, read: (doc: Y.Doc) => T): T {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return read(doc);
  } finally {
    doc.destroy();
  }
}

function withContainer(block: TextBlock, within: string | undefined): TextBlock {
  return within ? { ...block, within } : block;
}

/** The text of a block's inline content: formatting dropped, line breaks kept, inline nodes as their text. */
function inlineText(node: unknown): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as Array<{ insert?: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
  }
  if (node instanceof Y.XmlElement) {
    if (node.nodeName === 'hardBreak') return '\n';
    return node.toArray().map(inlineText).join('');
  }
  return '';
}

const mergeWriters = (runs: WriterRun[], [length, client]: WriterRun): WriterRun[] => {
  const last = runs[runs.length - 1];
  if (last && last[1] === client) last[0] += length;
  else runs.push([length, client]);
  return runs;
};

/**
 * inlineText, noting in `runs` the id (client, clock) of the item behind each character: the
 * same text, read from the items (live string items in order are what toDelta joins).
 */
function inlineItems(node: unknown, runs: DeletedRun[]): string {
  const note = (length: number, client: number, clock: number) => {
    if (length === 0) return;
    const last = runs[runs.length - 1];
    if (last && last[1] === client && last[2] + last[0] === clock) last[0] += length;
    else runs.push([length, client, clock]);
  };
  if (node instanceof Y.XmlText) {
    let text = '';
    for (let item = node._start; item; item = item.right) {
      if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
      const piece = item.content.str;
      text += piece;
      note(piece.length, item.id.client, item.id.clock);
    }
    return text;
  }
  if (node instanceof Y.XmlElement) {
    if (node.nodeName === 'hardBreak') {
      note(1, node._item?.id.client ?? -1, node._item?.id.clock ?? 0);
      return '\n';
    }
    return node
      .toArray()
      .map((child) => inlineItems(child, runs))
      .join('');
  }
  return '';
}
