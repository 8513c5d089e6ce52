import type { Locale } from '../../db/schema.ts';
import type { DomainEvent } from '../../server/events/bus.ts';
import { commissionMemberIds, commissionsOf } from '../../server/queries/commissions.ts';
import { consolidatedDocuments, findCycleWithReports } from '../../server/queries/cycles.ts';
import { organisationsByIds } from '../../server/queries/organisations.ts';
import { activeUsersOf } from '../../server/queries/users.ts';
import type { SlackMessage } from '../blocks/common.ts';
import { cycleAnnouncementBlocks, cycleReminderBlocks, cycleReminderChannelBlocks } from '../blocks/cycles.ts';
import { slackUsersOf } from '../linking/links.ts';
import { enqueueReady } from '../notify/outbox.ts';
import { loadSettings, wants } from '../notify/settings.ts';
import { subscriptionsFollowing } from '../notify/subscriptions.ts';
import type { BotServices } from '../services.ts';
import { CYCLE_REMINDER_KIND, cycleFollowed, type CycleNoticeAudience, type CycleReveal } from './reveals.ts';

/** A follow-up cycle's notice for one conversation: a channel, or a person (their Slack user id). */
interface CycleNotice {
  teamId: string;
  channelId: string;
  message: SlackMessage;
  /** what the message reveals, checked against its readers at delivery (the minimal notice's language too) */
  audience: CycleNoticeAudience;
}

/**
 * Follow-up cycles in Slack (issue 19): the opening and the close are announced in the channels
 * that follow the cycle's commission, its lead organisations or its plans; a reminder goes by
 * direct message to the linked focal points of the organisations still owing reports, and to the
 * channels following their commissions. Each channel hears once per event, in its own language.
 *
 * Called by the notifier in the transaction that takes the event in from the event outbox
 * (`services.db` is that transaction): each notice is made now and queued in the Slack outbox as
 * a ready message, then delivered like every notification (attempt recorded, Slack asked before
 * any second post after a crash). Each notice says what it reveals: at delivery a channel gets it
 * only if every member may read all of it, else the minimal notice (notify/audience.ts). Returns
 * how many notices were queued.
 */
export async function queueCycleNotices(services: BotServices, event: DomainEvent): Promise<number> {
  if (event.type !== 'cycle.opened' && event.type !== 'cycle.closed' && event.type !== 'cycle.reminder_due') return 0;
  const notices =
    event.type === 'cycle.reminder_due' ? await remind(services, event) : await announce(services, event.cycleId, event.type === 'cycle.opened' ? 'opened' : 'closed');
  const now = services.clock.now();
  for (const notice of notices) {
    await enqueueReady(services.db, { teamId: notice.teamId, channelId: notice.channelId, subject: { type: 'cycle', id: event.cycleId } }, notice.message, notice.audience, now);
  }
  return notices.length;
}

/** One subscription per channel: a channel following the commission and a plan hears once. */
function byChannel<T extends { team_id: string; channel_id: string }>(rows: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const row of rows) if (!seen.has(`${row.team_id}:${row.channel_id}`)) seen.set(`${row.team_id}:${row.channel_id}`, row);
  return [...seen.values()];
}

async function announce(services: BotServices, cycleId: string, what: 'opened' | 'closed'): Promise<CycleNotice[]> {
  const notices: CycleNotice[] = [];
  const facts = await findCycleWithReports(services.db, cycleId);
  if (!facts || facts.reports.length === 0) return notices;
  const { cycle, reports } = facts;
  const objects = cycleFollowed(cycle, reports);
  const channels = byChannel(await subscriptionsFollowing(services.db, objects));
  if (channels.length === 0) return notices;
  const consolidated = what === 'closed' ? await consolidatedDocuments(services.db, cycleId) : [];
  const submitted = reports.filter((report) => report.state === 'submitted' || report.state === 'accepted').length;
  const reveals: CycleReveal[] = [{ kind: 'cycle' }, { kind: 'reports' }, ...consolidated.map((document) => ({ kind: 'document' as const, id: document.id }))];
  for (const channel of channels) {
    const locale = channel.locale as Locale;
    notices.push({
      teamId: channel.team_id,
      channelId: channel.channel_id,
      message: cycleAnnouncementBlocks({ what, period: cycle.period, reports: reports.length, submitted, due: cycle.due_on, consolidated }, locale, services.publicUrl),
      audience: { locale, reveals, followed: objects },
    });
  }
  return notices;
}

async function remind(services: BotServices, event: Extract<DomainEvent, { type: 'cycle.reminder_due' }>): Promise<CycleNotice[]> {
  const notices: CycleNotice[] = [];
  if (event.organisationIds.length === 0) return notices;
  const due = event.dueOn;
  const late = event.offsetDays > 0;
  const url = `${services.publicUrl}/cycles/${event.cycleId}/report`;
  // Direct messages: the linked focal points of the organisations still owing reports.
  const users = await activeUsersOf(services.db, event.organisationIds);
  const byId = new Map(users.map((user) => [user.userId, user]));
  const settings = await loadSettings(
    services.db,
    users.map((user) => user.userId),
  );
  for (const linked of await slackUsersOf(
    services.db,
    users.map((user) => user.userId),
  )) {
    const user = byId.get(linked.userId);
    // Their App Home settings: no reminder if they do not want deadlines by DM (checked again at delivery), in their chosen language.
    const chosen = settings.get(linked.userId);
    if (!wants(chosen, CYCLE_REMINDER_KIND)) continue;
    const locale = chosen?.locale ?? user?.locale ?? 'fr';
    notices.push({
      teamId: linked.teamId,
      channelId: linked.slackUserId,
      message: cycleReminderBlocks({ period: event.period, due, late }, locale, url),
      // Their own organisation's reports are due: what they may read while they stay in it.
      audience: { locale, reveals: [{ kind: 'cycle' }, { kind: 'reports', leadOrganisationIds: user ? [user.organisationId] : [] }] },
    });
  }
  // Channels: those following the commissions these organisations sit on (or the cycle's own).
  const cycle = (await findCycleWithReports(services.db, event.cycleId))?.cycle;
  const commissions = cycle?.commission_id ? [cycle.commission_id] : await commissionsOf(services.db, event.organisationIds);
  const followed = commissions.map((id) => ({ type: 'commission' as const, id }));
  const channels = byChannel(await subscriptionsFollowing(services.db, followed));
  if (channels.length === 0) return notices;
  const names = await organisationsByIds(services.db, event.organisationIds);
  for (const channel of channels) {
    const locale = channel.locale as Locale;
    const members = cycle?.commission_id ? null : await commissionMemberIds(services.db, channel.object_id);
    const owing = names.filter((row) => members === null || channel.object_type !== 'commission' || members.has(row.id));
    if (owing.length === 0) continue;
    notices.push({
      teamId: channel.team_id,
      channelId: channel.channel_id,
      message: cycleReminderChannelBlocks({ period: event.period, organisations: owing.map((row) => row[`name_${locale}` as const] || row.name_fr) }, locale),
      audience: { locale, reveals: [{ kind: 'cycle' }, { kind: 'reports', leadOrganisationIds: owing.map((row) => row.id) }], followed },
    });
  }
  return notices;
}
