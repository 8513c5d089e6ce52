import * as Y from 'yjs';
import { bodyOf } from '../../shared/doc-schema.ts';
import { decodePosition, locate } from './comment-anchors.ts';

/**
 * Structural suggestions over a document's Y.Doc: a new paragraph, heading or list item; a
 * paragraph split in two or two joined; a whole paragraph or list item deleted; a paragraph
 * turned into a heading or a list item. Pure: no I/O, the caller brings the Y.Doc.
 *
 * Each names the blocks it touches by a Yjs relative position whose item IS the block (the
 * client makes it with Y.createRelativePositionFromTypeIndex(parent, index)), or, for a split,
 * a place in a block's text. The server resolves the references against the current Y.Doc and
 * allows only a short list of shapes: paragraphs and headings directly in the body, list items
 * of a list, paragraphs of a list item. Tables, quotes, images, measures and metadata can be
 * neither targets nor results. Applying builds the new blocks itself: no client-made Yjs
 * structure ever reaches the document.
 */

export type BlockKind = 'insert_block' | 'split' | 'join' | 'delete_block' | 'set_block';
export type NewBlockType = 'paragraph' | 'heading' | 'list_item';
export type BlockTarget = 'paragraph' | 'heading' | 'bullet_item' | 'ordered_item';

export interface BlockDetails {
  /** insert_block: the new block; set_block: what the paragraph becomes */
  type?: NewBlockType | BlockTarget;
  /** headings: 1–3 */
  level?: number;
  /** insert_block: before or after the referenced block */
  side?: 'before' | 'after';
}

export interface BlockOp {
  kind: BlockKind;
  /** the block (insert_block, delete_block, set_block, first of a join) or the place of a split */
  start: string;
  /** the second block of a join; else equal to start */
  end: string;
  /** insert_block: the new block's text */
  text: string;
  block: BlockDetails | null;
}

export type BlockProblem = 'malformed' | 'outside' | 'not_a_block' | 'not_adjacent' | 'last_block' | 'empty' | 'bad_text';

const TEXT_BLOCKS = new Set(['paragraph', 'heading']);
const LISTS = new Set(['bulletList', 'orderedList']);
const MAX_BLOCK_TEXT = 5000;
const suggestible = (text: string) => text.length <= MAX_BLOCK_TEXT && !/[\u0000-\u001F\u007F\u2028\u2029]/.test(text);

interface Located {
  element: Y.XmlElement;
  parent: Y.XmlElement | Y.XmlFragment;
  index: number;
}

/** The block a reference names: the live element that is the position's item, inside the body. */
export function resolveBlock(doc: Y.Doc, encoded: string): Located | 'malformed' | 'outside' {
  const position = decodePosition(encoded);
  if (!position || position.item === null) return 'malformed';
  const at = locate(doc, position);
  if (!at) return 'outside';
  let item: unknown;
  try {
    item = Y.getItem(doc.store, position.item);
  } catch {
    return 'outside';
  }
  if (!(item instanceof Y.Item) || item.deleted || item.parentSub !== null || !(item.content instanceof Y.ContentType)) return 'outside';
  const element = item.content.type;
  const parent = at.type;
  if (!(element instanceof Y.XmlElement) || !(parent instanceof Y.XmlElement || parent instanceof Y.XmlFragment)) return 'outside';
  if (parent.get(at.index) !== element) return 'outside';
  return { element, parent, index: at.index };
}

const isBody = (doc: Y.Doc, parent: Y.XmlElement | Y.XmlFragment) => parent === bodyOf(doc);
const isTextBlock = (element: Y.XmlElement) => TEXT_BLOCKS.has(element.nodeName);
const isListItem = (located: Located) => located.element.nodeName === 'listItem' && located.parent instanceof Y.XmlElement && LISTS.has(located.parent.nodeName);
/** A paragraph or heading directly in the body: what can be deleted, turned into something else, joined. */
const isTopTextBlock = (doc: Y.Doc, located: Located) => isTextBlock(located.element) && isBody(doc, located.parent);
/** A paragraph directly in a list item. */
const isItemParagraph = (located: Located) => located.element.nodeName === 'paragraph' && located.parent instanceof Y.XmlElement && located.parent.nodeName === 'listItem';

