import type * as Y from 'yjs';
import { applyTextChange, textChange } from '../../../shared/doc-schema.ts';

/**
 * Binds an <input> or <textarea> to a Y.Text character by character, the way y-textarea does:
 * what the user types becomes the smallest insert/delete at the caret, and what others type is
 * applied to the field with the caret and selection moved by it, never thrown to the end.
 */

export type Delta = Array<{ insert?: unknown; delete?: number; retain?: number }>;

/**
 * Where a caret at `index` ends up after a remote change. Text inserted exactly at the caret goes
 * after it: the person typing there keeps typing before it, and their word stays whole.
 */
export function shiftIndex(delta: Delta, index: number): number {
  let position = 0;
  let caret = index;
  for (const op of delta) {
    if (op.retain !== undefined) position += op.retain;
    else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      if (position < caret) caret += length;
      position += length;
    } else if (op.delete !== undefined) {
      if (position < caret) caret -= Math.min(op.delete, caret - position);
    }
  }
  return caret;
}

type Field = HTMLInputElement | HTMLTextAreaElement;

/** Keeps `field` and `text` equal; returns the unbinding. */
export function bindText(field: Field, text: Y.Text): () => void {
  const origin = { binding: field };
  // While an input method composes, the field is left alone: remote changes wait here and the
  // composed text is placed through them when it ends.
  let composing: { base: string; deltas: Delta[] } | null = null;
  field.value = text.toString();

  const transact = (write: () => void) => (text.doc ? text.doc.transact(write, origin) : write());
  const onInput = () => {
    if (!composing) transact(() => applyTextChange(text, field.value, field.selectionEnd ?? undefined));
  };
  const onCompositionStart = () => {
    composing = { base: text.toString(), deltas: [] };
  };
  const onCompositionEnd = () => {
    const { base, deltas } = composing ?? { base: text.toString(), deltas: [] };
    composing = null;
    const change = textChange(base, field.value, field.selectionEnd ?? undefined);
    if (!change) return;
    const shift = (index: number) => deltas.reduce((at, delta) => shiftIndex(delta, at), index);
    const start = shift(change.start);
    const end = Math.max(start, shift(change.start + change.deleteCount));
    transact(() => {
      if (end > start) text.delete(start, end - start);
      if (change.insert) text.insert(start, change.insert);
    });
    field.value = text.toString();
    field.setSelectionRange(start + change.insert.length, start + change.insert.length);
  };
  const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === origin) return;
    const delta = event.delta as Delta;
    if (composing) return void composing.deltas.push(delta);
    const focused = document.activeElement === field;
    const start = field.selectionStart ?? 0;
    const end = field.selectionEnd ?? 0;
    const direction = field.selectionDirection ?? 'none';
    field.value = text.toString();
    if (focused) field.setSelectionRange(shiftIndex(delta, start), shiftIndex(delta, end), direction);
  };
  field.addEventListener('input', onInput);
  field.addEventListener('compositionstart', onCompositionStart);
  field.addEventListener('compositionend', onCompositionEnd);
  text.observe(observer);
  return () => {
    field.removeEventListener('input', onInput);
    field.removeEventListener('compositionstart', onCompositionStart);
    field.removeEventListener('compositionend', onCompositionEnd);
    text.unobserve(observer);
  };
}
