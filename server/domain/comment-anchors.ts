import { fromBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import type { CommentAnchor, CommentAnchorText } from '../../db/schema.ts';
import { MAX_POSITION_CHARS } from '../../shared/api/comments.ts';
import { BODY_FIELD, bodyOf, findMeasure } from '../../shared/doc-schema.ts';

/**
 * Comment anchors over a document's Y.Doc. Pure: no I/O, the caller brings the Y.Doc.
 *
 * A text anchor is a pair of Yjs relative positions (Y.createRelativePositionFromTypeIndex on the
 * body's XmlText / XmlElement, Y.encodeRelativePosition, base64), made by the client. Relative
 * positions point at CRDT items rather than indexes, so the range follows edits made before it;
 * when its text is deleted both ends collapse to one point and the thread is "detached".
 */

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Longest current text reported for an anchor: enough to show it, bounded however much was typed into the range. */
export const MAX_ANCHOR_TEXT = 2000;

export type AnchorStatus = 'attached' | 'detached';
export type AnchorProblem = 'malformed' | 'outside' | 'empty' | 'unknown_measure';

export interface AnchorState {
  status: AnchorStatus;
  /** the text currently covered (text anchors that are attached), else null */
  text: string | null;
}

const DETACHED: AnchorState = { status: 'detached', text: null };

/** Decodes a base64 relative position; null for anything that is not a well-formed one. */
export function decodePosition(encoded: string): Y.RelativePosition | null {
  if (encoded.length === 0 || encoded.length > MAX_POSITION_CHARS || !BASE64.test(encoded)) return null;
  try {
    const position = Y.decodeRelativePosition(fromBase64(encoded));
    // Yjs decodes an unknown kind tag as a position pointing nowhere (resolving it would throw).
    if (position.item === null && position.type === null && position.tname === null) return null;
    return position;
  } catch {
    return null;
  }
}

/** Where a relative position is now: a content type inside the body and an index in it, or null. */
export function locate(doc: Y.Doc, position: Y.RelativePosition): Y.AbsolutePosition | null {
  // Resolving a root type by name creates it when missing: only the body is a place for comments.
  if (position.tname !== null && position.tname !== BODY_FIELD) return null;
  const body = bodyOf(doc); // defined before Yjs looks the body up by name (it would define it untyped)
  let absolute: Y.AbsolutePosition | null;
  try {
    absolute = Y.createAbsolutePositionFromRelativePosition(position, doc);
  } catch {
    return null;
  }
  if (!absolute) return null;
  const { type } = absolute;
  if (!(type instanceof Y.XmlText || type instanceof Y.XmlElement || type instanceof Y.XmlFragment)) return null;
  if (position.item !== null) {
    // An attribute of an element is a map entry, not a place in the text.
    const item = Y.getItem(doc.store, position.item);
    if (item instanceof Y.Item && item.parentSub !== null) return null;
  }
  return insideBody(body, type) ? absolute : null;
}

/** True when `type` is the body or hangs under it through types that are all still there. */
function insideBody(body: Y.XmlFragment, type: Y.AbstractType<any>): boolean {
  let current: Y.AbstractType<any> = type;
  while (current !== body) {
    const item = current._item;
    if (!item || item.deleted || !(item.parent instanceof Y.AbstractType)) return false;
    current = item.parent;
  }
  return true;
}

/**
 * The body laid out on one line the way ProseMirror counts: an element takes one position to
 * open and one to close, a character takes one. Built once per read, shared by all anchors.
 */
export interface BodyLayout {
  /** for each XmlText: where its first character is */
  textStart: Map<Y.XmlText, number>;
  /** for each element (and the body): the position before each child, then the end of its content */
  childStarts: Map<Y.AbstractType<any>, number[]>;
  texts: Array<{ start: number; text: string }>;
}

export function layoutBody(doc: Y.Doc): BodyLayout {
  const layout: BodyLayout = { textStart: new Map(), childStarts: new Map(), texts: [] };
  let position = 0;
  const walk = (node: Y.AbstractType<any>): void => {
    if (node instanceof Y.XmlText) {
      const text = plainText(node);
      layout.textStart.set(node, position);
      layout.texts.push({ start: position, text });
      position += text.length;
      return;
    }
    if (!(node instanceof Y.XmlElement || node instanceof Y.XmlFragment)) {
      position += 1; // a hook or foreign type counts as one opaque node
      return;
    }
    const isElement = node instanceof Y.XmlElement;
    if (isElement) position += 1;
    const starts: number[] = [];
    for (const child of node.toArray()) {
      starts.push(position);
      walk(child as Y.AbstractType<any>);
    }
    starts.push(position);
    layout.childStarts.set(node, starts);
    if (isElement) position += 1;
  };
  walk(bodyOf(doc));
  return layout;
}

/** Text with one placeholder per embed, so that its length is the XmlText's length. */
function plainText(text: Y.XmlText): string {
  return text
    .toDelta()
    .map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : '\uFFFC'))
    .join('');
}

function offsetOf(layout: BodyLayout, absolute: Y.AbsolutePosition): number | null {
  const { type, index } = absolute;
  if (type instanceof Y.XmlText) {
    const start = layout.textStart.get(type);
    return start === undefined ? null : start + Math.min(index, type.length);
  }
  const starts = layout.childStarts.get(type);
  if (!starts) return null;
  return starts[Math.min(index, starts.length - 1)] ?? null;
}

function textBetween(layout: BodyLayout, from: number, to: number): string {
  const parts: string[] = [];
  for (const { start, text } of layout.texts) {
    const end = start + text.length;
    if (end <= from || start >= to) continue;
    parts.push(text.slice(Math.max(0, from - start), Math.min(text.length, to - start)));
  }
  return parts.join('\n');
}

function resolveText(doc: Y.Doc, layout: BodyLayout, anchor: CommentAnchorText): { from: number; to: number } | 'malformed' | 'outside' {
  const start = decodePosition(anchor.start);
  const end = decodePosition(anchor.end);
  if (!start || !end) return 'malformed';
  const startAt = locate(doc, start);
  const endAt = locate(doc, end);
  if (!startAt || !endAt) return 'outside';
  const from = offsetOf(layout, startAt);
  const to = offsetOf(layout, endAt);
  if (from === null || to === null) return 'outside';
  return { from, to };
}

/**
 * Whether a new anchor may be stored: positions well-formed, resolving inside this document's
 * body, covering some text; a measure anchor naming a measure of this document.
 */
export function checkAnchor(doc: Y.Doc, anchor: CommentAnchor, layout?: BodyLayout): AnchorProblem | null {
  if (anchor.type === 'measure') return findMeasure(doc, anchor.measureId) ? null : 'unknown_measure';
  const range = resolveText(doc, layout ?? layoutBody(doc), anchor);
  if (typeof range === 'string') return range;
  return range.from < range.to ? null : 'empty';
}

/**
 * Where an anchor stands now. Detached when its text is gone: the ends no longer resolve (the
 * paragraph was removed) or collapsed onto one point (the text between them was deleted).
 */
export function anchorState(doc: Y.Doc, anchor: CommentAnchor, layout?: BodyLayout): AnchorState {
  if (anchor.type === 'measure') return findMeasure(doc, anchor.measureId) ? { status: 'attached', text: null } : DETACHED;
  const currentLayout = layout ?? layoutBody(doc);
  const range = resolveText(doc, currentLayout, anchor);
  if (typeof range === 'string' || range.from >= range.to) return DETACHED;
  return { status: 'attached', text: textBetween(currentLayout, range.from, Math.min(range.to, range.from + MAX_ANCHOR_TEXT)) };
}
