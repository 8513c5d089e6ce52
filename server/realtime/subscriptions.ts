import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { canSee, loadSessionView } from '../commands/sessions-view.ts';
import { findDocumentAccess } from '../queries/documents.ts';
import { documentRoom, sessionRoom } from './rooms.ts';

export const subscriptionSchema = z.strictObject({
  type: z.enum(['document', 'session']),
  id: z.uuid(),
});

export type Subscription = z.infer<typeof subscriptionSchema>;

/** Who may follow a commission session live: the same rule as for reading it (one policy). */
export async function canFollowSession(db: Kysely<Database>, actor: Actor, sessionId: string): Promise<boolean> {
  const view = await loadSessionView(db, sessionId);
  return view !== null && canSee(actor, view);
}

/** The room a subscription may join, or null when the actor may not see its object. */
export async function roomFor(db: Kysely<Database>, actor: Actor, subscription: Subscription): Promise<string | null> {
  switch (subscription.type) {
    case 'document': {
      const found = await findDocumentAccess(db, actor, subscription.id);
      return found.level ? documentRoom(subscription.id) : null;
    }
    case 'session':
      return (await canFollowSession(db, actor, subscription.id)) ? sessionRoom(subscription.id) : null;
  }
}

/** The subscription a room name stands for (`document:<id>`, `session:<id>`), or null for other rooms. */
export function subscriptionOfRoom(room: string): Subscription | null {
  const separator = room.indexOf(':');
  const parsed = subscriptionSchema.safeParse({ type: room.slice(0, separator), id: room.slice(separator + 1) });
  return parsed.success ? parsed.data : null;
}
