import { describe, expect, it } from 'vitest';
import type { Locale } from '../../db/schema.ts';
import { plain, plainFromMrkdwn, type SlackMessage } from '../../bot/blocks/common.ts';
import * as cycles from '../../bot/blocks/cycles.ts';
import * as help from '../../bot/blocks/help.ts';
import * as home from '../../bot/blocks/home.ts';
import * as lists from '../../bot/blocks/lists.ts';
import * as modals from '../../bot/blocks/modals.ts';
import * as notifications from '../../bot/blocks/notifications.ts';
import * as session from '../../bot/blocks/session.ts';
import * as status from '../../bot/blocks/status.ts';
import * as unfurl from '../../bot/blocks/unfurl.ts';
import { fr as baseFr } from '../../bot/i18n/fr.ts';
import { measuresInSlackFr } from '../../bot/i18n/measures-in-slack.ts';
import { workAppFr } from '../../bot/i18n/work-app.ts';
import { t, type MessageKey } from '../../bot/i18n/index.ts';
import { blockKitProblems, mrkdwnLeaks, mrkdwnTexts, type Surface } from '../helpers/block-kit.ts';

const fr: Record<MessageKey, string> = { ...baseFr, ...workAppFr, ...measuresInSlackFr };

const URL = 'https://tansiq.example.ma';
const ID = '0b5b8d3e-6f1c-4c1e-9a55-5a0e0b6c7d8e';
const HOSTILE = 'Plan <!channel> <https://evil.example|cliquez ici> *bold* &';
/** a measure id someone wrote into the Y.Doc by hand: 64 quotes, 190 characters once in JSON */
const HOSTILE_ID = '"'.repeat(64);
const LONG = `${HOSTILE} ${'é'.repeat(4000)} 😀`;
const LOCALES: Locale[] = ['fr', 'ar', 'en'];

type Built = { surface: Surface; payload: { text?: string; blocks?: unknown[] } & Record<string, any> };

const measure = (title: string, id: string, index: number): lists.MeasureLine => ({
  documentId: ID,
  documentTitle: title,
  id: `${id}${index}`,
  title,
  due: '2026-01-10',
  status: 'in_progress',
  progress: 10,
  canEdit: true,
});

