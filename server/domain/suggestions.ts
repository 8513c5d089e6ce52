import * as Y from 'yjs';
import type { SuggestionMark } from '../../db/schema.ts';
import { MAX_SUGGESTION_TEXT } from '../../shared/api/suggestions.ts';
import { decodePosition, locate } from './comment-anchors.ts';
import { applyBlockOp, blockQuote, checkBlockOp, type BlockDetails, type BlockKind, type BlockProblem } from './suggestion-blocks.ts';

/**
 * Suggestions over a document's Y.Doc. Pure: no I/O, the caller brings the Y.Doc.
 *
 * A suggestion replaces the text between two Yjs relative positions of ONE text node of the body
 * with `text` (an insertion when the range is empty, a deletion when `text` is empty), or puts a
 * mark on / takes it off that range (`mark`). Keeping each suggestion inside one text node is
 * what lets the server check it completely: it cannot touch structure (paragraphs, tables,
 * measures, metadata), only characters of an existing paragraph. A change over several
 * paragraphs is sent as one suggestion per paragraph.
 */
export interface SuggestionOp {
  /** 'text' (the default): characters or a mark in one run of text; else a structural change (suggestion-blocks.ts) */
  kind?: SuggestionKind;
  start: string;
  end: string;
  text: string;
  mark: SuggestionMark | null;
  /** structural changes: what block, where */
  block?: BlockDetails | null;
}

export type SuggestionKind = 'text' | BlockKind;
const isBlock = (op: SuggestionOp): op is SuggestionOp & { kind: BlockKind } => op.kind !== undefined && op.kind !== 'text';
const blockOp = (op: SuggestionOp & { kind: BlockKind }) => {
  if (op.mark) return null;
  return { kind: op.kind, start: op.start, end: op.end, text: op.text, block: op.block ?? null };
};

/** Elements whose content is inline text: an empty one may receive the first text of a suggestion. */
const TEXT_BLOCKS = new Set(['paragraph', 'heading']);

export type SuggestionProblem = 'malformed' | 'outside' | 'not_one_text' | 'empty' | 'bad_text' | Exclude<BlockProblem, 'malformed' | 'outside' | 'empty' | 'bad_text'>;

type Target =
  | { kind: 'text'; node: Y.XmlText; from: number; to: number }
  /** an empty paragraph has no text node yet: the insertion creates it */
  | { kind: 'empty_block'; element: Y.XmlElement };

/** Characters a suggestion may insert: text of one paragraph, so no line breaks or control characters. */
export const isSuggestibleText = (text: string): boolean => text.length <= MAX_SUGGESTION_TEXT && !/[\u0000-\u001F\u007F\u2028\u2029]/.test(text);

function resolve(doc: Y.Doc, op: SuggestionOp): Target | SuggestionProblem {
  if (!isSuggestibleText(op.text)) return 'bad_text';
  if (op.mark && op.text !== '') return 'malformed';
  const start = decodePosition(op.start);
  const end = decodePosition(op.end);
  if (!start || !end) return 'malformed';
  const from = locate(doc, start);
  const to = locate(doc, end);
  if (!from || !to) return 'outside';
  if (from.type !== to.type) return 'not_one_text';
  if (from.type instanceof Y.XmlText) {
    const length = from.type.length;
    const range = { kind: 'text' as const, node: from.type, from: Math.min(from.index, length), to: Math.min(to.index, length) };
    if (range.from > range.to) return 'malformed';
    // Nothing to replace and nothing to insert, or a format change over no text.
    if ((range.from === range.to && op.text === '') || (op.mark && range.from === range.to)) return 'empty';
    return range;
  }
  const element = from.type;
  if (element instanceof Y.XmlElement && TEXT_BLOCKS.has(element.nodeName) && element.length === 0) {
    return op.text === '' ? 'empty' : { kind: 'empty_block', element };
  }
  return 'not_one_text';
}

/** Why a suggestion cannot be stored or applied now, or null when it can. */
export function checkSuggestion(doc: Y.Doc, op: SuggestionOp): SuggestionProblem | null {
  if (isBlock(op)) {
    const block = blockOp(op);
    return block ? checkBlockOp(doc, block) : 'malformed';
  }
  if (op.block) return 'malformed';
  const target = resolve(doc, op);
  return typeof target === 'string' ? target : null;
}

/** The text the suggestion's range covers now ('' for an insertion). */
export function coveredText(doc: Y.Doc, op: SuggestionOp): string {
  if (isBlock(op)) {
    const block = blockOp(op);
    return block ? blockQuote(doc, block) : '';
  }
  const target = resolve(doc, op);
  if (typeof target === 'string' || target.kind !== 'text') return '';
  return plain(target.node).slice(target.from, target.to);
}

function plain(node: Y.XmlText): string {
  return node
    .toDelta()
    .map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : '\uFFFC'))
    .join('');
}

/**
 * Writes the suggestion into the document (call inside the accepting editor's transaction).
 * Returns the problem instead when the text it was made on has changed too much (its paragraph
 * was removed, its range deleted): nothing is written then.
 */
export function applySuggestion(doc: Y.Doc, op: SuggestionOp): SuggestionProblem | null {
  if (isBlock(op)) {
    const block = blockOp(op);
    return block ? applyBlockOp(doc, block) : 'malformed';
  }
  if (op.block) return 'malformed';
  const target = resolve(doc, op);
  if (typeof target === 'string') return target;
  if (target.kind === 'empty_block') {
    const node = new Y.XmlText();
    node.insert(0, op.text);
    target.element.insert(0, [node]);
    return null;
  }
  const { node, from, to } = target;
  if (op.mark) {
    // y-prosemirror keeps a mark as an attribute named after it whose value is the mark's attrs.
    node.format(from, to - from, { [op.mark.name]: op.mark.on ? {} : null });
    return null;
  }
  if (to > from) node.delete(from, to - from);
  // Without attributes, Yjs gives the new text the formatting of the text just before it.
  if (op.text) node.insert(from, op.text);
  return null;
}
