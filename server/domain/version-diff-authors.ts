import type { TextBlock, WriterRun } from './version-content.ts';
import type { BlockDiff, VersionDiff } from './version-diff.ts';
import type { WordOp } from './word-diff.ts';

/**
 * Who inserted what, in a diff whose "after" blocks carry their writers (readAttributedContent):
 * every inserted block or word gets `by`, the [length, Yjs client id] runs of the items that hold
 * it, and the diff lists the client ids it names (`clients`), to be turned into people from the
 * server's record (doc_clients). The writers of the other blocks are dropped: they would only
 * weigh on the answer. Deletions name nobody: a deleted item keeps who wrote it, not who deleted
 * it. Pure.
 */

export type AttributedWordOp = WordOp & { by?: WriterRun[] };
export type AttributedBlockDiff =
  | { op: 'equal' | 'delete'; block: TextBlock }
  | { op: 'insert'; block: TextBlock; by?: WriterRun[] }
  | { op: 'change'; before: TextBlock; after: TextBlock; words: AttributedWordOp[] | null; by?: WriterRun[] };

export interface AttributedDiff extends Omit<VersionDiff, 'blocks'> {
  blocks: AttributedBlockDiff[];
  /** the Yjs client ids the `by` runs name */
  clients: number[];
}

export function attributeInsertions(diff: VersionDiff): AttributedDiff {
  const clients = new Set<number>();
  const named = (runs: WriterRun[] | undefined) => {
    if (!runs) return undefined;
    for (const [, client] of runs) clients.add(client);
    return runs;
  };
  const blocks = diff.blocks.map((entry: BlockDiff): AttributedBlockDiff => {
    if (entry.op !== 'change') {
      if (entry.op === 'insert') return withBy({ op: 'insert', block: plain(entry.block) }, named(entry.block.writers));
      return { op: entry.op as 'equal' | 'delete', block: plain(entry.block) };
    }
    const after = plain(entry.after);
    if (!entry.words) return withBy({ op: 'change', before: plain(entry.before), after, words: null }, named(entry.after.writers));
    return { op: 'change', before: plain(entry.before), after, words: attributeWords(entry.words, entry.after, named) };
  });
  return { ...diff, blocks, clients: [...clients] };
}

/** Each inserted word with the runs of the "after" text it covers; equal and inserted words read that text in order. */
function attributeWords(words: WordOp[], after: TextBlock, named: (runs: WriterRun[] | undefined) => WriterRun[] | undefined): AttributedWordOp[] {
  let offset = 0;
  return words.map((word) => {
    if (word.op === 'delete') return word;
    const start = offset;
    offset += word.text.length;
    if (word.op === 'equal' || !after.writers || after.text.slice(start, offset) !== word.text) return word;
    return withBy({ ...word }, named(runsIn(after.writers, start, offset)));
  });
}

/** The runs covering characters [start, end) of the text they describe. */
export function runsIn(runs: readonly WriterRun[], start: number, end: number): WriterRun[] {
  const result: WriterRun[] = [];
  let position = 0;
  for (const [length, client] of runs) {
    const from = Math.max(start, position);
    const to = Math.min(end, position + length);
    if (to > from) result.push([to - from, client]);
    position += length;
    if (position >= end) break;
  }
  return result;
}

function withBy<T extends object>(entry: T, by: WriterRun[] | undefined): T & { by?: WriterRun[] } {
  return by && by.length > 0 ? { ...entry, by } : entry;
}

function plain(block: TextBlock): TextBlock {
  if (!block.writers) return block;
  const { writers: _writers, ...rest } = block;
  return rest;
}
