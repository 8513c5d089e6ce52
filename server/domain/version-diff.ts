import type { AttributedDiff, DiffLimitCode, DiffMeasureField } from '../../shared/api/versions.ts';
import type { MeasureFields } from '../../shared/doc-schema.ts';
import { pairBlocks } from './block-pairing.ts';
import { diffKeys } from './sequence-diff.ts';
import type { DocumentContent, TextBlock } from './version-content.ts';
import { diffWords, WORD_DIFF_LIMITS, type WordDiffLimits, type WordOp } from './word-diff.ts';

/**
 * The difference between two states of a document, as something to show: text blocks equal,
 * inserted, deleted or changed (with the words that changed), and measures added, removed or
 * changed field by field. Pure and bounded; `limits` lists every bound that was reached.
 */

export type BlockDiff = { op: 'equal' | 'insert' | 'delete'; block: TextBlock } | { op: 'change'; before: TextBlock; after: TextBlock; words: WordOp[] | null };

/** The comparison before its writers are named (version-diff-authors.ts): its blocks still carry their runs. */
export interface ContentDiff extends Omit<AttributedDiff, 'blocks' | 'clients' | 'deletedClients'> {
  blocks: BlockDiff[];
}

export interface DiffLimits {
  /** blocks compared per side; those beyond are left out */
  maxBlocks: number;
  /** block differences beyond which the middle is shown as replaced wholesale */
  maxBlockEdits: number;
  /** changed blocks that get an inline word diff */
  maxInlineDiffs: number;
  /** characters, over all changed blocks, that inline word diffs may read: bounds the total work */
  maxInlineChars: number;
  maxMeasures: number;
  words: WordDiffLimits;
}

export const DIFF_LIMITS: DiffLimits = { maxBlocks: 5000, maxBlockEdits: 1000, maxInlineDiffs: 1000, maxInlineChars: 300_000, maxMeasures: 2000, words: WORD_DIFF_LIMITS };

const MEASURE_FIELDS: readonly DiffMeasureField[] = [
  'title',
  'status',
  'progress',
  'start',
  'due',
  'leadOrganisationId',
  'partnerOrganisationIds',
  'indicator',
  'indicatorBaseline',
  'indicatorTarget',
  'indicatorCurrent',
  'indicatorUnit',
  'budget',
];

export function diffContent(before: DocumentContent, after: DocumentContent, limits: DiffLimits = DIFF_LIMITS): ContentDiff {
  const reached = new Set<DiffLimitCode>();
  const blocks = diffBlocks(before.blocks, after.blocks, limits, reached);
  const measures = diffMeasures(before.measures, after.measures, limits, reached);
  const count = (op: BlockDiff['op']) => blocks.filter((block) => block.op === op).length;
  return {
    blocks,
    measures,
    summary: {
      inserted: count('insert'),
      deleted: count('delete'),
      changed: count('change'),
      unchanged: count('equal'),
      measuresAdded: measures.added.length,
      measuresRemoved: measures.removed.length,
      measuresChanged: measures.changed.length,
    },
    truncated: reached.size > 0,
    limits: [...reached],
  };
}

function diffBlocks(allBefore: TextBlock[], allAfter: TextBlock[], limits: DiffLimits, reached: Set<DiffLimitCode>): BlockDiff[] {
  if (allBefore.length > limits.maxBlocks || allAfter.length > limits.maxBlocks) reached.add('blocks_truncated');
  const before = allBefore.slice(0, limits.maxBlocks);
  const after = allAfter.slice(0, limits.maxBlocks);
  const key = (block: TextBlock) => `${block.type}\u0000${block.level ?? ''}\u0000${block.within ?? ''}\u0000${block.text}`;
  const { edits, exact } = diffKeys(before.map(key), after.map(key), limits.maxBlockEdits);
  if (!exact) reached.add('blocks_coarse');

  const result: BlockDiff[] = [];
  let inlineDiffs = 0;
  let inlineChars = 0;
  let deleted: TextBlock[] = [];
  let inserted: TextBlock[] = [];
  // A stretch of deletions and insertions between equal blocks: alike blocks are shown as one
  // changed block (an edited paragraph), the others as removed and added.
  const flushStretch = () => {
    let d = 0;
    let i = 0;
    const upTo = (untilDeleted: number, untilInserted: number) => {
      while (d < untilDeleted) result.push({ op: 'delete', block: deleted[d++]! });
      while (i < untilInserted) result.push({ op: 'insert', block: inserted[i++]! });
    };
    for (const [pairedDeleted, pairedInserted] of pairBlocks(
      deleted.map((block) => block.text),
      inserted.map((block) => block.text),
    )) {
      upTo(pairedDeleted, pairedInserted);
      const [old, current] = [deleted[d++]!, inserted[i++]!];
      const chars = old.text.length + current.text.length;
      const affordable = inlineDiffs < limits.maxInlineDiffs && inlineChars + chars <= limits.maxInlineChars;
      const words = affordable ? diffWords(old.text, current.text, limits.words) : null;
      if (words) {
        inlineDiffs++;
        inlineChars += chars;
      } else reached.add('inline_diffs_omitted');
      result.push({ op: 'change', before: old, after: current, words: words?.ops ?? null });
    }
    upTo(deleted.length, inserted.length);
    deleted = [];
    inserted = [];
  };
  for (const edit of edits) {
    if (edit.op === 'delete') deleted.push(before[edit.a]!);
    else if (edit.op === 'insert') inserted.push(after[edit.b]!);
    else {
      flushStretch();
      result.push({ op: 'equal', block: after[edit.b]! });
    }
  }
  flushStretch();
  return result;
}

function diffMeasures(allBefore: MeasureFields[], allAfter: MeasureFields[], limits: DiffLimits, reached: Set<DiffLimitCode>): ContentDiff['measures'] {
  if (allBefore.length > limits.maxMeasures || allAfter.length > limits.maxMeasures) reached.add('measures_truncated');
  const before = byId(allBefore.slice(0, limits.maxMeasures));
  const after = byId(allAfter.slice(0, limits.maxMeasures));
  const changed: ContentDiff['measures']['changed'] = [];
  for (const [id, current] of after) {
    const old = before.get(id);
    if (!old) continue;
    const changes = MEASURE_FIELDS.filter((field) => !sameValue(old[field], current[field])).map((field) => ({ field, before: old[field], after: current[field] }));
    if (changes.length > 0) changed.push({ id, title: current.title, changes });
  }
  return {
    added: [...after.values()].filter((measure) => !before.has(measure.id)),
    removed: [...before.values()].filter((measure) => !after.has(measure.id)),
    changed,
  };
}

/** Measures by id in document order; of two rows with one id the first counts, as in the projection. */
function byId(measures: MeasureFields[]): Map<string, MeasureFields> {
  const map = new Map<string, MeasureFields>();
  for (const measure of measures) if (!map.has(measure.id)) map.set(measure.id, measure);
  return map;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => Object.is(item, b[index]));
  return Object.is(a, b);
}
