import type { Node as PmNode } from '@tiptap/pm/model';
import type { EditorState } from '@tiptap/pm/state';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import type { TextAnchor } from '../../../api/comments.ts';

/**
 * Text anchors of comments: a ProseMirror range ⇄ a pair of Yjs relative positions in the body
 * (base64 of Y.encodeRelativePosition), which is what the server checks (server/domain/comment-anchors.ts).
 * Relative positions point at CRDT items, so an anchor follows edits made anywhere before it.
 */

type ProsemirrorMapping = Parameters<typeof absolutePositionToRelativePosition>[2];

/** What the y-prosemirror binding keeps: the body's Y type and the Y type → ProseMirror node map. */
export interface YBinding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: ProsemirrorMapping;
}

/** The longest quote the server accepts. */
export const MAX_QUOTE = 2000;

/** The binding of an editor state, once the sync plugin has bound the document (null before). */
export function bindingOf(state: EditorState): YBinding | null {
  const ystate = ySyncPluginKey.getState(state) as { doc?: Y.Doc; type?: Y.XmlFragment; binding?: { mapping: ProsemirrorMapping } | null } | undefined;
  if (!ystate?.doc || !ystate.type || !ystate.binding) return null;
  return { doc: ystate.doc, type: ystate.type, mapping: ystate.binding.mapping };
}

const encode = (position: Y.RelativePosition): string => toBase64(Y.encodeRelativePosition(position));

function decode(encoded: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(fromBase64(encoded));
  } catch {
    return null;
  }
}

/** The anchor of `from`–`to` in `pmDoc`, or null for an empty range. */
export function anchorFromRange(pmDoc: PmNode, binding: YBinding, from: number, to: number): TextAnchor | null {
  const start = Math.max(0, Math.min(from, to));
  const end = Math.min(pmDoc.content.size, Math.max(from, to));
  const quote = pmDoc.textBetween(start, end, '\n', ' ').trim();
  if (start >= end || quote.length === 0) return null;
  return {
    type: 'text',
    start: encode(absolutePositionToRelativePosition(start, binding.type, binding.mapping)),
    end: encode(absolutePositionToRelativePosition(end, binding.type, binding.mapping)),
    quote: quote.slice(0, MAX_QUOTE),
  };
}

/** Where an anchor stands now in ProseMirror positions; null when it is detached (its text is gone). */
export function rangeFromAnchor(binding: YBinding, anchor: Pick<TextAnchor, 'start' | 'end'>, docSize: number): { from: number; to: number } | null {
  const start = decode(anchor.start);
  const end = decode(anchor.end);
  if (!start || !end) return null;
  let from: number | null;
  let to: number | null;
  try {
    from = relativePositionToAbsolutePosition(binding.doc, binding.type, start, binding.mapping);
    to = relativePositionToAbsolutePosition(binding.doc, binding.type, end, binding.mapping);
  } catch {
    return null;
  }
  if (from === null || to === null) return null;
  from = Math.max(0, Math.min(from, docSize));
  to = Math.max(0, Math.min(to, docSize));
  return from < to ? { from, to } : null;
}

/** The anchor of the editor's current selection, or null when nothing (or no text) is selected. */
export function anchorFromSelection(state: EditorState): TextAnchor | null {
  const binding = bindingOf(state);
  if (!binding || state.selection.empty) return null;
  return anchorFromRange(state.doc, binding, state.selection.from, state.selection.to);
}
