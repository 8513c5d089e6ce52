import type { Kysely } from 'kysely';
import type { Database, Locale, SlackSubscriptionObject } from '../../db/schema.ts';
import { checkPostingTarget } from './conversation.ts';
import { findCommissionNames, isCommissionMember } from '../../server/queries/commissions.ts';
import { findDocumentWithAccess } from '../../server/queries/documents.ts';
import { organisationNames } from '../../server/queries/organisations.ts';
import type { EventCategory } from '../blocks/help.ts';
import { chunkLines } from '../blocks/lists.ts';
import { header, plain, type SlackMessage } from '../blocks/common.ts';
import { ambiguousList } from '../blocks/lists.ts';
import { mrkdwn, t } from '../i18n/index.ts';
import type { BotUser } from '../linking/links.ts';
import { channelSubscriptions, subscribe, unsubscribe } from '../notify/subscriptions.ts';
import type { BotServices } from '../services.ts';
import { findCommission, findDocument, findOrganisation, organisationName } from './lookup.ts';

export interface Where {
  teamId: string;
  channelId: string;
}

type Target = { type: SlackSubscriptionObject; id: string; name: string } | { ambiguous: string[]; total: number } | null;

/** What `subscribe` names: an organisation (code or name), a commission the reader sits on, or a document they may see. */
async function resolveTarget(services: BotServices, user: BotUser, text: string): Promise<Target> {
  const organisation = await findOrganisation(services.db, text);
  if (organisation) return { type: 'organisation', id: organisation.id, name: organisationName(organisation, user.locale) };
  const commission = await findCommission(services.db, text);
  if (commission && (await sitsOn(services.db, user, commission.id))) return { type: 'commission', id: commission.id, name: commission.names[user.locale] };
  const match = await findDocument(services.db, user, text, services.publicUrl);
  if (match.kind === 'one') return { type: 'document', id: match.row.id, name: match.row.title };
  if (match.kind === 'many') return { ambiguous: match.candidates.map((candidate) => candidate.title), total: match.total };
  return null;
}

/** Commission business is for its members (and the coordination unit), as in the sessions API. */
export async function sitsOn(db: Kysely<Database>, user: BotUser, commissionId: string): Promise<boolean> {
  return user.role === 'admin' || isCommissionMember(db, commissionId, user.organisationId);
}

export const targetLabel = (user: BotUser, target: { type: SlackSubscriptionObject; name: string }) => mrkdwn(t(user.locale, `sub.${target.type}`, { name: target.name }));
export const eventList = (user: BotUser, events: readonly string[]) => mrkdwn(events.map((event) => t(user.locale, `event.${event as EventCategory}`)).join(', '));

export async function subscribeCommand(
  services: BotServices,
  user: BotUser,
  where: Where,
  text: string,
  events: EventCategory[],
  unknown: string[],
  locale: Locale = 'fr',
): Promise<SlackMessage> {
  if (unknown.length > 0) {
    return plain(t(user.locale, 'sub.unknownEvents', { events: unknown.join(', '), known: 'status, comments, measures, sessions, edits, all' }));
  }
  const target = await resolveTarget(services, user, text);
  if (!target) return plain(t(user.locale, 'sub.unknownTarget', { query: text }));
  if ('ambiguous' in target) return plain(ambiguousList(user.locale, text, target.ambiguous, target.total));
  // A subscription the bot cannot deliver is refused now, with how to fix it, not dropped later.
  const posting = await checkPostingTarget(services, where);
  if (posting.problem) return plain(t(user.locale, posting.problem));
  await subscribe(services.db, { ...where, objectType: target.type, objectId: target.id }, events, user.userId, locale, posting.channelName);
  return plain(
    `${t(user.locale, 'sub.done', { target: targetLabel(user, target), events: eventList(user, events) })} ${t(user.locale, 'sub.language', { language: mrkdwn(t(user.locale, `language.${locale}`)) })}`,
  );
}

export async function unsubscribeCommand(services: BotServices, user: BotUser, where: Where, text: string): Promise<SlackMessage> {
  const target = await resolveTarget(services, user, text);
  if (!target) return plain(t(user.locale, 'sub.unknownTarget', { query: text }));
  if ('ambiguous' in target) return plain(ambiguousList(user.locale, text, target.ambiguous, target.total));
  const removed = await unsubscribe(services.db, { ...where, objectType: target.type, objectId: target.id });
  return plain(t(user.locale, removed ? 'sub.removed' : 'sub.missing', { target: targetLabel(user, target) }));
}

/** The channel's subscriptions, without those naming documents or commissions the reader may not see. */
export async function subscriptionsCommand(services: BotServices, user: BotUser, where: Where): Promise<SlackMessage> {
  const { db } = services;
  const lines: string[] = [];
  for (const subscription of await channelSubscriptions(db, where.teamId, where.channelId)) {
    const name = await visibleName(services, user, subscription.object_type, subscription.object_id);
    if (name === null) continue;
    lines.push(`• ${targetLabel(user, { type: subscription.object_type, name }).text} — ${eventList(user, subscription.events).text}`);
  }
  if (lines.length === 0) return plain(t(user.locale, 'sub.none'));
  return { text: t(user.locale, 'sub.title'), blocks: [header(t(user.locale, 'sub.title')), ...chunkLines(lines, user.locale)] };
}

export async function visibleName(services: BotServices, user: BotUser, type: SlackSubscriptionObject, id: string): Promise<string | null> {
  const { db } = services;
  switch (type) {
    case 'document':
      return (await findDocumentWithAccess(db, user, id)).row?.title ?? null;
    case 'organisation': {
      return (await organisationNames(db, [id], user.locale)).get(id) ?? null;
    }
    case 'commission': {
      if (!(await sitsOn(db, user, id))) return null;
      return (await findCommissionNames(db, id))?.names[user.locale] ?? null;
    }
  }
}