/** Every builder of bot/blocks, fed `text` wherever people's text goes (and `id` where a measure id goes). */
function everyBuilder(text: string, id: string, locale: Locale): Record<string, Built> {
  const message = (payload: SlackMessage): Built => ({ surface: 'message', payload });
  const view: status.DocumentStatusView = {
    id: ID,
    title: text,
    kind: 'action_plan',
    status: 'returned',
    returnReason: text,
    leadName: text,
    measures: { planned: 2, in_progress: 1, done: 3, blocked: 0, cancelled: 0 },
    overdue: 1,
    lastEditedAt: new Date('2026-11-20T10:00:00Z'),
    lastEditorName: text,
    openComments: 4,
    canComment: true,
    transitions: ['adopted', 'returned'],
  };
  const measures = Array.from({ length: 40 }, (_, index) => measure(text, id, index));
  const digest: notifications.DocumentDigest = {
    document: { id: ID, title: text, status: 'submitted' },
    count: 60,
    people: [text, text],
    lines: [
      { type: 'status', from: 'in_review', to: 'returned', reason: text },
      ...Array.from({ length: 30 }, () => ({ type: 'comment' as const, author: text, text })),
      { type: 'measure', title: text, from: 'planned', to: 'done' },
      { type: 'overdue', title: text, due: '2026-01-10' },
      { type: 'edits', count: 9 },
    ],
    buttons: { measure: { id: `${id}x`, status: 'in_progress' }, resolveCommentId: ID, decide: true, comment: true },
  };
  const summary: session.SessionSummary = {
    title: text,
    commissionName: text,
    state: 'live',
    scheduledAt: new Date('2026-12-01T09:00:00Z'),
    startedAt: new Date('2026-12-01T09:05:00Z'),
    location: text,
    currentItemId: 'i1',
    items: Array.from({ length: 60 }, (_, index) => ({
      id: `i${index}`,
      title: text,
      ...(index % 2 ? { documentId: ID } : {}),
      decision: index % 3 ? null : ('adopted' as const),
    })),
    minutesDocumentId: ID,
  };
  const candidates = Array.from({ length: 120 }, () => ({ id: ID, title: text, status: 'draft' as const }));
  const documents = Array.from({ length: 60 }, () => ({ id: ID, title: text, kind: 'note' as const, status: 'draft' as const, leadName: text }));
  const homeData: home.HomeData = {
    userName: text,
    overdue: measures,
    dueSoon: measures,
    documents,
    documentsTotal: 80,
    sessions: Array.from({ length: 12 }, () => ({ title: text, scheduledAt: new Date('2026-12-01T09:00:00Z'), state: 'live' as const })),
  };
  return {
    helpBlocks: message(help.helpBlocks(locale, text)),
    linkBlocks: message(help.linkBlocks(locale, `${URL}/slack/link?code=abc`)),
    homeView: { surface: 'home', payload: home.homeView(homeData, locale, URL) },
    unlinkedHomeView: { surface: 'home', payload: home.unlinkedHomeView(help.linkBlocks(locale, `${URL}/slack/link?code=abc`).blocks) },
    documentListBlocks: message(lists.documentListBlocks(t(locale, 'search.title', { query: text, count: 80 }), documents, 80, locale, URL)),
    measureListBlocks: message(lists.measureListBlocks(t(locale, 'overdue.title', { count: 40 }), measures, 40, locale, URL)),
    measureLine: message(plain(lists.measureLine(measures[0]!, locale, URL))),
    measureButtons: message({ text: '', blocks: [{ type: 'actions', elements: lists.measureButtons(measures[0]!, locale, 0) }] }),
    ambiguousList: message(
      plain(
        lists.ambiguousList(
          locale,
          text,
          candidates.map((candidate) => candidate.title),
          100,
        ),
      ),
    ),
    chunkLines: message({
      text: '',
      blocks: lists.chunkLines(
        documents.map(() => lists.measureLine(measures[0]!, locale, URL)),
        locale,
      ),
    }),
    commentModal: { surface: 'modal', payload: modals.commentModal(locale, { id: ID, title: text, measureId: 'm1' }) },
    commentModalPicker: { surface: 'modal', payload: modals.commentModal(locale, null) },
    returnModal: { surface: 'modal', payload: modals.returnModal(locale, { id: ID, title: text }) },
    documentDigestBlocks: message(notifications.documentDigestBlocks(digest, locale, URL)),
    documentDigestMention: message(notifications.documentDigestBlocks({ ...digest, lines: [{ type: 'mention', author: text, text }] }, locale, URL)),
    documentDigestLead: message(
      notifications.documentDigestBlocks(
        {
          ...digest,
          lines: [
            { type: 'lead', title: text, organisation: text },
            { type: 'lead', title: text, organisation: text },
          ],
        },
        locale,
        URL,
      ),
    ),
    sessionDigestBlocks: message(
      notifications.sessionDigestBlocks(
        {
          session: { title: text, commissionName: text },
          lines: [
            { type: 'started' },
            ...Array.from({ length: 12 }, () => ({ type: 'item' as const, item: text })),
            { type: 'decision', item: text, decision: 'returned' },
            { type: 'closed', minutesDocumentId: ID },
          ],
        },
        locale,
        URL,
      ),
    ),
    restrictedNoticeBlocks: message(notifications.restrictedNoticeBlocks('document', ID, locale, URL)),
    restrictedNoticeBlocksSession: message(notifications.restrictedNoticeBlocks('session', ID, locale, URL)),
    // A follow-up cycle's notices, full and minimal: long names, 200 consolidated documents, 300 organisations owing reports.
    restrictedNoticeBlocksCycle: message(notifications.restrictedNoticeBlocks('cycle', ID, locale, URL)),
    cycleAnnouncementBlocks: message(
      cycles.cycleAnnouncementBlocks({ what: 'opened', period: text, reports: 300, submitted: 0, due: '2026-12-31', consolidated: [] }, locale, URL),
    ),
    cycleAnnouncementBlocksClosed: message(
      cycles.cycleAnnouncementBlocks(
        { what: 'closed', period: text, reports: 300, submitted: 120, due: '2026-12-31', consolidated: Array.from({ length: 200 }, () => ({ id: ID, title: text })) },
        locale,
        URL,
      ),
    ),
    cycleReminderBlocks: message(cycles.cycleReminderBlocks({ period: text, due: '2026-12-31', late: true }, locale, `${URL}/cycles/${ID}/report`)),
    cycleReminderChannelBlocks: message(cycles.cycleReminderChannelBlocks({ period: text, organisations: Array.from({ length: 300 }, () => text) }, locale)),
    sessionBlocks: message(session.sessionBlocks(summary, locale, URL)),
    statusBlocks: message(status.statusBlocks(view, locale, URL)),
    measureSummary: message(plain(status.measureSummary(locale, view.measures))),
    documentButtons: message({ text: '', blocks: [{ type: 'actions', elements: status.documentButtons(locale, URL, view) }] }),
    pickerBlocks: message(status.pickerBlocks(text, candidates, locale, 300)),
    restrictedUnfurlBlocks: message({ text: '', blocks: unfurl.restrictedUnfurlBlocks(ID, locale, URL) }),
    unfurlBlocks: message({
      text: '',
      blocks: unfurl.unfurlBlocks({ id: ID, title: text, kind: 'action_plan', status: 'adopted', leadName: text, measuresDone: 2, measuresTotal: 5, overdue: 1 }, locale, URL),
    }),
  };
}

