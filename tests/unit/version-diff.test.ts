import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendBlocks, bodyOf, completeMeasure, measuresOf, newMeasureMap, updateMeasure, type MeasureFields } from '../../shared/doc-schema.ts';
import { readContent, type DocumentContent, type TextBlock } from '../../server/domain/version-content.ts';
import { DIFF_LIMITS, diffContent } from '../../server/domain/version-diff.ts';
import { diffWords } from '../../server/domain/word-diff.ts';

const p = (text: string): TextBlock => ({ type: 'paragraph', text });
const content = (blocks: TextBlock[], measures: MeasureFields[] = []): DocumentContent => ({ blocks, measures });
const measure = (id: string, fields: Partial<MeasureFields> = {}): MeasureFields => completeMeasure({ id, title: `Mesure ${id}`, ...fields });

describe('word diff', () => {
  it('shows replaced words as deleted then inserted, with the rest equal', () => {
    expect(diffWords('Couverture médicale des MRE retraités.', 'Couverture sociale des MRE actifs.')?.ops).toEqual([
      { op: 'equal', text: 'Couverture ' },
      { op: 'delete', text: 'médicale' },
      { op: 'insert', text: 'sociale' },
      { op: 'equal', text: ' des MRE ' },
      { op: 'delete', text: 'retraités' },
      { op: 'insert', text: 'actifs' },
      { op: 'equal', text: '.' },
    ]);
  });

  it('folds a lone space between two changes into them', () => {
    expect(diffWords('un deux trois', 'un quatre cinq')?.ops).toEqual([
      { op: 'equal', text: 'un ' },
      { op: 'delete', text: 'deux trois' },
      { op: 'insert', text: 'quatre cinq' },
    ]);
  });

  it('treats Arabic words (with diacritics) as words', () => {
    const diff = diffWords('خطة العمل القطاعية', 'خطة العمل الوطنية')!;
    expect(diff.ops).toEqual([
      { op: 'equal', text: 'خطة العمل ' },
      { op: 'delete', text: 'القطاعية' },
      { op: 'insert', text: 'الوطنية' },
    ]);
    expect(diff.similarity).toBeCloseTo(2 / 3);
  });

  it('gives up on texts over its bounds', () => {
    expect(diffWords('a '.repeat(50), 'b '.repeat(50), { maxTokens: 20, maxEdits: 10 })).toBeNull();
  });
});

describe('diff of two document states', () => {
  it('finds inserted, deleted, changed and unchanged blocks in reading order', () => {
    const diff = diffContent(
      content([p('Intro'), p('Ancien paragraphe supprimé'), p('Couverture médicale des MRE.'), p('Fin')]),
      content([p('Intro'), p('Couverture médicale étendue des MRE.'), p('Nouveau paragraphe'), p('Fin')]),
    );
    expect(diff.blocks.map((block) => block.op)).toEqual(['equal', 'delete', 'change', 'insert', 'equal']);
    const changed = diff.blocks[2]!;
    expect(changed.op === 'change' && changed.words).toEqual([
      { op: 'equal', text: 'Couverture médicale ' },
      { op: 'insert', text: 'étendue ' },
      { op: 'equal', text: 'des MRE.' },
    ]);
    expect(diff.summary).toMatchObject({ inserted: 1, deleted: 1, changed: 1, unchanged: 2 });
    expect(diff.truncated).toBe(false);
  });

  it('shows a heading whose level changed as a changed block', () => {
    const diff = diffContent(content([{ type: 'heading', level: 2, text: 'Mesures' }]), content([{ type: 'heading', level: 3, text: 'Mesures' }]));
    expect(diff.blocks).toEqual([
      { op: 'change', before: { type: 'heading', level: 2, text: 'Mesures' }, after: { type: 'heading', level: 3, text: 'Mesures' }, words: [{ op: 'equal', text: 'Mesures' }] },
    ]);
  });

  it('reports measures added, removed and changed field by field', () => {
    const diff = diffContent(
      content([], [measure('m1', { status: 'in_progress', progress: 40 }), measure('m2'), measure('m3', { partnerOrganisationIds: ['a'] })]),
      content([], [measure('m1', { status: 'done', progress: 100, due: '2027-01-31' }), measure('m3', { partnerOrganisationIds: ['a'] }), measure('m4')]),
    );
    expect(diff.measures.added.map((m) => m.id)).toEqual(['m4']);
    expect(diff.measures.removed.map((m) => m.id)).toEqual(['m2']);
    expect(diff.measures.changed).toEqual([
      {
        id: 'm1',
        title: 'Mesure m1',
        changes: [
          { field: 'status', before: 'in_progress', after: 'done' },
          { field: 'progress', before: 40, after: 100 },
          { field: 'due', before: null, after: '2027-01-31' },
        ],
      },
    ]);
    expect(diff.summary).toMatchObject({ measuresAdded: 1, measuresRemoved: 1, measuresChanged: 1 });
  });

  it('says so when a huge document is truncated or compared coarsely', () => {
    const many = Array.from({ length: 30 }, (_, i) => p(`bloc ${i}`));
    const limits = { ...DIFF_LIMITS, maxBlocks: 10, maxBlockEdits: 2, maxMeasures: 1 };
    const diff = diffContent(
      content(many, [measure('a'), measure('b')]),
      content(
        many.map((block) => p(`${block.text} modifié`)),
        [],
      ),
      limits,
    );
    expect(diff.truncated).toBe(true);
    expect(diff.limits).toEqual(expect.arrayContaining(['blocks_truncated', 'blocks_coarse', 'measures_truncated']));
    expect(diff.blocks.length).toBeLessThanOrEqual(20);
  });

  it('stops computing inline diffs past its character budget, and says so', () => {
    const before = content([p('un deux trois'), p('x'), p('quatre cinq six')]);
    const after = content([p('un deux trois sept'), p('x'), p('quatre cinq six huit')]);
    const diff = diffContent(before, after, { ...DIFF_LIMITS, maxInlineChars: 40 });
    const changes = diff.blocks.filter((block) => block.op === 'change');
    expect(changes.map((block) => block.op === 'change' && block.words !== null)).toEqual([true, false]);
    expect(diff).toMatchObject({ truncated: true, limits: ['inline_diffs_omitted'] });
  });

  it('reads blocks from a Y.Doc: headings with their level, list items within their list', () => {
    const doc = new Y.Doc();
    appendBlocks(doc, [
      { type: 'heading', level: 2, text: 'Objectifs' },
      { type: 'bulletList', items: ['Un', 'Deux'] },
      { type: 'paragraph', text: '' },
    ]);
    measuresOf(doc).push([newMeasureMap({ id: 'm1', title: 'Mutuelle' })]);
    updateMeasure(doc, 'm1', { progress: 10 });
    const read = readContent(doc);
    expect(read.blocks).toEqual([
      { type: 'heading', level: 2, text: 'Objectifs' },
      { type: 'paragraph', within: 'bulletList', text: 'Un' },
      { type: 'paragraph', within: 'bulletList', text: 'Deux' },
      { type: 'paragraph', text: '' },
    ]);
    expect(read.measures).toMatchObject([{ id: 'm1', title: 'Mutuelle', progress: 10 }]);
    expect(bodyOf(doc).length).toBe(3);
  });
});
