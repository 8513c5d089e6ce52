import { describe, expect, it } from 'vitest';
import { ar } from '../../bot/i18n/ar.ts';
import { en } from '../../bot/i18n/en.ts';
import { fr } from '../../bot/i18n/fr.ts';
import { t } from '../../bot/i18n/index.ts';
import { escapeMrkdwn, link, truncate, type Block } from '../../bot/blocks/common.ts';
import { helpBlocks, linkBlocks } from '../../bot/blocks/help.ts';
import { homeView } from '../../bot/blocks/home.ts';
import { documentListBlocks, measureListBlocks, type MeasureLine } from '../../bot/blocks/lists.ts';
import { commentModal, returnModal } from '../../bot/blocks/modals.ts';
import { documentDigestBlocks, sessionDigestBlocks, type DocumentDigest } from '../../bot/blocks/notifications.ts';
import { sessionBlocks } from '../../bot/blocks/session.ts';
import { pickerBlocks, statusBlocks, type DocumentStatusView } from '../../bot/blocks/status.ts';
import { unfurlBlocks } from '../../bot/blocks/unfurl.ts';

const URL = 'https://tansiq.example.ma';
const ID = '0b5b8d3e-6f1c-4c1e-9a55-5a0e0b6c7d8e';

/** What Slack itself would refuse: too many blocks, over-long texts, duplicate action ids in a block. */
function expectValid(blocks: readonly Block[], maxBlocks = 50) {
  expect(blocks.length).toBeLessThanOrEqual(maxBlocks);
  for (const block of blocks) {
    if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
    if (block.type === 'section' && block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
    if (block.type === 'actions') {
      const ids = block.elements.map((element) => ('action_id' in element ? element.action_id : undefined));
      expect(new Set(ids).size).toBe(ids.length);
      for (const element of block.elements) if (element.type === 'button') expect(element.text.text.length).toBeLessThanOrEqual(75);
    }
  }
}

const actionIds = (blocks: readonly Block[]) =>
  blocks.flatMap((block) => (block.type === 'actions' ? block.elements.map((element) => ('action_id' in element ? element.action_id : '')) : []));

describe('bot dictionaries', () => {
  it('say everything in all three languages, with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const key of Object.keys(fr) as Array<keyof typeof fr>) {
      for (const dictionary of [ar, en]) {
        expect(dictionary[key], key).toBeTruthy();
        expect(placeholders(dictionary[key]), key).toEqual(placeholders(fr[key]));
      }
    }
  });

  it('fill placeholders and leave unknown ones visible', () => {
    expect(t('en', 'list.title', { count: 3 })).toBe('Documents (3)');
    expect(t('fr', 'list.title')).toBe('Documents ({count})');
  });
});