describe('people’s text in every Block Kit builder', () => {
  it('covers every builder the bot has (a new builder must be added here)', () => {
    const exported = [cycles, help, home, lists, modals, notifications, session, status, unfurl].flatMap((module) =>
      Object.entries(module)
        .filter(([, value]) => typeof value === 'function')
        .map(([name]) => name),
    );
    const covered = new Set(Object.keys(everyBuilder('x', 'm', 'fr')).map((name) => name.replace(/(Picker|Mention|Lead|Session|Cycle|Closed)$/, '')));
    expect(exported.filter((name) => !covered.has(name))).toEqual([]);
  });

  for (const locale of LOCALES) {
    it(`a hostile title makes no live link, mention or formatting (${locale})`, () => {
      for (const [name, built] of Object.entries(everyBuilder(HOSTILE, 'm', locale))) {
        expect(mrkdwnLeaks(built.payload, URL), name).toEqual([]);
      }
    });

    it(`every builder stays within Block Kit limits with hostile, long text and ids (${locale})`, () => {
      for (const text of [HOSTILE, LONG]) {
        for (const [name, built] of Object.entries(everyBuilder(text, HOSTILE_ID, locale))) {
          expect(blockKitProblems(built.payload, built.surface), name).toEqual([]);
          expect(mrkdwnLeaks(built.payload, URL), name).toEqual([]);
        }
      }
    });
  }

  for (const locale of LOCALES) {
    it(`a cycle notice says how many documents or organisations it left out (${locale})`, () => {
      const title = `Plan ${'x'.repeat(400)}`;
      const more = { fr: /… et (\d+) /, ar: /… و(\d+) /, en: /… and (\d+) more/ }[locale];
      const closed = cycles.cycleAnnouncementBlocks(
        { what: 'closed', period: 'T4 2026', reports: 3, submitted: 1, due: '2026-12-31', consolidated: Array.from({ length: 200 }, (_, index) => ({ id: `d${index}`, title })) },
        locale,
        URL,
      );
      expect(blockKitProblems(closed)).toEqual([]);
      const blocksText = mrkdwnTexts({ blocks: closed.blocks }).join('\n');
      const listed = (blocksText.match(/\/documents\/d\d+\|/g) ?? []).length;
      expect(listed).toBeGreaterThan(5);
      expect(Number(blocksText.match(more)?.[1])).toBe(200 - listed);
      const textListed = (closed.text.match(/\/documents\/d\d+\|/g) ?? []).length;
      expect(Number(closed.text.match(more)?.[1])).toBe(200 - textListed);
      expect(closed.text.length).toBeLessThanOrEqual(4000);

      const organisations = Array.from({ length: 300 }, (_, index) => `Organisation ${index} ${'y'.repeat(60)}`);
      const reminder = cycles.cycleReminderChannelBlocks({ period: 'T4 2026', organisations }, locale);
      expect(blockKitProblems(reminder)).toEqual([]);
      const named = (reminder.text.match(/Organisation \d+/g) ?? []).length;
      expect(named).toBeGreaterThan(5);
      expect(Number(reminder.text.match(more)?.[1])).toBe(300 - named);
    });
  }

  it('people still read the title they wrote', () => {
    const built = everyBuilder(HOSTILE, 'm', 'fr').statusBlocks!.payload;
    expect(built.blocks?.[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: `📄 ${HOSTILE}` } });
    expect(plainFromMrkdwn(built.text!)).toContain('Plan <!channel> <https://evil.example|cliquez ici>');
    expect(built.text).toContain('∗bold∗ &amp;');
  });

  it('every message of the dictionaries escapes what is filled in', () => {
    for (const locale of LOCALES) {
      for (const key of Object.keys(fr) as MessageKey[]) {
        const names = [...fr[key].matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
        if (names.length === 0) continue;
        const text = t(locale, key, Object.fromEntries(names.map((name) => [name, HOSTILE])));
        expect(mrkdwnLeaks(plain(text), URL), `${locale} ${key}`).toEqual([]);
      }
    }
  });
});
