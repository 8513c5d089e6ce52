import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/schema.ts';
import type { DomainEvents } from '../events/bus.ts';
import { documentAccess } from '../policies/document-access.ts';
import { accessFacts, loadGrants } from '../queries/documents.ts';
import { planNotification, type NotificationPlan } from './rules.ts';
import { APP_EVENT_TYPES, takeEvents } from '../events/outbox.ts';

/**
 * In-app notifications: the commands record their events in the event outbox in the transaction
 * of their change (events/outbox.ts); this loop takes the 'app' rows and writes one notification
 * per recipient who may see the object in one transaction with their removal, so no shutdown or
 * crash loses or doubles one. Each new row is announced on the bus after commit (socket.io pushes
 * it to the bell). The bus only says "there is news" sooner than the next tick.
 */
export function startNotifications(db: Kysely<Database>, events: DomainEvents, logger: Logger, intervalMs = 1_000): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  const tick = () => {
    if (running) {
      again = true;
      return;
    }
    running = drain(db, events)
      .catch((error: unknown) => logger.error({ err: error }, 'could not create notifications'))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          setImmediate(tick);
        }
      });
  };
  const stopListening = events.onAny((event) => {
    if (APP_EVENT_TYPES.has(event.type)) tick();
  });
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return async () => {
    stopListening();
    clearInterval(timer);
    again = false;
    await running;
  };
}

const EVENTS_PER_TAKE = 100;

async function drain(db: Kysely<Database>, events: DomainEvents): Promise<void> {
  for (;;) {
    const { taken, result } = await takeEvents(db, 'app', EVENTS_PER_TAKE, async (trx, taken) => {
      const created: Array<{ id: string; user_id: string }> = [];
      for (const event of taken) {
        const plan = planNotification(event);
        if (!plan) continue;
        const recipients = await resolveRecipients(trx, plan);
        if (recipients.length === 0) continue;
        const rows = await trx
          .insertInto('notifications')
          .values(recipients.map((userId) => ({ user_id: userId, kind: plan.kind, document_id: plan.documentId, payload: JSON.stringify(plan.payload) })))
          .returning(['id', 'user_id'])
          .execute();
        created.push(...rows);
      }
      return created;
    });
    for (const row of result ?? []) events.emit({ type: 'notification.created', userId: row.user_id, notificationId: row.id });
    if (taken < EVENTS_PER_TAKE) return;
  }
}

/** Who hears of a plan: active users who may see its document (the Slack bot's direct messages use it too). */
export async function resolveRecipients(db: Kysely<Database>, plan: NotificationPlan): Promise<string[]> {
  const ids = new Set<string>(plan.recipients.userIds ?? []);
  const document = plan.documentId ? await db.selectFrom('documents').selectAll().where('id', '=', plan.documentId).executeTakeFirst() : undefined;
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
  const users = await db
    .selectFrom('users')
    .select(['id', 'organisation_id', 'role'])
    .where('id', 'in', [...ids])
    .where('disabled_at', 'is', null)
    .execute();
  if (!document) return users.map((user) => user.id);
  // Only people who may see the document hear about it.
  const grants = (await loadGrants(db, [document.id])).get(document.id) ?? [];
  const facts = accessFacts(document, grants);
  return users.filter((user) => documentAccess({ userId: user.id, organisationId: user.organisation_id, role: user.role }, facts) !== null).map((user) => user.id);
}