describe('Block Kit builders', () => {
  const view: DocumentStatusView = {
    id: ID,
    title: 'Plan <!channel> | santé',
    kind: 'action_plan',
    status: 'submitted',
    returnReason: null,
    leadName: 'Santé & Protection',
    measures: { planned: 2, in_progress: 1, done: 3, blocked: 0, cancelled: 0 },
    overdue: 1,
    lastEditedAt: new Date('2026-11-20T10:00:00Z'),
    lastEditorName: 'Amina',
    openComments: 4,
    canComment: true,
    transitions: ['adopted', 'returned'],
  };

  it('status: fields, escaped names, and the buttons the reader may use', () => {
    const message = statusBlocks(view, 'fr', URL);
    expectValid(message.blocks);
    const json = JSON.stringify(message.blocks);
    expect(json).toContain('Santé &amp; Protection');
    // Plain-text headers show it literally; mrkdwn and the fallback text must not carry it.
    expect(JSON.stringify(message.blocks.filter((block) => block.type !== 'header'))).not.toContain('<!channel>');
    expect(message.text).not.toContain('<!channel>');
    expect(json).toContain('prévue 2 · en cours 1 · réalisée 3');
    expect(actionIds(message.blocks)).toEqual(['tsq_open', 'tsq_comment_new', 'tsq_doc_approve', 'tsq_doc_return']);
    const reader = statusBlocks({ ...view, canComment: false, transitions: [] }, 'ar', URL);
    expect(actionIds(reader.blocks)).toEqual(['tsq_open']);
    expect(JSON.stringify(reader.blocks)).toContain('مقدَّمة');
  });

  it('links keep their label inside the link', () => {
    expect(link(URL, 'a|b>c')).toBe(`<${URL}|a¦b&gt;c>`);
    expect(escapeMrkdwn('<@U1> & <!here>')).toBe('&lt;@U1&gt; &amp; &lt;!here&gt;');
    expect(truncate('abcdef', 4)).toBe('abc…');
  });

  it('picker: a menu of the candidates', () => {
    const message = pickerBlocks('plan', [{ id: ID, title: 'Plan A', status: 'draft' }], 'en');
    expect(JSON.stringify(message.blocks)).toContain('Plan A (draft)');
  });

  it('measure lists: buttons only where the reader may edit, unique ids, within 50 blocks', () => {
    const measures: MeasureLine[] = Array.from({ length: 40 }, (_, index) => ({
      documentId: ID,
      documentTitle: 'Plan',
      id: `m${index}`,
      title: `Mesure ${index}`,
      due: '2026-01-10',
      status: 'in_progress',
      progress: 10,
      canEdit: index % 2 === 0,
    }));
    const message = measureListBlocks('Retards', measures, 40, 'fr', URL);
    expectValid(message.blocks);
    const ids = actionIds(message.blocks);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('tsq_measure_done#0');
    expect(ids).not.toContain('tsq_measure_done#1');
    expect(JSON.stringify(message.blocks)).toContain('… et 20 de plus.');
  });

  it('measure lines show the indicator’s current value and target when there is one', () => {
    const line = (extra: Partial<MeasureLine>): MeasureLine => ({
      documentId: ID,
      documentTitle: 'Plan',
      id: 'm',
      title: 'Mesure',
      due: null,
      status: 'in_progress',
      progress: 10,
      canEdit: false,
      ...extra,
    });
    const text = (measure: MeasureLine, locale: 'fr' | 'ar' | 'en') => JSON.stringify(measureListBlocks('Liste', [measure], 1, locale, URL).blocks);
    expect(text(line({ indicatorCurrent: 1250.5, indicatorTarget: 3000, indicatorUnit: 'personnes' }), 'fr')).toMatch(/Indicateur : 1\u202f250,5 \/ 3\u202f000 personnes/);
    expect(text(line({ indicatorCurrent: 52, indicatorTarget: null, indicatorUnit: '%' }), 'en')).toContain('Indicator: 52 %');
    expect(text(line({ indicatorCurrent: 7, indicatorTarget: 9, indicatorUnit: '<!channel>' }), 'ar')).not.toContain('<!channel>');
    expect(text(line({}), 'fr')).not.toContain('Indicateur');
  });

  it('document lists split long lists over several sections', () => {
    const docs = Array.from({ length: 60 }, (_, index) => ({
      id: ID,
      title: `Document ${'x'.repeat(80)} ${index}`,
      kind: 'note' as const,
      status: 'draft' as const,
      leadName: 'Org',
    }));
    const message = documentListBlocks('Documents', docs, 60, 'fr', URL);
    expectValid(message.blocks);
    expect(message.blocks.filter((block) => block.type === 'section').length).toBeGreaterThan(1);
  });

  it('notification digests: one message for a burst, with counts, excerpts and buttons', () => {
    const digest: DocumentDigest = {
      document: { id: ID, title: 'Plan santé', status: 'submitted' },
      count: 17,
      people: ['Amina', 'Youssef', 'Karim'],
      lines: [
        { type: 'status', from: 'in_review', to: 'submitted', reason: null },
        ...Array.from({ length: 7 }, (_, index) => ({ type: 'comment' as const, author: 'Amina', text: `Remarque ${index} <!channel>` })),
        { type: 'edits', count: 9 },
      ],
      buttons: { measure: { id: 'm1', status: 'in_progress' }, resolveCommentId: ID, decide: true, comment: true },
    };
    const message = documentDigestBlocks(digest, 'fr', URL);
    expectValid(message.blocks);
    const json = JSON.stringify(message.blocks);
    expect(json).toContain('17 mise(s) à jour par Amina, Youssef, Karim');
    expect(json).toContain('… et 2 autre(s) commentaire(s)');
    expect(json).not.toContain('<!channel>');
    expect(actionIds(message.blocks)).toEqual(['tsq_open', 'tsq_measure_done', 'tsq_comment_resolve', 'tsq_comment_new', 'tsq_doc_approve', 'tsq_doc_return']);
    const later = documentDigestBlocks(
      { ...digest, document: { ...digest.document, status: 'adopted' }, buttons: { ...digest.buttons, measure: { id: 'm1', status: 'done' } } },
      'en',
      URL,
    );
    expect(actionIds(later.blocks)).toEqual(['tsq_open', 'tsq_comment_resolve', 'tsq_comment_new']);
    const mention = documentDigestBlocks(
      { ...digest, document: { ...digest.document, title: 'Plan <!here>' }, lines: [{ type: 'mention', author: 'Amina', text: 'Vous ?' }] },
      'fr',
      URL,
    );
    expect(mention.text).toBe('Amina vous a mentionné sur « Plan &lt;!here&gt; »');
  });

  it('session digests keep the start and the latest items of a long live session', () => {
    const lines = [
      { type: 'started' as const },
      ...Array.from({ length: 12 }, (_, index) => ({ type: 'item' as const, item: `Point ${index}` })),
      { type: 'closed' as const, minutesDocumentId: ID },
    ];
    const message = sessionDigestBlocks({ session: { title: 'Séance', commissionName: 'Technique' }, lines }, 'fr', URL);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('a commencé');
    expect(text).toContain('Point 11');
    expect(text).not.toContain('Point 3');
    expect(text).toContain(`${URL}/documents/${ID}|Procès-verbal`);
  });

  it('session, help, link, unfurl, home and modals', () => {
    expect(JSON.stringify(sessionBlocks(null, 'en', URL).blocks)).toContain('No live or planned session');
    expect(JSON.stringify(helpBlocks('fr', '<!here>').blocks)).toContain('&lt;!here&gt;');
    // Every command is in the help, in every language (report came with the follow-up cycles).
    for (const locale of ['fr', 'ar', 'en'] as const) {
      const help = JSON.stringify(helpBlocks(locale).blocks);
      for (const command of ['status', 'list', 'overdue', 'search', 'comment', 'session', 'report', 'subscribe', 'unsubscribe', 'subscriptions', 'unlink'])
        expect(help).toContain(`/tansiq ${command}`);
    }
    expect(JSON.stringify(linkBlocks('en', `${URL}/slack/link?code=abc`).blocks)).toContain(`${URL}/slack/link?code=abc`);
    expect(
      JSON.stringify(unfurlBlocks({ id: ID, title: 'Plan', kind: 'action_plan', status: 'adopted', leadName: 'Santé', measuresDone: 2, measuresTotal: 5, overdue: 1 }, 'fr', URL)),
    ).toContain('2/5 mesures terminées · 1 en retard');
    const measures: MeasureLine[] = Array.from({ length: 30 }, (_, index) => ({
      documentId: ID,
      documentTitle: 'Plan',
      id: `m${index}`,
      title: 'M',
      due: null,
      status: 'planned',
      progress: 0,
      canEdit: true,
    }));
    const home = homeView({ userName: 'Amina', overdue: measures, dueSoon: measures, documents: [], documentsTotal: 0, sessions: [] }, 'fr', URL);
    expectValid(home.blocks as Block[], 100);
    const modal = commentModal('ar', { id: ID, title: 'Plan', measureId: 'm1' });
    expect(JSON.parse(modal.private_metadata!)).toEqual({ d: ID, m: 'm1' });
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
    expect(JSON.stringify(commentModal('fr', null).blocks)).toContain('external_select');
    expect(returnModal('en', { id: ID, title: 'Plan' }).callback_id).toBe('tsq_return_modal');
  });
});
