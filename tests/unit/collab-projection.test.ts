import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { calendarDate, MAX_PROJECTED_TEXT, projectDocument } from '../../server/collab/projection.ts';
import { appendBlocks, bodyOf, measuresOf, newMeasureMap } from '../../shared/doc-schema.ts';

const LEAD = '3f1c2a9e-8b7d-4c6e-9a5f-1e2d3c4b5a69';
const PARTNER = '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d';

function docWith(build: (doc: Y.Doc) => void): Y.Doc {
  const doc = new Y.Doc();
  build(doc);
  return doc;
}

/** A measure map with raw values, as a careless or hostile client could write them. */
function rawMeasure(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  return map;
}

describe('projectDocument', () => {
  it('projects the body as one line per block, with word counts, in French and Arabic', () => {
    const doc = docWith((d) =>
      appendBlocks(d, [
        { type: 'heading', level: 2, text: 'Contexte' },
        { type: 'paragraph', text: 'Les Marocains résidant à l’étranger' },
        { type: 'paragraph', text: 'مغاربة العالم', dir: 'rtl' },
        { type: 'bulletList', items: ['Santé', 'Éducation'] },
      ]),
    );
    const projection = projectDocument(doc);
    expect(projection.bodyText).toBe('Contexte\nLes Marocains résidant à l’étranger\nمغاربة العالم\nSanté\nÉducation');
    expect(projection.wordCount).toBe(10);
    expect(projection.measures).toEqual([]);
  });

  it('projects measures in order, with their fields', () => {
    const doc = docWith((d) =>
      measuresOf(d).push([
        newMeasureMap({
          id: 'm1',
          title: 'Guichet unique',
          leadOrganisationId: LEAD,
          partnerOrganisationIds: [PARTNER],
          start: '2025-01-15',
          due: '2025-12-31',
          status: 'in_progress',
          progress: 40,
          indicator: 'Dossiers traités',
          indicatorBaseline: 1200,
          indicatorTarget: 5000,
          indicatorCurrent: 2400.5,
          indicatorUnit: 'dossiers\u0000',
          budget: 1_500_000,
        }),
        newMeasureMap({ id: 'm2', title: 'Portail' }),
      ]),
    );
    expect(projectDocument(doc).measures).toEqual([
      {
        id: 'm1',
        position: 0,
        title: 'Guichet unique',
        leadOrganisationId: LEAD,
        partnerOrganisationIds: [PARTNER],
        start: '2025-01-15',
        due: '2025-12-31',
        status: 'in_progress',
        progress: 40,
        indicator: 'Dossiers traités',
        indicatorBaseline: 1200,
        indicatorTarget: 5000,
        indicatorCurrent: 2400.5,
        indicatorUnit: 'dossiers',
        budget: 1_500_000,
        currency: 'MAD',
        notes: '',
      },
      {
        id: 'm2',
        position: 1,
        title: 'Portail',
        leadOrganisationId: null,
        partnerOrganisationIds: [],
        start: null,
        due: null,
        status: 'planned',
        progress: 0,
        indicator: '',
        indicatorBaseline: null,
        indicatorTarget: null,
        indicatorCurrent: null,
        indicatorUnit: '',
        budget: null,
        currency: 'MAD',
        notes: '',
      },
    ]);
  });

  it('keeps the first of two measures with one id, and skips rows without an id or that are not maps', () => {
    const doc = docWith((d) => {
      const measures = measuresOf(d) as unknown as Y.Array<unknown>;
      measures.push([newMeasureMap({ id: 'dup', title: 'first' }), newMeasureMap({ id: 'dup', title: 'second' })]);
      measures.push([rawMeasure({ title: 'no id' }), rawMeasure({ id: '', title: 'empty id' }), rawMeasure({ id: 42, title: 'numeric id' })]);
      measures.push(['a string', 7, null, new Y.Text('text')]);
      measures.push([newMeasureMap({ id: 'last' })]);
    });
    expect(projectDocument(doc).measures.map((m) => [m.id, m.title, m.position])).toEqual([
      ['dup', 'first', 0],
      ['last', '', 1],
    ]);
  });

  it('coerces values of the wrong type or range to safe defaults', () => {
    const doc = docWith((d) =>
      measuresOf(d).push([
        rawMeasure({ id: 'a', title: 12, status: 'finished', progress: 150, budget: -5, indicator: ['x'], start: 20250101, partnerOrganisationIds: 'x' }),
        rawMeasure({ id: 'b', status: 'done', progress: '55', budget: '100', due: 'demain' }),
        rawMeasure({ id: 'c', progress: Number.NaN, budget: Number.POSITIVE_INFINITY }),
        rawMeasure({ id: 'd', progress: -3.6, title: 'x'.repeat(800) }),
      ]),
    );
    const [a, b, c, d] = projectDocument(doc).measures;
    expect(a).toMatchObject({ title: '', status: 'planned', progress: 100, budget: null, indicator: '', start: null, partnerOrganisationIds: [] });
    expect(b).toMatchObject({ status: 'done', progress: 55, budget: null, due: null });
    expect(c).toMatchObject({ progress: 0, budget: null });
    expect(d!.progress).toBe(0);
    expect(d!.title).toHaveLength(500);
  });

  it('drops organisation ids that are not uuids and repeated partners', () => {
    const doc = docWith((d) =>
      measuresOf(d).push([
        rawMeasure({ id: 'm', leadOrganisationId: 'sante', partnerOrganisationIds: [PARTNER, 'oim', PARTNER.toUpperCase(), 3, "'; DROP TABLE measures; --"] }),
        rawMeasure({ id: 'n', leadOrganisationId: LEAD.toUpperCase() }),
      ]),
    );
    const [m, n] = projectDocument(doc).measures;
    expect(m).toMatchObject({ leadOrganisationId: null, partnerOrganisationIds: [PARTNER] });
    expect(n!.leadOrganisationId).toBe(LEAD);
  });

  it('only keeps dates PostgreSQL accepts', () => {
    const doc = docWith((d) =>
      measuresOf(d).push([rawMeasure({ id: 'm', start: '2024-02-30', due: '0000-01-01' }), rawMeasure({ id: 'n', start: '2024-02-29', due: '9999-12-31' })]),
    );
    const [m, n] = projectDocument(doc).measures;
    expect([m!.start, m!.due]).toEqual([null, null]);
    expect([n!.start, n!.due]).toEqual(['2024-02-29', '9999-12-31']);
    expect(['2023-02-29', '2024-04-31', '2024-00-10', '2024-13-01', '2024-1-01'].map(calendarDate)).toEqual([null, null, null, null, null]);
    expect(['2023-02-28', '2000-02-29', '2024-12-31'].map(calendarDate)).toEqual(['2023-02-28', '2000-02-29', '2024-12-31']);
  });

  it('removes NUL characters, which PostgreSQL text cannot hold', () => {
    const doc = docWith((d) => {
      appendBlocks(d, [{ type: 'paragraph', text: 'avant\u0000après' }]);
      measuresOf(d).push([
        rawMeasure({ id: 'm\u0000', title: 't\u0000', indicator: '\u0000i' }),
        rawMeasure({ id: 'm', title: 'duplicate once cleaned' }),
        rawMeasure({ id: '\u0000' }),
      ]);
    });
    const projection = projectDocument(doc);
    expect(projection.bodyText).toBe('avantaprès');
    expect(projection.measures).toMatchObject([{ id: 'm', title: 't', indicator: 'i' }]);
    expect(projection.measures).toHaveLength(1);
  });

  it('bounds the search text of a very long body', () => {
    const doc = docWith((d) => {
      const text = new Y.XmlText();
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [text]);
      bodyOf(d).insert(0, [paragraph]);
      text.insert(0, 'mot '.repeat(60_000));
    });
    const projection = projectDocument(doc);
    expect(projection.bodyText.length).toBe(MAX_PROJECTED_TEXT);
    expect(projection.wordCount).toBe(60_000);
  });
});
