import type { Locale } from '../../db/schema.ts';
import { Raw, tr } from '../i18n/report.ts';
import { actions, escapeMrkdwn, fitList, LIMITS, link, oneLine, section, truncateMrkdwn, urlButton, type SlackMessage } from './common.ts';
import { chunkLines } from './lists.ts';
import { ReportActionId } from './report.ts';

/**
 * Block Kit for follow-up cycles' notices (issue 19), within Slack's limits by construction:
 * however many consolidated documents or organisations owing reports, and however long their
 * names, a notice stays within a few sections and says how many it left out. Pure.
 */

/** The most sections a notice takes (a message holds 50 blocks; a notice should stay short). */
const MAX_SECTIONS = 5;
/** The organisations named in one reminder sentence (the section holds 3,000 characters). */
const ORGANISATIONS_BUDGET = 2500;

export interface CycleAnnouncement {
  what: 'opened' | 'closed';
  period: string;
  /** reports expected */
  reports: number;
  /** reports submitted or accepted (a close) */
  submitted: number;
  due: string;
  /** the consolidated documents (a close) */
  consolidated: ReadonlyArray<{ id: string; title: string }>;
}

/** "Cycle opened / closed" for a channel, with the consolidated documents of a close. */
export function cycleAnnouncementBlocks(announcement: CycleAnnouncement, locale: Locale, publicUrl: string): SlackMessage {
  const { period, reports, submitted, due } = announcement;
  const summary = announcement.what === 'opened' ? tr(locale, 'notice.opened', { period, reports, due }) : tr(locale, 'notice.closed', { period, submitted, reports });
  const lines = [
    summary,
    ...announcement.consolidated.map((document) => tr(locale, 'notice.consolidated', { link: new Raw(link(`${publicUrl}/documents/${document.id}`, document.title)) })),
  ];
  const more = (count: number) => tr(locale, 'notice.more', { count });
  return { text: fitList(lines, '\n', LIMITS.text, more), blocks: chunkLines(lines, locale, MAX_SECTIONS) };
}

/** The reminder to a focal point, by direct message, with a button to their reports. */
export function cycleReminderBlocks(reminder: { period: string; due: string; late: boolean }, locale: Locale, reportUrl: string): SlackMessage {
  const text = truncateMrkdwn(tr(locale, reminder.late ? 'notice.reminderLate' : 'notice.reminder', { period: reminder.period, due: reminder.due }), LIMITS.text);
  return { text, blocks: [section(text), actions([urlButton(ReportActionId.openApp, tr.plain(locale, 'notice.open'), reportUrl)])] };
}

/** The reminder in a channel: which organisations still owe reports (as many as fit, then how many more). */
export function cycleReminderChannelBlocks(reminder: { period: string; organisations: readonly string[] }, locale: Locale): SlackMessage {
  const names = fitList(
    reminder.organisations.map((name) => escapeMrkdwn(oneLine(name))),
    ', ',
    ORGANISATIONS_BUDGET,
    (count) => tr(locale, 'notice.more', { count }),
  );
  const text = truncateMrkdwn(tr(locale, 'notice.reminderChannel', { period: reminder.period, organisations: new Raw(names) }), LIMITS.text);
  return { text, blocks: [section(text)] };
}
