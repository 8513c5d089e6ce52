import type { Node as PmNode, ResolvedPos } from '@tiptap/pm/model';
import type { Transaction } from '@tiptap/pm/state';
import { ReplaceAroundStep } from '@tiptap/pm/transform';
import { relativePositionToAbsolutePosition } from '@tiptap/y-tiptap';
import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import type { NewSuggestion, Suggestion, SuggestionBlock } from '../../../api/suggestions.ts';
import type { YBinding } from '../comments/anchors.ts';
import { encodePlace, replaceOps } from './suggestion-ops.ts';

/**
 * ProseMirror ⇄ structural suggestions (see server/domain/suggestion-blocks.ts for what the server
 * accepts). A block is named by a Yjs relative position whose item is the block's element: the
 * element is found through the sync binding's mapping (Y type → ProseMirror node).
 */

const TEXT_BLOCKS = new Set(['paragraph', 'heading']);

function elementOf(binding: YBinding, node: PmNode): Y.XmlElement | null {
  for (const [type, mapped] of binding.mapping) if (mapped === node) return type instanceof Y.XmlElement ? type : null;
  return null;
}

/** The reference of the block that starts at `pos` of `doc`, or null when the binding does not know it (yet). */
export function blockRef(binding: YBinding, doc: PmNode, pos: number): string | null {
  const node = doc.nodeAt(pos);
  const element = node && elementOf(binding, node);
  const parent = element?.parent;
  if (!element || !(parent instanceof Y.XmlElement || parent instanceof Y.XmlFragment)) return null;
  const index = parent.toArray().indexOf(element);
  return index < 0 ? null : toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(parent, index)));
}

/** Where each block node of `doc` starts (textblocks are not entered). */
export function blockIndex(doc: PmNode): Map<PmNode, number> {
  const index = new Map<PmNode, number>();
  doc.descendants((node, pos) => {
    if (node.isInline) return false;
    index.set(node, pos);
    return !node.isTextblock;
  });
  return index;
}

function decode(encoded: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(fromBase64(encoded));
  } catch {
    return null;
  }
}

/** The block a reference names, now: its position and node; null once it is gone. */
export function blockAt(binding: YBinding, index: Map<PmNode, number>, encoded: string): { pos: number; node: PmNode } | null {
  const position = decode(encoded);
  if (!position?.item) return null;
  let item: unknown;
  try {
    item = Y.getItem(binding.doc.store, position.item);
  } catch {
    return null;
  }
  if (!(item instanceof Y.Item) || item.deleted || !(item.content instanceof Y.ContentType)) return null;
  const node = binding.mapping.get(item.content.type);
  if (!node || Array.isArray(node)) return null;
  const pos = index.get(node);
  return pos === undefined ? null : { pos, node };
}

/** A place in the text (a split), now. */
export function placeAt(binding: YBinding, encoded: string, docSize: number): number | null {
  const position = decode(encoded);
  if (!position) return null;
  try {
    const pos = relativePositionToAbsolutePosition(binding.doc, binding.type, position, binding.mapping);
    return pos === null || pos > docSize ? null : pos;
  } catch {
    return null;
  }
}

const op = (kind: NewSuggestion['kind'], start: string, end = start, extra: Partial<NewSuggestion> = {}): NewSuggestion => ({
  kind,
  start,
  end,
  text: '',
  mark: null,
  block: null,
  ...extra,
});

/** The text block at a resolved position, when structure may be suggested around it: directly in the body, or a list item's paragraph. */
export function textBlockContext($pos: ResolvedPos): { blockPos: number; inItem: boolean; unitPos: number } | null {
  const block = $pos.parent;
  if (!block.isTextblock || !TEXT_BLOCKS.has(block.type.name)) return null;
  if ($pos.depth === 1) return { blockPos: $pos.before(1), inItem: false, unitPos: $pos.before(1) };
  if ($pos.depth >= 3 && $pos.node($pos.depth - 1).type.name === 'listItem' && block.type.name === 'paragraph') {
    return { blockPos: $pos.before($pos.depth), inItem: true, unitPos: $pos.before($pos.depth - 1) };
  }
  return null;
}

/** Splitting the text block at `pos` in two. */
export const splitOp = (binding: YBinding, pos: number): NewSuggestion => op('split', encodePlace(binding, pos));

/** A new paragraph (or list item) after the block (or item) at `unitPos`. */
export function insertBlockOp(binding: YBinding, doc: PmNode, unitPos: number, inItem: boolean, text: string): NewSuggestion | null {
  const ref = blockRef(binding, doc, unitPos);
  return ref ? op('insert_block', ref, ref, { text, block: { type: inItem ? 'list_item' : 'paragraph', side: 'after' } }) : null;
}