/** Text of a block, for the suggestion's quote. */
export function blockText(element: Y.XmlElement | Y.XmlText): string {
  if (element instanceof Y.XmlText) return (element.toDelta() as Array<{ insert?: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
  return element
    .toArray()
    .map((child) => (child instanceof Y.XmlText || child instanceof Y.XmlElement ? blockText(child) : ''))
    .join(element.nodeName === 'listItem' || LISTS.has(element.nodeName) ? ' ' : '');
}

const textElement = (nodeName: string, text: string, attributes: Record<string, unknown> = {}) => {
  const element = new Y.XmlElement(nodeName);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value as string);
  if (text) element.insert(0, [new Y.XmlText(text)]);
  return element;
};

const copyAttributes = (from: Y.XmlElement, skip: string[] = []): Record<string, unknown> =>
  Object.fromEntries(Object.entries(from.getAttributes()).filter(([key]) => !skip.includes(key)));

/** The validated change, ready to be written; or why not. */
type Plan = { quote: string; apply: () => void } | BlockProblem;

function plan(doc: Y.Doc, op: BlockOp): Plan {
  if (!suggestible(op.text)) return 'bad_text';
  switch (op.kind) {
    case 'insert_block':
      return planInsert(doc, op);
    case 'split':
      return planSplit(doc, op);
    case 'join':
      return planJoin(doc, op);
    case 'delete_block':
      return planDelete(doc, op);
    case 'set_block':
      return planSetBlock(doc, op);
    default:
      return 'malformed';
  }
}

function planInsert(doc: Y.Doc, op: BlockOp): Plan {
  const at = resolveBlock(doc, op.start);
  if (typeof at === 'string') return at;
  if (op.end !== op.start || !op.block) return 'malformed';
  const { type, side, level } = op.block;
  const index = side === 'before' ? at.index : at.index + 1;
  if (type === 'list_item') {
    if (!isListItem(at)) return 'not_a_block';
    return { quote: '', apply: () => at.parent.insert(index, [listItem(textElement('paragraph', op.text))]) };
  }
  if (type !== 'paragraph' && type !== 'heading') return 'malformed';
  if (!isBody(doc, at.parent)) return 'not_a_block';
  if (type === 'heading' && !isLevel(level)) return 'malformed';
  if (type === 'paragraph' && level !== undefined) return 'malformed';
  return { quote: '', apply: () => at.parent.insert(index, [textElement(type, op.text, type === 'heading' ? { level } : {})]) };
}

const isLevel = (level: unknown): level is 1 | 2 | 3 => level === 1 || level === 2 || level === 3;
const listItem = (paragraph: Y.XmlElement) => {
  const item = new Y.XmlElement('listItem');
  item.insert(0, [paragraph]);
  return item;
};

/** Where a split falls: the text block, the child index and (inside a text node) the offset. */
function splitPoint(doc: Y.Doc, encoded: string): { block: Y.XmlElement; child: number; offset: number } | BlockProblem {
  const position = decodePosition(encoded);
  if (!position) return 'malformed';
  const at = locate(doc, position);
  if (!at) return 'outside';
  if (at.type instanceof Y.XmlText) {
    const block = at.type.parent;
    if (!(block instanceof Y.XmlElement)) return 'not_a_block';
    const child = block.toArray().indexOf(at.type);
    return { block, child, offset: Math.min(at.index, at.type.length) };
  }
  if (at.type instanceof Y.XmlElement && isTextBlock(at.type)) return { block: at.type, child: at.index, offset: 0 };
  return 'not_a_block';
}

function planSplit(doc: Y.Doc, op: BlockOp): Plan {
  if (op.end !== op.start || op.text !== '' || op.block) return 'malformed';
  const point = splitPoint(doc, op.start);
  if (typeof point === 'string') return point;
  const { block } = point;
  const parent = block.parent;
  if (!(parent instanceof Y.XmlElement || parent instanceof Y.XmlFragment)) return 'not_a_block';
  const located: Located = { element: block, parent, index: parent.toArray().indexOf(block) };
  const list = parent instanceof Y.XmlElement ? parent.parent : null;
  const inItem = isItemParagraph(located) && list instanceof Y.XmlElement && LISTS.has(list.nodeName);
  if (!isTopTextBlock(doc, located) && !inItem) return 'not_a_block';
  const last = block.length > 0 ? block.get(block.length - 1) : null;
  const atEnd = point.child >= block.length || (point.child === block.length - 1 && last instanceof Y.XmlText && point.offset >= last.length);
  return {
    quote: blockText(block),
    apply: () => {
      // Enter at the end of a heading goes on with a paragraph, as in the editor.
      const tail = new Y.XmlElement(block.nodeName === 'heading' && atEnd ? 'paragraph' : block.nodeName);
      const attributes = copyAttributes(block, tail.nodeName === 'heading' ? [] : ['level']);
      for (const [key, value] of Object.entries(attributes)) tail.setAttribute(key, value as string);
      tail.insert(0, cutFrom(block, point.child, point.offset));
      if (inItem && list instanceof Y.XmlElement) {
        list.insert(list.toArray().indexOf(parent as Y.XmlElement) + 1, [listItem(tail)]);
      } else {
        parent.insert(located.index + 1, [tail]);
      }
    },
  };
}

/** Removes a block's content from (child, offset) on and returns copies of it, formatting kept. */
function cutFrom(block: Y.XmlElement, child: number, offset: number): Array<Y.XmlText | Y.XmlElement> {
  const children = block.toArray();
  const moved: Array<Y.XmlText | Y.XmlElement> = [];
  const first = children[child];
  let removeFrom = child;
  if (first instanceof Y.XmlText && offset > 0) {
    removeFrom = child + 1;
    if (offset < first.length) {
      moved.push(textFromDelta(sliceDelta(first.toDelta() as DeltaOp[], offset)));
      first.delete(offset, first.length - offset);
    }
  }
  for (const node of children.slice(removeFrom)) if (node instanceof Y.XmlText || node instanceof Y.XmlElement) moved.push(node.clone());
  if (children.length > removeFrom) block.delete(removeFrom, children.length - removeFrom);
  return moved;
}

interface DeltaOp {
  insert?: unknown;
  attributes?: Record<string, unknown>;
}

function sliceDelta(delta: DeltaOp[], from: number): DeltaOp[] {
  const out: DeltaOp[] = [];
  let position = 0;
  for (const op of delta) {
    const length = typeof op.insert === 'string' ? op.insert.length : 1;
    if (position + length > from) {
      const cut = Math.max(0, from - position);
      out.push(typeof op.insert === 'string' ? { ...op, insert: op.insert.slice(cut) } : op);
    }
    position += length;
  }
  return out;
}

function textFromDelta(delta: DeltaOp[]): Y.XmlText {
  const text = new Y.XmlText();
  text.applyDelta(delta.filter((op) => typeof op.insert === 'string'));
  return text;
}

/** Appends copies of `from`'s inline content to the end of `to`, formatting kept and not leaking. */
function appendInline(to: Y.XmlElement, from: Y.XmlElement): void {
  for (const node of from.toArray()) {
    const last = to.length > 0 ? to.get(to.length - 1) : null;
    if (node instanceof Y.XmlText && last instanceof Y.XmlText) {
      // Each piece states every mark, so the formatting at the end of `last` does not run on.
      const ends = (last.toDelta() as DeltaOp[]).at(-1)?.attributes ?? {};
      for (const op of node.toDelta() as DeltaOp[]) {
        if (typeof op.insert !== 'string') continue;
        const attributes: Record<string, unknown> = Object.fromEntries(Object.keys(ends).map((key) => [key, null]));
        last.insert(last.length, op.insert, { ...attributes, ...(op.attributes ?? {}) });
      }
    } else if (node instanceof Y.XmlText || node instanceof Y.XmlElement) {
      to.insert(to.length, [node.clone()]);
    }
  }
}

function planJoin(doc: Y.Doc, op: BlockOp): Plan {
  if (op.text !== '' || op.block) return 'malformed';
  const first = resolveBlock(doc, op.start);
  const second = resolveBlock(doc, op.end);
  if (typeof first === 'string') return first;
  if (typeof second === 'string') return second;
  if (first.parent !== second.parent || second.index !== first.index + 1) return 'not_adjacent';
  if (isTopTextBlock(doc, first) && isTopTextBlock(doc, second)) {
    return {
      quote: `${blockText(first.element)} ¶ ${blockText(second.element)}`,
      apply: () => {
        appendInline(first.element, second.element);
        second.parent.delete(second.index, 1);
      },
    };
  }
  if (isListItem(first) && isListItem(second)) {
    const target = first.element.get(first.element.length - 1);
    const source = second.element.get(0);
    if (!(target instanceof Y.XmlElement) || target.nodeName !== 'paragraph' || !(source instanceof Y.XmlElement) || source.nodeName !== 'paragraph') return 'not_a_block';
    return {
      quote: `${blockText(first.element)} ¶ ${blockText(second.element)}`,
      apply: () => {
        appendInline(target, source);
        const rest = second.element
          .toArray()
          .slice(1)
          .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement);
        if (rest.length > 0)
          first.element.insert(
            first.element.length,
            rest.map((node) => node.clone()),
          );
        second.parent.delete(second.index, 1);
      },
    };
  }
  return 'not_a_block';
}

