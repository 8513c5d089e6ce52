import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendBlocks, bodyText } from '../../shared/doc-schema.ts';
import {
  buildMinutes,
  minutesDate,
  RESTRICTED_ITEM_NOTE,
  RESTRICTED_ITEM_TITLE,
  sessionVersionName,
  withoutLeadingNumber,
  type MinutesInput,
} from '../../server/domain/minutes.ts';

const input: MinutesInput = {
  commissionName: 'Commission technique',
  sessionTitle: 'Revue des plans sectoriels',
  date: '2026-11-28',
  location: 'Rabat, salle 2',
  chair: { name: 'Nadia Secrétariat', organisation: 'Ministère MRE' },
  attendees: [
    { name: 'Nadia Secrétariat', organisation: 'Ministère MRE' },
    { name: 'Karim Santé', organisation: 'Ministère de la Santé' },
    { name: 'Leila Santé', organisation: 'Ministère de la Santé' },
  ],
  items: [
    {
      restricted: false,
      title: 'Plan santé 2027',
      documentTitle: 'Plan d’action santé',
      presenter: 'Ministère de la Santé',
      decision: 'adopted_with_changes',
      decisionText: 'Ajouter un indicateur\nde suivi',
      comments: [
        { name: 'Karim Santé', organisation: 'Ministère de la Santé', body: 'Le budget de la mesure 3\n est à revoir.' },
        { name: 'Ali', organisation: 'OIM', body: 'يجب توضيح المؤشرات' },
      ],
    },
    { restricted: false, title: 'Étude emploi', documentTitle: 'Étude sur l’emploi des jeunes', presenter: null, decision: null, decisionText: null, comments: [] },
  ],
};

/** What a reader of the minutes document sees: the blocks written into a Y.Doc and read back. */
function text(blocks = buildMinutes(input)): string {
  const doc = new Y.Doc();
  appendBlocks(doc, blocks);
  return bodyText(doc);
}

describe('buildMinutes', () => {
  it('opens with the title, the commission, date, place and chair', () => {
    const blocks = buildMinutes(input);
    expect(blocks[0]).toEqual({ type: 'heading', level: 1, text: 'Procès-verbal — Revue des plans sectoriels (28 novembre 2026)' });
    expect(text()).toContain('Commission technique — séance du 28 novembre 2026, Rabat, salle 2.');
    expect(text()).toContain('Présidence : Nadia Secrétariat (Ministère MRE).');
  });

  it('lists attendance by person and by organisation, each organisation once', () => {
    const body = text();
    expect(body).toContain('Organisations représentées : Ministère MRE, Ministère de la Santé.');
    expect(body).toContain('Karim Santé (Ministère de la Santé)');
    expect(body).toContain('Leila Santé (Ministère de la Santé)');
  });

  it('records per item the document, presenter, decision with its text, and the comments on one line each', () => {
    const body = text();
    expect(body).toContain('1. Plan santé 2027');
    expect(body).toContain('Document : Plan d’action santé');
    expect(body).toContain('Présenté par : Ministère de la Santé');
    expect(body).toContain('Décision : Adopté avec modifications — Ajouter un indicateur de suivi');
    expect(body).toContain('Karim Santé (Ministère de la Santé) : Le budget de la mesure 3 est à revoir.');
    expect(body).toContain('Ali (OIM) : يجب توضيح المؤشرات');
  });

  it('says so when an item has no decision, no presenter or no comments', () => {
    const body = text();
    expect(body).toContain('2. Étude emploi');
    expect(body).toContain('Présenté par : non précisé');
    expect(body).toContain('Décision : aucune décision enregistrée.');
    expect(body).toContain('Aucune observation.');
  });

  it('handles a session nobody was recorded at, with an empty agenda', () => {
    const body = text(buildMinutes({ ...input, location: null, attendees: [], items: [] }));
    expect(body).toContain('Commission technique — séance du 28 novembre 2026.');
    expect(body).toContain('Aucune présence enregistrée.');
    expect(body).toContain('Aucun point inscrit.');
  });

  it('names a restricted item by its number only: no title, document, decision text or comments', () => {
    const [first, second] = input.items;
    const body = text(buildMinutes({ ...input, items: [{ ...first!, restricted: true }, second!] }));
    expect(body).toContain(`1. ${RESTRICTED_ITEM_TITLE}`);
    expect(body).toContain(RESTRICTED_ITEM_NOTE);
    expect(body).toContain('Décision : Adopté avec modifications.');
    for (const secret of ['Plan santé 2027', 'Plan d’action santé', 'Ajouter un indicateur', 'Le budget de la mesure 3', 'يجب توضيح', 'Ministère de la Santé) :']) {
      expect(body).not.toContain(secret);
    }
    // the other items are written as usual
    expect(body).toContain('2. Étude emploi');
    expect(body).toContain('Document : Étude sur l’emploi des jeunes');
  });

  it('is deterministic', () => {
    expect(buildMinutes(input)).toEqual(buildMinutes(structuredClone(input)));
  });
});

