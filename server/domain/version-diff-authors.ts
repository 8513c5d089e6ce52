import type { AttributedDiff, DiffBlock, DiffTextBlock, DiffWordOp, WriterRun } from '../../shared/api/versions.ts';
import type { DeletedRun } from '../../shared/deleted-runs.ts';
import type { TextBlock } from './version-content.ts';
import type { BlockDiff, ContentDiff } from './version-diff.ts';
import type { WordOp } from './word-diff.ts';

/**
 * Who inserted what, in a diff whose "after" blocks carry their writers (readAttributedContent):
 * every inserted block or word gets `by`, the [length, Yjs client id] runs of the items that hold
 * it, and the diff lists the client ids it names (`clients`), to be turned into people from the
 * server's record (doc_clients). The writers of the other blocks are dropped: they would only
 * weigh on the answer. A deleted item keeps who wrote it, not who deleted it: so every deleted
 * block or word gets `del`, the [length, client, clock] runs of the items that held it (when the
 * "before" blocks carry their ids, readIdentifiedContent), to be matched against the server's
 * record of who deleted which items (doc_deleters; shared/deleted-runs.ts). Pure.
 */

export function attributeInsertions(diff: ContentDiff): AttributedDiff {
  const clients = new Set<number>();
  const deletedClients = new Set<number>();
  const deleted = (runs: DeletedRun[] | undefined) => {
    if (!runs || runs.length === 0) return undefined;
    for (const [, client] of runs) deletedClients.add(client);
    return runs;
  };
  const named = (runs: WriterRun[] | undefined) => {
    if (!runs) return undefined;
    for (const [, client] of runs) clients.add(client);
    return runs;
  };
  const blocks = diff.blocks.map((entry: BlockDiff): DiffBlock => {
    if (entry.op !== 'change') {
      if (entry.op === 'insert') return withBy({ op: 'insert', block: plain(entry.block) }, named(entry.block.writers));
      if (entry.op === 'delete') return withDel({ op: 'delete', block: plain(entry.block) }, deleted(entry.block.ids));
      return { op: 'equal', block: plain(entry.block) };
    }
    const after = plain(entry.after);
    if (!entry.words) return withDel(withBy({ op: 'change', before: plain(entry.before), after, words: null }, named(entry.after.writers)), deleted(entry.before.ids));
    const words = attributeWords(entry.words, entry.after, named);
    return { op: 'change', before: plain(entry.before), after, words: attributeDeletedWords(words, entry.before, deleted) };
  });
  return { ...diff, blocks, clients: [...clients], deletedClients: [...deletedClients] };
}

/** Each deleted word with the id runs of the "before" text it covers; equal and deleted words read that text in order. */
function attributeDeletedWords(words: DiffWordOp[], before: TextBlock, deleted: (runs: DeletedRun[] | undefined) => DeletedRun[] | undefined): DiffWordOp[] {
  let offset = 0;
  return words.map((word) => {
    if (word.op === 'insert') return word;
    const start = offset;
    offset += word.text.length;
    if (word.op === 'equal' || !before.ids || before.text.slice(start, offset) !== word.text) return word;
    return withDel({ ...word }, deleted(idRunsIn(before.ids, start, offset)));
  });
}

/** The id runs covering characters [start, end) of the text they describe (clocks advanced into each run). */
export function idRunsIn(runs: readonly DeletedRun[], start: number, end: number): DeletedRun[] {
  const result: DeletedRun[] = [];
  let position = 0;
  for (const [length, client, clock] of runs) {
    const from = Math.max(start, position);
    const to = Math.min(end, position + length);
    if (to > from) result.push([to - from, client, clock + (from - position)]);
    position += length;
    if (position >= end) break;
  }
  return result;
}

function withDel<T extends object>(entry: T, del: DeletedRun[] | undefined): T & { del?: DeletedRun[] } {
  return del && del.length > 0 ? { ...entry, del } : entry;
}

/** Each inserted word with the runs of the "after" text it covers; equal and inserted words read that text in order. */
function attributeWords(words: WordOp[], after: TextBlock, named: (runs: WriterRun[] | undefined) => WriterRun[] | undefined): DiffWordOp[] {
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

function plain(block: TextBlock): DiffTextBlock {
  if (!block.writers && !block.ids) return block;
  const { writers: _writers, ids: _ids, ...rest } = block;
  return rest;
}
