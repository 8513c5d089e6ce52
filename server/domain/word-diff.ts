import { diffSequences } from './sequence-diff.ts';

export type WordOp = { op: 'equal' | 'insert' | 'delete'; text: string };

export interface WordDiff {
  ops: WordOp[];
  /** share of the words (not spaces or punctuation) the two texts have in common, 0–1 */
  similarity: number;
}

export interface WordDiffLimits {
  /** tokens per side beyond which no inline diff is computed */
  maxTokens: number;
  /** differences beyond which the search stops (the texts are then mostly different anyway) */
  maxEdits: number;
}

export const WORD_DIFF_LIMITS: WordDiffLimits = { maxTokens: 4000, maxEdits: 300 };

/** Words (letters, digits and combining marks: French and Arabic alike), runs of spaces, single other characters. */
const TOKEN = /[\p{L}\p{N}\p{M}_]+(?:['’-][\p{L}\p{N}\p{M}_]+)*|\s+|[^\p{L}\p{N}\p{M}_\s]/gu;
const WORD = /[\p{L}\p{N}]/u;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/**
 * The inline difference of two texts, word by word, ready to show: deleted text before inserted
 * text within each changed stretch, adjacent pieces merged. Null when a text is over the limits.
 */
export function diffWords(before: string, after: string, limits: WordDiffLimits = WORD_DIFF_LIMITS): WordDiff | null {
  const a = tokenize(before);
  const b = tokenize(after);
  if (a.length > limits.maxTokens || b.length > limits.maxTokens) return null;
  const { edits } = diffSequences(a, b, (x, y) => x === y, limits.maxEdits);
  const raw: WordOp[] = edits.map((edit) =>
    edit.op === 'equal' ? { op: 'equal', text: a[edit.a]! } : edit.op === 'delete' ? { op: 'delete', text: a[edit.a]! } : { op: 'insert', text: b[edit.b]! },
  );
  const sharedWords = raw.filter((op) => op.op === 'equal' && WORD.test(op.text)).length;
  const words = Math.max(a.filter((token) => WORD.test(token)).length, b.filter((token) => WORD.test(token)).length);
  return { ops: present(raw), similarity: words === 0 ? (before === after ? 1 : 0) : sharedWords / words };
}

/**
 * Readable rather than minimal: a lone space or punctuation mark kept between two changes is
 * folded into them ("~~old words~~ new words", not "~~old~~ new ~~words~~ words").
 */
function present(ops: WordOp[]): WordOp[] {
  const folded: WordOp[] = [];
  ops.forEach((op, index) => {
    const between = op.op === 'equal' && !WORD.test(op.text) && index > 0 && index < ops.length - 1;
    if (between && ops[index - 1]!.op !== 'equal' && ops[index + 1]!.op !== 'equal') {
      folded.push({ op: 'delete', text: op.text }, { op: 'insert', text: op.text });
    } else {
      folded.push(op);
    }
  });
  const result: WordOp[] = [];
  let deleted = '';
  let inserted = '';
  const flushChange = () => {
    if (deleted) result.push({ op: 'delete', text: deleted });
    if (inserted) result.push({ op: 'insert', text: inserted });
    deleted = inserted = '';
  };
  for (const op of folded) {
    if (op.op === 'delete') deleted += op.text;
    else if (op.op === 'insert') inserted += op.text;
    else {
      flushChange();
      const last = result.at(-1);
      if (last?.op === 'equal') last.text += op.text;
      else result.push({ ...op });
    }
  }
  flushChange();
  return result;
}