describe('sessionVersionName', () => {
  it('names a session snapshot after the commission and the day', () => {
    expect(sessionVersionName('Commission technique', '2026-11-28')).toBe('Commission technique — 2026-11-28');
  });
});

describe('minutes numbering and dates (issue 16)', () => {
  it('writes the date in words and numbers each agenda item once', () => {
    expect(minutesDate('2026-10-05')).toBe('5 octobre 2026');
    expect(withoutLeadingNumber('2. Plan emploi')).toBe('Plan emploi');
    expect(withoutLeadingNumber('3) Note OIM')).toBe('Note OIM');
    expect(withoutLeadingNumber('2030 : vision')).toBe('2030 : vision');
    const blocks = buildMinutes({ ...input, items: [{ ...input.items[0]!, title: '1. Plan santé 2027' }] });
    const lines = blocks.flatMap((block) => (block.type === 'bulletList' ? block.items : [block.text]));
    expect(lines.filter((line) => /Plan santé 2027/u.test(line))).toEqual(['1. Plan santé 2027', '1. Plan santé 2027']);
    expect(lines.some((line) => /1\. 1\./u.test(line))).toBe(false);
  });
});

describe('minutes in the document’s language (issue 16)', () => {
  const lines = (blocks: ReturnType<typeof buildMinutes>) => blocks.flatMap((block) => (block.type === 'bulletList' ? block.items : [block.text]));
  const decided = {
    ...input,
    items: input.items.map((item, index) => ({
      ...item,
      decision: index === 0 ? ('adopted_with_changes' as const) : ('postponed' as const),
      decisionEffect: index === 0 ? ('moved' as const) : ('noted' as const),
    })),
  };

  it('writes headings, decisions, follow-up and dates in French, Arabic or English', () => {
    const fr = lines(buildMinutes({ ...decided, language: 'fr' })).join('\n');
    expect(fr).toContain('Ordre du jour');
    expect(fr).toContain('Décision : Adopté avec modifications');
    expect(fr).toContain('« Renvoyé »');
    const ar = lines(buildMinutes({ ...decided, language: 'ar' })).join('\n');
    expect(ar).toContain('جدول الأعمال');
    expect(ar).toContain('القرار: اعتُمد مع تعديلات');
    expect(ar).toContain('المآل: وضعية الوثيقة دون تغيير، وسُجّل القرار.');
    expect(ar).not.toMatch(/Décision|Ordre du jour|Présents|séance/u);
    const en = lines(buildMinutes({ ...decided, language: 'en' })).join('\n');
    expect(en).toContain('Agenda');
    expect(en).toContain('Decision: Adopted with changes');
    expect(en).toContain('Follow-up: the document moves to “Returned”, with the decision as the reason.');
    expect(en).not.toMatch(/Décision|Ordre du jour/u);
  });

  it('formats dates per locale, with Latin digits in Arabic', () => {
    expect(minutesDate('2026-10-05', 'fr')).toBe('5 octobre 2026');
    expect(minutesDate('2026-10-05', 'en')).toBe('5 October 2026');
    expect(minutesDate('2026-10-05', 'ar')).toMatch(/^5 .+ 2026$/u);
    expect(minutesDate('2026-10-05', 'ar')).not.toMatch(/[٠-٩]/u);
  });

  it('marks every Arabic block right to left, and no French or English one', () => {
    expect(buildMinutes({ ...input, language: 'ar' }).every((block) => block.dir === 'rtl')).toBe(true);
    expect(buildMinutes({ ...input, language: 'en' }).some((block) => block.dir)).toBe(false);
  });

  it('keeps the restricted items restricted in every language', () => {
    const restricted = { ...decided, items: [{ ...decided.items[0]!, restricted: true }] };
    for (const language of ['fr', 'ar', 'en'] as const) {
      const body = lines(buildMinutes({ ...restricted, language })).join('\n');
      expect(body).not.toContain(decided.items[0]!.title);
      expect(body).not.toContain(decided.items[0]!.documentTitle);
    }
  });
});
