import { writeFileSync, mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../db/schema.ts';
import { documentDigestBlocks, sessionDigestBlocks } from '../../bot/blocks/notifications.ts';
import { adminSubscriptionsBlocks, settingsBlocks, shortcutModal, weeklyDigestBlocks } from '../../bot/blocks/work-app.ts';
import { homeView } from '../../bot/blocks/home.ts';
import { digestWeek } from '../../bot/notify/digest.ts';
import { DEFAULT_SETTINGS, PERSONAL_KINDS } from '../../bot/notify/settings.ts';
import { blockKitProblems, mrkdwnLeaks, type Surface } from '../helpers/block-kit.ts';

const URL = 'https://tansiq.example.ma';
const ID = '0b5b8d3e-6f1c-4c1e-9a55-5a0e0b6c7d8e';
const HOSTILE = 'Plan <!channel> <https://evil.example|cliquez ici> *bold* &';
const LONG = `${HOSTILE} ${'م'.repeat(5000)}`;
const LOCALES: Locale[] = ['fr', 'ar', 'en'];

function builders(locale: Locale, title: string): Record<string, { payload: any; surface: Surface }> {
  const measure = { documentId: ID, documentTitle: title, id: 'm-1', title, due: '2026-12-10', status: 'in_progress' as const, progress: 40 };
  return {
    settings: { payload: { blocks: settingsBlocks(DEFAULT_SETTINGS, locale) }, surface: 'home' },
    settingsMuted: { payload: { blocks: settingsBlocks({ kinds: new Set(), locale: 'ar', muted: true, weeklyDigest: true }, locale) }, surface: 'home' },
    home: {
      payload: homeView(
        {
          userName: title,
          overdue: Array(10).fill({ ...measure, canEdit: true }),
          dueSoon: Array(10).fill({ ...measure, canEdit: true }),
          documents: [],
          documentsTotal: 0,
          sessions: [],
        },
        locale,
        URL,
        DEFAULT_SETTINGS,
      ),
      surface: 'home',
    },
    digest: {
      payload: weeklyDigestBlocks({ userName: title, overdue: Array(12).fill(measure), overdueTotal: 12, dueSoon: [measure], dueSoonTotal: 1, unread: 3 }, locale, URL),
      surface: 'message',
    },
    digestEmpty: { payload: weeklyDigestBlocks({ userName: title, overdue: [], overdueTotal: 0, dueSoon: [], dueSoonTotal: 0, unread: 0 }, locale, URL), surface: 'message' },
    shortcut: { payload: shortcutModal(locale, { text: title, channel: 'C1', ts: '1.2' }), surface: 'modal' },
    admin: {
      payload: adminSubscriptionsBlocks(
        Array.from({ length: 30 }, (_, index) => ({
          id: ID,
          channelId: index % 2 ? 'C123' : `<!channel>${index}`,
          target: '« titre »',
          events: 'statut',
          by: title,
          pausedReason: index % 3 ? null : title,
        })),
        locale,
      ),
      surface: 'message',
    },
    liveCard: {
      payload: documentDigestBlocks(
        {
          document: { id: ID, title, status: 'adopted' },
          count: 3,
          people: [title],
          lines: [
            { type: 'reply', author: title, text: title },
            { type: 'due_soon', title, due: '2026-12-10' },
          ],
          buttons: { decide: true, comment: true },
          live: { status: 'adopted', openComments: 4, lastActor: title },
        },
        locale,
        URL,
      ),
      surface: 'message',
    },
    liveSession: {
      payload: sessionDigestBlocks({ session: { title, commissionName: title }, lines: [{ type: 'started' }], live: { state: 'live', decisions: 2 } }, locale, URL),
      surface: 'message',
    },
  };
}

describe('work-app Block Kit builders', () => {
  it('stay within Slack’s limits and leak no markup, in fr, ar and en, with hostile and long titles', () => {
    const dumps: Record<string, unknown> = {};
    for (const locale of LOCALES) {
      for (const title of [HOSTILE, LONG]) {
        for (const [name, { payload, surface }] of Object.entries(builders(locale, title))) {
          expect(blockKitProblems(payload, surface), `${locale} ${name}`).toEqual([]);
          // The administrators' list links channels by their Slack id on purpose (never people's text).
          expect(
            mrkdwnLeaks(payload, URL).filter((leak) => !leak.startsWith('live markup <#C123>')),
            `${locale} ${name}`,
          ).toEqual([]);
          if (title === HOSTILE && locale === 'ar') dumps[`${name}.ar`] = payload;
        }
      }
    }
    mkdirSync('test-artifacts/slack', { recursive: true });
    writeFileSync('test-artifacts/slack/work-app-payloads-ar.json', JSON.stringify(dumps, null, 2));
  });

  it('offers every kind of personal notification in the settings', () => {
    const checkboxes = (settingsBlocks(DEFAULT_SETTINGS, 'fr') as any[]).flatMap((block) => block.elements ?? []).find((element: any) => element.type === 'checkboxes');
    expect(checkboxes.options.map((option: any) => option.value)).toEqual([...PERSONAL_KINDS]);
    expect(checkboxes.initial_options).toHaveLength(PERSONAL_KINDS.length);
  });

  it('a digest week starts on Monday 08:00 in Morocco', () => {
    expect(digestWeek(new Date('2026-12-07T06:59:00Z'))).toBe('2026-W49');
    expect(digestWeek(new Date('2026-12-07T07:01:00Z'))).toBe('2026-W50');
    expect(digestWeek(new Date('2026-12-13T20:00:00Z'))).toBe('2026-W50');
    expect(digestWeek(new Date('2027-01-04T09:00:00Z'))).toBe('2027-W01');
  });
});
