import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/schema.ts';
import type { DomainEvents } from '../events/bus.ts';
import { documentAccess } from '../policies/document-access.ts';
import { accessFacts, loadGrants } from '../queries/documents.ts';
import { planNotification, type NotificationPlan } from './rules.ts';

/**
 * In-app notifications: listens to the domain events, writes one row per recipient who may see
 * the object, and announces each new row on the bus (socket.io pushes it to the bell).
 */
export function startNotifications(db: Kysely<Database>, events: DomainEvents, logger: Logger): () => void {
  return events.onAny(async (event) => {
    const plan = planNotification(event);
    if (!plan) return;
    try {
      const recipients = await resolveRecipients(db, plan);
      if (recipients.length === 0) return;
      const rows = await db
        .insertInto('notifications')
        .values(recipients.map((userId) => ({ user_id: userId, kind: plan.kind, document_id: plan.documentId, payload: JSON.stringify(plan.payload) })))
        .returning(['id', 'user_id'])
        .execute();
      for (const row of rows) events.emit({ type: 'notification.created', userId: row.user_id, notificationId: row.id });
    } catch (error) {
      logger.error({ err: error, event: event.type }, 'could not create notifications');
    }
  });
}

async function resolveRecipients(db: Kysely<Database>, plan: NotificationPlan): Promise<string[]> {
  const ids = new Set<string>(plan.recipients.userIds ?? []);
  const document = plan.documentId
    ? await db.selectFrom('documents').selectAll().where('id', '=', plan.documentId).executeTakeFirst()
    : undefined;
  if (plan.recipients.documentLead && document) {
    const users = await db.selectFrom('users').select('id').where('organisation_id', '=', document.lead_organisation_id).where('disabled_at', 'is', null).execute();
    for (const user of users) ids.add(user.id);
  }
  if (plan.recipients.commissionId) {
    const users = await db
      .selectFrom('users')
      .innerJoin('commission_members', 'commission_members.organisation_id', 'users.organisation_id')
      .select('users.id')
      .where('commission_members.commission_id', '=', plan.recipients.commissionId)
      .where('users.disabled_at', 'is', null)
      .execute();
    for (const user of users) ids.add(user.id);
  }
  if (plan.recipients.organisationIds?.length) {
    const users = await db.selectFrom('users').select('id').where('organisation_id', 'in', plan.recipients.organisationIds).where('disabled_at', 'is', null).execute();
    for (const user of users) ids.add(user.id);
  }
  if (plan.recipients.threadAuthorOf) {
    const root = await db.selectFrom('comments').select('author_id').where('id', '=', plan.recipients.threadAuthorOf).executeTakeFirst();
    if (root) ids.add(root.author_id);
  }
  if (plan.exceptUserId) ids.delete(plan.exceptUserId);
  for (const userId of plan.exceptUserIds ?? []) ids.delete(userId);
  if (ids.size === 0) return [];
  const users = await db.selectFrom('users').select(['id', 'organisation_id', 'role']).where('id', 'in', [...ids]).where('disabled_at', 'is', null).execute();
  if (!document) return users.map((user) => user.id);
  // Only people who may see the document hear about it.
  const grants = (await loadGrants(db, [document.id])).get(document.id) ?? [];
  const facts = accessFacts(document, grants);
  return users.filter((user) => documentAccess({ userId: user.id, organisationId: user.organisation_id, role: user.role }, facts) !== null).map((user) => user.id);
}
