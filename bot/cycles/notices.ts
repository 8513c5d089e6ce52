import type { Locale } from '../../db/schema.ts';
import type { DomainEvent } from '../../server/events/bus.ts';
import { commissionMemberIds, commissionsOf } from '../../server/queries/commissions.ts';
import { consolidatedDocuments, findCycleWithReports } from '../../server/queries/cycles.ts';
import { organisationsByIds } from '../../server/queries/organisations.ts';
import { activeUsersOf } from '../../server/queries/users.ts';
import { actions, link, section, urlButton, type SlackMessage } from '../blocks/common.ts';
import { Raw, tr } from '../i18n/report.ts';
import { slackUsersOf } from '../linking/links.ts';
import { subscriptionsFollowing } from '../notify/subscriptions.ts';
import type { BotServices } from '../services.ts';

/**
 * Follow-up cycles in Slack (issue 19): the opening and the close are announced in the channels
 * that follow the cycle's commission, its lead organisations or its plans; a reminder goes by
 * direct message to the linked focal points of the organisations still owing reports, and to the
 * channels following their commissions. Each channel hears once per event, in its own language.
 */
export function startCycleNotices(services: BotServices): () => void {
  const run = (event: DomainEvent, task: () => Promise<void>) =>
    void task().catch((error: unknown) => services.logger.error({ err: error, event: event.type }, 'could not tell Slack about a follow-up cycle'));
  const stops = [
    services.events.on('cycle.opened', (event) => run(event, () => announce(services, event.cycleId, 'opened'))),
    services.events.on('cycle.closed', (event) => run(event, () => announce(services, event.cycleId, 'closed'))),
    services.events.on('cycle.reminder_due', (event) => run(event, () => remind(services, event))),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}

async function cycleFacts(services: BotServices, cycleId: string) {
  return findCycleWithReports(services.db, cycleId);
}

async function post(services: BotServices, target: { teamId: string; channelId: string }, message: SlackMessage): Promise<void> {
  try {
    await services.slack.chat.postMessage({ channel: target.channelId, text: message.text, blocks: message.blocks, unfurl_links: false });
  } catch (error) {
    services.logger.warn({ err: error, channel: target.channelId }, 'could not post a follow-up cycle notice');
  }
}

/** One subscription per channel: a channel following the commission and a plan hears once. */
function byChannel<T extends { team_id: string; channel_id: string }>(rows: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const row of rows) if (!seen.has(`${row.team_id}:${row.channel_id}`)) seen.set(`${row.team_id}:${row.channel_id}`, row);
  return [...seen.values()];
}

async function announce(services: BotServices, cycleId: string, what: 'opened' | 'closed'): Promise<void> {
  const facts = await cycleFacts(services, cycleId);
  if (!facts || facts.reports.length === 0) return;
  const { cycle, reports } = facts;
  const objects = [
    ...(cycle.commission_id ? [{ type: 'commission' as const, id: cycle.commission_id }] : []),
    ...[...new Set(reports.map((report) => report.lead_organisation_id).filter((id): id is string => id !== null))].map((id) => ({ type: 'organisation' as const, id })),
    ...[...new Set(reports.map((report) => report.document_id))].map((id) => ({ type: 'document' as const, id })),
  ];
  const channels = byChannel(await subscriptionsFollowing(services.db, objects));
  if (channels.length === 0) return;
  const consolidated = what === 'closed' ? await consolidatedDocuments(services.db, cycleId) : [];
  const submitted = reports.filter((report) => report.state === 'submitted' || report.state === 'accepted').length;
  for (const channel of channels) {
    const locale = channel.locale as Locale;
    const text =
      what === 'opened'
        ? tr(locale, 'notice.opened', { period: cycle.period, reports: reports.length, due: cycle.due_on })
        : tr(locale, 'notice.closed', { period: cycle.period, submitted, reports: reports.length });
    const lines = [
      text,
      ...consolidated.map((document) => tr(locale, 'notice.consolidated', { link: new Raw(link(`${services.publicUrl}/documents/${document.id}`, document.title)) })),
    ];
    await post(services, { teamId: channel.team_id, channelId: channel.channel_id }, { text: lines.join('\n'), blocks: [section(lines.join('\n'))] });
  }
}

async function remind(services: BotServices, event: Extract<DomainEvent, { type: 'cycle.reminder_due' }>): Promise<void> {
  if (event.organisationIds.length === 0) return;
  const due = event.dueOn;
  const late = event.offsetDays > 0;
  const url = `${services.publicUrl}/cycles/${event.cycleId}/report`;
  // Direct messages: the linked focal points of the organisations still owing reports.
  const users = await activeUsersOf(services.db, event.organisationIds);
  const localeOf = new Map(users.map((user) => [user.userId, user.locale]));
  for (const linked of await slackUsersOf(
    services.db,
    users.map((user) => user.userId),
  )) {
    const locale = localeOf.get(linked.userId) ?? 'fr';
    const text = tr(locale, late ? 'notice.reminderLate' : 'notice.reminder', { period: event.period, due });
    await post(
      services,
      { teamId: linked.teamId, channelId: linked.slackUserId },
      { text, blocks: [section(text), actions([urlButton('tsq_report_app', tr.plain(locale, 'notice.open'), url)])] },
    );
  }
  // Channels: those following the commissions these organisations sit on (or the cycle's own).
  const cycle = (await findCycleWithReports(services.db, event.cycleId))?.cycle;
  const commissions = cycle?.commission_id ? [cycle.commission_id] : await commissionsOf(services.db, event.organisationIds);
  const channels = byChannel(
    await subscriptionsFollowing(
      services.db,
      commissions.map((id) => ({ type: 'commission' as const, id })),
    ),
  );
  if (channels.length === 0) return;
  const names = await organisationsByIds(services.db, event.organisationIds);
  for (const channel of channels) {
    const locale = channel.locale as Locale;
    const members = cycle?.commission_id ? null : await commissionMemberIds(services.db, channel.object_id);
    const owing = names
      .filter((row) => members === null || channel.object_type !== 'commission' || members.has(row.id))
      .map((row) => row[`name_${locale}` as const] || row.name_fr);
    if (owing.length === 0) continue;
    const text = tr(locale, 'notice.reminderChannel', { period: event.period, organisations: owing.join(', ') });
    await post(services, { teamId: channel.team_id, channelId: channel.channel_id }, { text, blocks: [section(text)] });
  }
}
