import type { Locale } from '../../db/schema.ts';
import { canSee, loadSessionView } from '../../server/queries/sessions.ts';
import type { SessionView } from '../../server/presenters/session.ts';
import type { AccessSubject } from '../../server/policies/document-access.ts';
import { findDocumentAccess, findDocumentRow, loadPartners } from '../../server/queries/documents.ts';
import { activeUsers } from '../../server/queries/users.ts';
import { findLinkedUser } from '../linking/links.ts';
import type { EventCategory } from '../blocks/help.ts';
import type { SlackMessage } from '../blocks/common.ts';
import { restrictedNoticeBlocks } from '../blocks/notifications.ts';
import { CYCLE_REMINDER_KIND, cycleFollowed, mayReadCycleNotice, type FollowedObject } from '../cycles/reveals.ts';
import { commissionsOf } from '../../server/queries/commissions.ts';
import { findCycleWithReports } from '../../server/queries/cycles.ts';
import type { BotServices } from '../services.ts';
import { isDirectTarget } from './plan.ts';
import { readyMessage, type OutboxRow } from './outbox.ts';
import { everyMemberMayRead } from './members.ts';
import { subscriptionsFollowing } from './subscriptions.ts';
import { settingsOf, wants } from './settings.ts';

/**
 * Who reads a notification, decided when it is delivered (not when queued): a channel hears about
 * a subject while one of its subscriptions' authors may still see it, a person while they may.
 * `reader` is whose eyes decide what the message shows (minutes links, language).
 */
export interface Audience {
  reader: AccessSubject & { locale: Locale };
  /** the language of the message: the person's for a DM, the channel's (chosen at subscribe) otherwise */
  locale: Locale;
  /** false: some member of the channel may not read the subject, which gets the minimal notice only */
  everyoneMayRead: boolean;
  /** the categories the channel still follows; null: a direct message, everything meant for that person */
  categories: Set<EventCategory> | null;
  session?: SessionView;
}

export async function audienceOf(services: BotServices, row: Pick<OutboxRow, 'team_id' | 'channel_id' | 'subject_type' | 'subject_id'>): Promise<Audience | null> {
  const { db } = services;
  const session = row.subject_type === 'session' ? ((await loadSessionView(db, row.subject_id)) ?? undefined) : undefined;
  if (row.subject_type === 'session' && !session) return null;
  const mayRead = async (subject: AccessSubject) => (session ? canSee(subject, session) : mayReadDocument(services, subject, row.subject_id));

  if (isDirectTarget(row.channel_id)) {
    const reader = await findLinkedUser(db, { teamId: row.team_id, slackUserId: row.channel_id });
    if (!reader || !(await mayRead(reader))) return null;
    // Direct messages follow the person's settings (App Home): muted means none, and their chosen language.
    const settings = await settingsOf(db, reader.userId);
    if (settings.muted) return null;
    return { reader, locale: settings.locale ?? reader.locale, everyoneMayRead: true, categories: null, session };
  }

  const followed = session ? [{ type: 'commission' as const, id: session.session.commission_id }] : await documentFollowers(services, row.subject_id);
  const subscriptions = await channelFollowing(services, row, followed);
  if (subscriptions.length === 0) return null;
  const creators = await activeUsers(
    db,
    subscriptions.map((sub) => sub.created_by),
  );
  let reader: Audience['reader'] | undefined;
  let locale: Locale = 'fr';
  const categories = new Set<EventCategory>();
  for (const sub of subscriptions) {
    const creator = creators.find((candidate) => candidate.userId === sub.created_by);
    if (!creator || !(await mayRead(creator))) continue;
    if (!reader) {
      reader = creator;
      locale = sub.locale;
    }
    for (const category of sub.events) categories.add(category as EventCategory);
  }
  if (!reader) return null;
  // A channel post is read by every member: it says more than "something changed" only if each may read it.
  const everyoneMayRead = await everyMemberMayRead(services, row.team_id, row.channel_id, mayRead);
  return { reader, locale, everyoneMayRead, categories, session };
}