/** Joining the text block (or list item) at `$pos` with the one before it (`backward`) or after it. */
export function joinOp(binding: YBinding, doc: PmNode, $pos: ResolvedPos, backward: boolean): NewSuggestion | null {
  const context = textBlockContext($pos);
  if (!context) return null;
  let first: number;
  let second: number;
  if (!context.inItem) {
    const index = $pos.index(0);
    const neighbour = backward ? index - 1 : index + 1;
    if (neighbour < 0 || neighbour >= doc.childCount) return null;
    const other = doc.child(neighbour);
    if (!other.isTextblock || !TEXT_BLOCKS.has(other.type.name)) return null;
    first = backward ? context.blockPos - other.nodeSize : context.blockPos;
    second = backward ? context.blockPos : context.blockPos + $pos.parent.nodeSize;
  } else {
    const itemDepth = $pos.depth - 1;
    // Only from the item's own first paragraph (backwards) or last (forwards).
    if (backward ? $pos.index(itemDepth) !== 0 : $pos.index(itemDepth) !== $pos.node(itemDepth).childCount - 1) return null;
    const list = $pos.node(itemDepth - 1);
    const index = $pos.index(itemDepth - 1);
    const neighbour = backward ? index - 1 : index + 1;
    if (neighbour < 0 || neighbour >= list.childCount) return null;
    first = backward ? context.unitPos - list.child(neighbour).nodeSize : context.unitPos;
    second = backward ? context.unitPos : context.unitPos + $pos.node(itemDepth).nodeSize;
  }
  const a = blockRef(binding, doc, first);
  const b = blockRef(binding, doc, second);
  return a && b ? op('join', a, b) : null;
}

/** Deleting a whole unit: a paragraph or heading of the body, or a list item. */
export function deleteBlockOp(binding: YBinding, doc: PmNode, unitPos: number): NewSuggestion | null {
  const ref = blockRef(binding, doc, unitPos);
  return ref ? op('delete_block', ref) : null;
}

/**
 * Deleting `from`–`to` when it covers whole blocks: each text block covered entirely goes as a
 * whole (its list item when it is the item's only paragraph), the partly covered ones lose their
 * text, and two partly covered neighbours are joined. Null when the range stays in one block
 * without covering it all: an ordinary text suggestion then.
 */
export function rangeDeleteOps(binding: YBinding, doc: PmNode, from: number, to: number): NewSuggestion[] | null {
  const $from = doc.resolve(from);
  const $to = doc.resolve(to);
  const single = $from.sameParent($to);
  if (single && !(from === $from.start() && to === $from.end() && to > from)) return null;
  const blocks: Array<{ pos: number; node: PmNode }> = [];
  doc.nodesBetween(from, to, (node, pos) => {
    if (node.isTextblock) {
      blocks.push({ pos, node });
      return false;
    }
    return true;
  });
  const ops: NewSuggestion[] = [];
  const partial: Array<{ pos: number; node: PmNode }> = [];
  for (const block of blocks) {
    const start = block.pos + 1;
    const end = start + block.node.content.size;
    const context = textBlockContext(doc.resolve(start));
    const whole = from <= start && to >= end;
    const unitPos = context && (!context.inItem || doc.resolve(context.blockPos).parent.childCount === 1) ? context.unitPos : null;
    const deletion = whole && unitPos !== null ? deleteBlockOp(binding, doc, unitPos) : null;
    if (deletion) {
      ops.push(deletion);
      continue;
    }
    ops.push(...replaceOps(doc, binding, Math.max(from, start), Math.min(to, end), ''));
    partial.push(block);
  }
  const [first, last] = [partial[0], partial[partial.length - 1]];
  if (!single && first && last && first !== last && partial.length === 2 && first.pos + first.node.nodeSize === last.pos && doc.resolve(first.pos).depth === 0) {
    const a = blockRef(binding, doc, first.pos);
    const b = blockRef(binding, doc, last.pos);
    if (a && b && TEXT_BLOCKS.has(first.node.type.name) && TEXT_BLOCKS.has(last.node.type.name)) ops.push(op('join', a, b));
  }
  return ops;
}

/**
 * Block type changes a transaction makes (the toolbar's heading and list buttons): each paragraph
 * or heading of the body that became a heading, a paragraph or a list item. Empty when it made none.
 */
export function blockTypeOps(tr: Transaction, binding: YBinding): NewSuggestion[] {
  const before = tr.docs[0] ?? tr.before;
  const after = tr.doc;
  const ops: NewSuggestion[] = [];
  before.forEach((node, offset) => {
    if (!node.isTextblock || !TEXT_BLOCKS.has(node.type.name)) return;
    const mapped = tr.mapping.mapResult(offset + 1, 1);
    if (mapped.deleted || mapped.pos > after.content.size) return;
    const $p = after.resolve(mapped.pos);
    let target: SuggestionBlock | null = null;
    if ($p.depth >= 3 && $p.node($p.depth - 1).type.name === 'listItem') {
      target = { type: $p.node($p.depth - 2).type.name === 'orderedList' ? 'ordered_item' : 'bullet_item' };
    } else if ($p.depth === 1 && $p.parent.type.name === 'heading') {
      target = { type: 'heading', level: Number($p.parent.attrs.level) };
    } else if ($p.depth === 1 && $p.parent.type.name === 'paragraph') {
      target = { type: 'paragraph' };
    }
    if (!target) return;
    const unchanged =
      (target.type === 'paragraph' && node.type.name === 'paragraph') || (target.type === 'heading' && node.type.name === 'heading' && Number(node.attrs.level) === target.level);
    if (unchanged) return;
    const ref = blockRef(binding, before, offset);
    if (ref) ops.push(op('set_block', ref, ref, { block: target }));
  });
  return ops;
}

/** Whether a transaction changes structure rather than text (steps other than plain replaces and marks). */
export const isStructural = (tr: Transaction): boolean => tr.steps.some((step) => step instanceof ReplaceAroundStep);

/** A suggestion's kind, never undefined. */
export const kindOf = (suggestion: Pick<Suggestion, 'kind'>) => suggestion.kind ?? 'text';
