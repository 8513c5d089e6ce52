import { describe, expect, it } from 'vitest';
import type { Locale } from '../../db/schema.ts';
import { documentDigestBlocks } from '../../bot/blocks/notifications.ts';
import { MeasureField, measureShortcutModal, WorkAppId } from '../../bot/blocks/work-app.ts';
import { fromSlackText, measureFromMessage } from '../../bot/commands/slack-text.ts';
import { measuresInSlackAr, measuresInSlackEn, measuresInSlackFr } from '../../bot/i18n/measures-in-slack.ts';
import { measureChangeEvents } from '../../server/collab/measure-changes.ts';
import type { ProjectedMeasure } from '../../server/collab/projection.ts';
import { completeMeasure } from '../../shared/measure-model.ts';
import { blockKitProblems, mrkdwnLeaks } from '../helpers/block-kit.ts';

const URL = 'https://tansiq.example.ma';
const ID = '0b5b8d3e-6f1c-4c1e-9a55-5a0e0b6c7d8e';
const HOSTILE = 'Plan <!channel> <https://evil.example|cliquez ici> *bold* &';
const LOCALES: Locale[] = ['fr', 'ar', 'en'];

const projected = (id: string, fields: Partial<ProjectedMeasure> = {}): ProjectedMeasure => ({ ...completeMeasure({ id, title: `Mesure ${id}` }), position: 0, ...fields });

describe('a measure drafted from a Slack message', () => {
  it('takes its title from the first line and its notes from the rest', () => {
    expect(measureFromMessage(fromSlackText('\n\n• *Guichet santé &amp; consulats*\nOuvrir en 2027.\n\nBudget &lt;à confirmer&gt;'))).toEqual({
      title: 'Guichet santé & consulats',
      notes: 'Ouvrir en 2027.\n\nBudget <à confirmer>',
    });
    expect(measureFromMessage(fromSlackText('1. Former les agents <@U123|karim>'))).toEqual({ title: 'Former les agents @karim', notes: '' });
    expect(measureFromMessage('   \n  ')).toEqual({ title: '', notes: '' });
  });
});

describe('the measure modal', () => {
  const organisations = Array.from({ length: 130 }, (_, index) => ({ id: `${ID.slice(0, -3)}${String(index).padStart(3, '0')}`, name: `${HOSTILE} ${'م'.repeat(100)} ${index}` }));

  it('stays within Block Kit limits with hostile, long text and 130 organisations, in fr, ar and en', () => {
    for (const locale of LOCALES) {
      const view = measureShortcutModal(locale, {
        title: `${HOSTILE} ${'é'.repeat(700)}`,
        notes: `${HOSTILE}\n${'é'.repeat(4000)}`,
        channel: 'C1',
        ts: '1700000000.000100',
        organisations,
        defaultLeadId: organisations[0]!.id,
      });
      expect(blockKitProblems(view, 'modal'), locale).toEqual([]);
      expect(mrkdwnLeaks(view, URL), locale).toEqual([]);
      const lead = view.blocks.find((block) => block.block_id === MeasureField.lead) as any;
      expect(lead.element.options).toHaveLength(100);
      expect(lead.element.initial_option.value).toBe(organisations[0]!.id);
      const plan = view.blocks.find((block) => block.block_id === MeasureField.plan) as any;
      expect(plan.element.action_id).toBe(WorkAppId.planSearch);
    }
  });

  it('leaves the lead menu out when there is no organisation to offer (a menu needs options)', () => {
    const view = measureShortcutModal('fr', { title: 'x', notes: '', channel: 'C1', ts: '1.2', organisations: [], defaultLeadId: null });
    expect(view.blocks.some((block) => block.block_id === MeasureField.lead)).toBe(false);
  });
});

describe('the "you now lead" message', () => {
  it('says so in the headline, escaped, within limits', () => {
    for (const locale of LOCALES) {
      const message = documentDigestBlocks(
        {
          document: { id: ID, title: HOSTILE, status: 'draft' },
          count: 1,
          people: [HOSTILE],
          lines: [{ type: 'lead', title: HOSTILE, organisation: HOSTILE }],
          buttons: { measure: { id: 'm1', status: 'planned' }, decide: false, comment: true },
        },
        locale,
        URL,
      );
      expect(blockKitProblems(message), locale).toEqual([]);
      expect(mrkdwnLeaks(message, URL), locale).toEqual([]);
    }
    const french = documentDigestBlocks(
      {
        document: { id: ID, title: 'Plan santé', status: 'draft' },
        count: 1,
        people: [],
        lines: [{ type: 'lead', title: 'Guichet', organisation: 'Santé' }],
        buttons: { decide: false, comment: false },
      },
      'fr',
      URL,
    );
    expect(french.text).toBe('Vous pilotez désormais la mesure « Guichet » du plan « Plan santé » (pour Santé)');
  });

  it('has every key in three languages with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const key of Object.keys(measuresInSlackFr) as Array<keyof typeof measuresInSlackFr>) {
      for (const dictionary of [measuresInSlackAr, measuresInSlackEn]) expect(placeholders(dictionary[key]), key).toEqual(placeholders(measuresInSlackFr[key]));
    }
  });
});

describe('what a projection notices about measures', () => {
  const context = { documentId: ID, lastEditorId: 'u1' };
  const SANTE = 'org-sante';
  const EMPLOI = 'org-emploi';

  it('an organisation becoming responsible: a lead set or changed, a measure added with a lead', () => {
    const previous = new Map([
      ['a', { status: 'planned', leadOrganisationId: null }],
      ['b', { status: 'planned', leadOrganisationId: SANTE }],
      ['c', { status: 'planned', leadOrganisationId: SANTE }],
      ['d', { status: 'planned', leadOrganisationId: SANTE }],
    ]);
    const events = measureChangeEvents(context, previous, true, [
      projected('a', { leadOrganisationId: SANTE }),
      projected('b', { leadOrganisationId: EMPLOI, status: 'done' }),
      projected('c', { leadOrganisationId: SANTE }),
      projected('d', { leadOrganisationId: null }),
      projected('e', { leadOrganisationId: EMPLOI }),
      projected('f'),
    ]);
    expect(events).toEqual([
      { type: 'measure.lead_changed', documentId: ID, actorUserId: 'u1', measureId: 'a', title: 'Mesure a', from: null, to: SANTE },
      { type: 'measure.status_changed', documentId: ID, actorUserId: 'u1', measureId: 'b', title: 'Mesure b', from: 'planned', to: 'done' },
      { type: 'measure.lead_changed', documentId: ID, actorUserId: 'u1', measureId: 'b', title: 'Mesure b', from: SANTE, to: EMPLOI },
      { type: 'measure.lead_changed', documentId: ID, actorUserId: 'u1', measureId: 'e', title: 'Mesure e', from: null, to: EMPLOI },
    ]);
  });

  it('the measures a document is created or loaded with are not news', () => {
    expect(measureChangeEvents(context, new Map(), false, [projected('a', { leadOrganisationId: SANTE })])).toEqual([]);
  });
});
