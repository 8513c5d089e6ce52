import type { Locale } from '../../db/schema.ts';
import { mrkdwn, t } from '../i18n/index.ts';
import { ActionId, actions, context, header, section, urlButton, type Block, type SlackMessage } from './common.ts';

export const EVENT_CATEGORIES = ['status', 'comments', 'measures', 'sessions', 'edits'] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];

/** `help`, and the answer to anything the bot does not understand (never a stack trace). */
export function helpBlocks(locale: Locale, unknown?: string): SlackMessage {
  const lines = (
    [
      'help.status',
      'help.list',
      'help.overdue',
      'help.search',
      'help.comment',
      'help.session',
      'help.report',
      'help.subscribe',
      'help.unsubscribe',
      'help.subscriptions',
      'help.subscriptionsAll',
      'help.unlink',
    ] as const
  ).map((key) => t(locale, key));
  const blocks: Block[] = [];
  if (unknown) blocks.push(section(t(locale, 'help.unknown', { name: unknown.slice(0, 50) })));
  blocks.push(header(t(locale, 'help.title')), section(lines.join('\n')), context(t(locale, 'help.shortcuts')));
  blocks.push(context(t(locale, 'help.events', { events: mrkdwn(EVENT_CATEGORIES.map((category) => `\`${category}\``).join(', ')) })));
  return { text: t(locale, 'help.title'), blocks };
}

/** What an unlinked Slack user gets instead of an answer: how to link their account. */
export function linkBlocks(locale: Locale, url: string): SlackMessage {
  return {
    text: t(locale, 'link.notLinked'),
    blocks: [
      section(`*${t(locale, 'link.notLinked')}*\n${t(locale, 'link.instructions')}`),
      actions([{ ...urlButton(ActionId.link, t(locale, 'link.button'), url), style: 'primary' }]),
    ],
  };
}
