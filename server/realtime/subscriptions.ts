import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { findDocumentWithAccess } from '../queries/documents.ts';
import { documentRoom, sessionRoom } from './rooms.ts';

export const subscriptionSchema = z.strictObject({
  type: z.enum(['document', 'session']),
  id: z.uuid(),
});

export type Subscription = z.infer<typeof subscriptionSchema>;

/** Who may follow a commission session live: admins, member organisations and presenters. */
export async function canFollowSession(db: Kysely<Database>, actor: Actor, sessionId: string): Promise<boolean> {
  const session = await db.selectFrom('commission_sessions').select(['commission_id']).where('id', '=', sessionId).executeTakeFirst();
  if (!session) return false;
  if (actor.role === 'admin') return true;
  const member = await db
    .selectFrom('commission_members')
    .select('organisation_id')
    .where('commission_id', '=', session.commission_id)
    .where('organisation_id', '=', actor.organisationId)
    .executeTakeFirst();
  if (member) return true;
  const presenter = await db
    .selectFrom('agenda_items')
    .select('id')
    .where('session_id', '=', sessionId)
    .where('presenter_organisation_id', '=', actor.organisationId)
    .executeTakeFirst();
  return Boolean(presenter);
}

/** The room a subscription may join, or null when the actor may not see its object. */
export async function roomFor(db: Kysely<Database>, actor: Actor, subscription: Subscription): Promise<string | null> {
  switch (subscription.type) {
    case 'document': {
      const found = await findDocumentWithAccess(db, actor, subscription.id);
      return found.row ? documentRoom(subscription.id) : null;
    }
    case 'session':
      return (await canFollowSession(db, actor, subscription.id)) ? sessionRoom(subscription.id) : null;
  }
}
