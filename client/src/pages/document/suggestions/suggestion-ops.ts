import type { Node as PmNode } from '@tiptap/pm/model';
import { AddMarkStep, RemoveMarkStep, ReplaceStep, type Step } from '@tiptap/pm/transform';
import type { Transaction } from '@tiptap/pm/state';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition } from '@tiptap/y-tiptap';
import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import { SUGGESTION_MARKS } from '../../../../../shared/api/suggestions.ts';
import type { NewSuggestion, SuggestionMarkName } from '../../../api/suggestions.ts';
import type { YBinding } from '../comments/anchors.ts';

/**
 * ProseMirror ranges ⇄ suggestions. The server accepts a suggestion only inside one run of text
 * (server/domain/suggestions.ts), so a change over several paragraphs, or across a line break,
 * becomes one suggestion per run of text.
 */

const isSuggestionMark = (name: string): name is SuggestionMarkName => (SUGGESTION_MARKS as readonly string[]).includes(name);

/** Runs of adjacent text between `from` and `to`: what one text node of the Y.Doc holds. */
export function textRuns(doc: PmNode, from: number, to: number): Array<{ from: number; to: number }> {
  const runs: Array<{ from: number; to: number }> = [];
  doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isText) return true;
    const start = Math.max(from, pos);
    const end = Math.min(to, pos + node.nodeSize);
    if (start >= end) return false;
    const last = runs[runs.length - 1];
    if (last && last.to === start) last.to = end;
    else runs.push({ from: start, to: end });
    return false;
  });
  return runs;
}

/** Text a suggestion may carry: one paragraph's worth, line breaks folded into spaces. */
export const suggestibleText = (text: string): string => text.replace(/[\r\n\u2028\u2029\t]+/g, ' ').replace(/[\u0000-\u001F\u007F]/g, '');

/** A place in the text as the server reads it (a base64 Yjs relative position). */
export const encodePlace = (binding: YBinding, pos: number): string => toBase64(Y.encodeRelativePosition(absolutePositionToRelativePosition(pos, binding.type, binding.mapping)));

/** Replacing `from`–`to` of `doc` with `text` (an insertion when the range is empty, a deletion when text is ''). */
export function replaceOps(doc: PmNode, binding: YBinding, from: number, to: number, text: string): NewSuggestion[] {
  const inserted = suggestibleText(text);
  if (from === to) return inserted ? [{ start: encodePlace(binding, from), end: encodePlace(binding, from), text: inserted, mark: null }] : [];
  const runs = textRuns(doc, from, to);
  const ops: NewSuggestion[] = runs.map((run, index) => ({
    start: encodePlace(binding, run.from),
    end: encodePlace(binding, run.to),
    text: index === 0 ? inserted : '',
    mark: null,
  }));
  if (ops.length === 0 && inserted) ops.push({ start: encodePlace(binding, from), end: encodePlace(binding, from), text: inserted, mark: null });
  return ops;
}

/** Putting mark `name` on (or off) the text between `from` and `to`. */
export function markOps(doc: PmNode, binding: YBinding, from: number, to: number, name: string, on: boolean): NewSuggestion[] {
  if (!isSuggestionMark(name)) return [];
  return textRuns(doc, from, to).map((run) => ({ start: encodePlace(binding, run.from), end: encodePlace(binding, run.to), text: '', mark: { name, on } }));
}

/**
 * The suggestions a transaction stands for, read from its steps: text replaced, marks added or
 * removed. Structural steps (splitting a paragraph, a list, a table) have no suggestion form and
 * are dropped. Positions are taken in the document before the transaction (the one the Y.Doc holds).
 */
export function opsFromTransaction(tr: Transaction, binding: YBinding): NewSuggestion[] {
  const before = tr.docs[0] ?? tr.doc;
  const ops: NewSuggestion[] = [];
  tr.steps.forEach((step: Step, index) => {
    const back = tr.mapping.slice(0, index).invert();
    const range = (from: number, to: number) => ({ from: back.map(from, 1), to: back.map(to, -1) });
    if (step instanceof ReplaceStep) {
      const { from, to } = range(step.from, step.to);
      const text = step.slice.content.textBetween(0, step.slice.content.size, ' ', ' ');
      ops.push(...replaceOps(before, binding, Math.min(from, to), Math.max(from, to), text));
    } else if (step instanceof AddMarkStep || step instanceof RemoveMarkStep) {
      const { from, to } = range(step.from, step.to);
      ops.push(...markOps(before, binding, from, to, step.mark.type.name, step instanceof AddMarkStep));
    }
  });
  return ops;
}

function decode(encoded: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(fromBase64(encoded));
  } catch {
    return null;
  }
}

/** Where a suggestion stands now in ProseMirror positions (an empty range for an insertion); null when its text is gone. */
export function suggestionRange(binding: YBinding, suggestion: Pick<NewSuggestion, 'start' | 'end' | 'text'>, docSize: number): { from: number; to: number } | null {
  const start = decode(suggestion.start);
  const end = decode(suggestion.end);
  if (!start || !end) return null;
  try {
    const from = relativePositionToAbsolutePosition(binding.doc, binding.type, start, binding.mapping);
    const to = relativePositionToAbsolutePosition(binding.doc, binding.type, end, binding.mapping);
    if (from === null || to === null || from > to || to > docSize) return null;
    // A deletion or format change whose text is all gone has nothing left to show.
    if (from === to && !suggestion.text) return null;
    return { from, to };
  } catch {
    return null;
  }
}