/**
 * A follow-up cycle's notice (made when its event was taken in) as its conversation may see it,
 * decided at delivery as for the others: a person gets it while they may read all it reveals and
 * want deadlines by direct message (App Home settings); a
 * channel gets it while it still follows what brought it, in full if every member may read it,
 * else the minimal notice in the channel's language. A cycle gone, a channel that unsubscribed
 * or was paused, or a person who may no longer read it, gets nothing.
 */
export async function cycleNoticeFor(services: BotServices, row: OutboxRow): Promise<SlackMessage | null> {
  const ready = readyMessage(row);
  const cycle = ready && (await findCycleWithReports(services.db, row.subject_id));
  if (!ready || !cycle) return null;
  const { message, audience } = ready;
  // A row queued before notices kept what they reveal: nobody is known to be allowed.
  const mayRead = async (subject: AccessSubject) =>
    audience !== null && mayReadCycleNotice(subject, cycle.reports, audience.reveals, (reader, documentId) => mayReadDocument(services, reader, documentId));
  if (isDirectTarget(row.channel_id)) {
    const reader = await findLinkedUser(services.db, { teamId: row.team_id, slackUserId: row.channel_id });
    // A reminder by DM follows the person's settings (App Home) as they are now: muted, or deadlines switched off, means none.
    if (!reader || !wants(await settingsOf(services.db, reader.userId), CYCLE_REMINDER_KIND)) return null;
    return !audience || (await mayRead(reader)) ? message : null;
  }
  // Only while the channel still follows what brought the notice (not unsubscribed, nor paused since).
  const commissions =
    audience?.followed || cycle.cycle.commission_id
      ? []
      : await commissionsOf(
          services.db,
          cycle.reports.flatMap((report) => report.lead_organisation_id ?? []),
        );
  const subscriptions = await channelFollowing(services, row, audience?.followed ?? cycleFollowed(cycle.cycle, cycle.reports, commissions));
  // And only while one of those subscriptions' authors may still see the cycle, as for every other
  // notification: a subscription speaks with its author's rights (disabled or moved away: none).
  if (!(await someAuthorMay(services, subscriptions, (author) => mayReadCycleNotice(author, cycle.reports, [{ kind: 'cycle' }], noDocument)))) return null;
  if (audience && (await everyMemberMayRead(services, row.team_id, row.channel_id, mayRead))) return message;
  return restrictedNoticeBlocks('cycle', row.subject_id, audience?.locale ?? 'fr', services.publicUrl);
}

/** Whether one of the subscriptions' authors, still active, passes `may`. */
async function someAuthorMay(services: BotServices, subscriptions: ReadonlyArray<{ created_by: string }>, may: (author: AccessSubject) => Promise<boolean>): Promise<boolean> {
  for (const author of await activeUsers(
    services.db,
    subscriptions.map((sub) => sub.created_by),
  )) {
    if (await may(author)) return true;
  }
  return false;
}

/** For a check that reveals no document (asked of none). */
const noDocument = async () => false;

/** The subscriptions, not paused, by which this row's channel follows any of `followed`. */
async function channelFollowing(services: BotServices, row: Pick<OutboxRow, 'team_id' | 'channel_id'>, followed: ReadonlyArray<FollowedObject>) {
  return (await subscriptionsFollowing(services.db, followed)).filter((sub) => sub.team_id === row.team_id && sub.channel_id === row.channel_id);
}

export async function mayReadDocument(services: BotServices, subject: AccessSubject, documentId: string): Promise<boolean> {
  return (await findDocumentAccess(services.db, subject, documentId)).level !== null;
}

/** A document is followed through itself, its lead organisation and its partner organisations. */
export async function documentFollowers(services: BotServices, documentId: string) {
  const row = await findDocumentRow(services.db, documentId);
  if (!row) return [];
  const partners = (await loadPartners(services.db, [documentId])).get(documentId) ?? [];
  return [{ type: 'document' as const, id: row.id }, ...[row.lead_organisation_id, ...partners].map((id) => ({ type: 'organisation' as const, id }))];
}