function planDelete(doc: Y.Doc, op: BlockOp): Plan {
  if (op.end !== op.start || op.text !== '' || op.block) return 'malformed';
  const at = resolveBlock(doc, op.start);
  if (typeof at === 'string') return at;
  if (isTopTextBlock(doc, at)) {
    if (at.parent.length <= 1) return 'last_block';
    return { quote: blockText(at.element), apply: () => at.parent.delete(at.index, 1) };
  }
  if (isListItem(at)) {
    const list = at.parent as Y.XmlElement;
    const listParent = list.parent;
    // The last item of a list takes its list with it (an empty list is no valid block).
    if (list.length <= 1) {
      if (!(listParent instanceof Y.XmlElement || listParent instanceof Y.XmlFragment)) return 'not_a_block';
      if (listParent.length <= 1) return 'last_block';
      return { quote: blockText(at.element), apply: () => listParent.delete(listParent.toArray().indexOf(list), 1) };
    }
    return { quote: blockText(at.element), apply: () => list.delete(at.index, 1) };
  }
  return 'not_a_block';
}

function planSetBlock(doc: Y.Doc, op: BlockOp): Plan {
  if (op.end !== op.start || op.text !== '' || !op.block) return 'malformed';
  const at = resolveBlock(doc, op.start);
  if (typeof at === 'string') return at;
  if (!isTopTextBlock(doc, at)) return 'not_a_block';
  const { type, level } = op.block;
  const current = at.element;
  const copy = (nodeName: string, extra: Record<string, unknown> = {}) => {
    const element = new Y.XmlElement(nodeName);
    for (const [key, value] of Object.entries({ ...copyAttributes(current, ['level']), ...extra })) element.setAttribute(key, value as string);
    element.insert(
      0,
      current
        .toArray()
        .filter((node): node is Y.XmlText | Y.XmlElement => node instanceof Y.XmlText || node instanceof Y.XmlElement)
        .map((node) => node.clone()),
    );
    return element;
  };
  const quote = blockText(current);
  const body = at.parent;
  switch (type) {
    case 'paragraph':
      if (level !== undefined) return 'malformed';
      if (current.nodeName === 'paragraph') return 'empty';
      return { quote, apply: () => replaceAt(body, at.index, copy('paragraph')) };
    case 'heading':
      if (!isLevel(level)) return 'malformed';
      if (current.nodeName === 'heading' && Number(current.getAttribute('level')) === level) return 'empty';
      return { quote, apply: () => replaceAt(body, at.index, copy('heading', { level })) };
    case 'bullet_item':
    case 'ordered_item': {
      if (level !== undefined) return 'malformed';
      const listName = type === 'bullet_item' ? 'bulletList' : 'orderedList';
      return {
        quote,
        apply: () => {
          const item = listItem(copy('paragraph'));
          const before = at.index > 0 ? body.get(at.index - 1) : null;
          const after = at.index + 1 < body.length ? body.get(at.index + 1) : null;
          // Next to a list of the same kind, the paragraph joins it, as the editor's own button does.
          if (before instanceof Y.XmlElement && before.nodeName === listName) {
            body.delete(at.index, 1);
            before.insert(before.length, [item]);
          } else if (after instanceof Y.XmlElement && after.nodeName === listName) {
            body.delete(at.index, 1);
            after.insert(0, [item]);
          } else {
            const list = new Y.XmlElement(listName);
            list.insert(0, [item]);
            replaceAt(body, at.index, list);
          }
        },
      };
    }
    default:
      return 'malformed';
  }
}

function replaceAt(parent: Y.XmlElement | Y.XmlFragment, index: number, element: Y.XmlElement): void {
  parent.delete(index, 1);
  parent.insert(index, [element]);
}

/** Why a structural suggestion cannot be stored or applied now, or null when it can. */
export function checkBlockOp(doc: Y.Doc, op: BlockOp): BlockProblem | null {
  const result = plan(doc, op);
  return typeof result === 'string' ? result : null;
}

/** What the blocks it touches say now (for the list of suggestions). */
export function blockQuote(doc: Y.Doc, op: BlockOp): string {
  const result = plan(doc, op);
  return typeof result === 'string' ? '' : result.quote.slice(0, MAX_BLOCK_TEXT);
}

/** Writes the change (inside the accepting editor's transaction), or returns why it no longer can. */
export function applyBlockOp(doc: Y.Doc, op: BlockOp): BlockProblem | null {
  const result = plan(doc, op);
  if (typeof result === 'string') return result;
  result.apply();
  return null;
}
