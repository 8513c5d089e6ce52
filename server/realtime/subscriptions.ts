import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { loadSessionView, visibilityFacts } from '../queries/sessions.ts';
import { recordRefusal, type AuthorizeContext } from '../policies/authorize.ts';
import { documentPolicy } from '../policies/document.ts';
import { sessionPolicy } from '../policies/session.ts';
import { findDocumentAccess } from '../queries/documents.ts';
import { documentRoom, sessionRoom } from './rooms.ts';

export const subscriptionSchema = z.strictObject({
  type: z.enum(['document', 'session']),
  id: z.uuid(),
});

export type Subscription = z.infer<typeof subscriptionSchema>;

/**
 * The room a subscription may join, or null when the actor may not see its object: the document
 * and session policies decide. With `audit`, refusing an object that exists is recorded (a
 * subscribe); without, it is not (the live registry re-deciding a socket is no request).
 */
export async function roomFor(db: Kysely<Database>, actor: Actor, subscription: Subscription, audit?: AuthorizeContext): Promise<string | null> {
  switch (subscription.type) {
    case 'document': {
      const found = await findDocumentAccess(db, actor, subscription.id);
      if (found.level) return documentRoom(subscription.id);
      const verdict = documentPolicy.decide(actor, 'view', { level: null, leadOrganisationId: '' });
      if (found.exists && audit && !verdict.allowed) await recordRefusal(audit, actor, documentPolicy, verdict, subscription.id);
      return null;
    }
    case 'session': {
      const view = await loadSessionView(db, subscription.id);
      if (!view) return null;
      const verdict = sessionPolicy.decide(actor, 'view', visibilityFacts(view));
      if (verdict.allowed) return sessionRoom(subscription.id);
      if (audit) await recordRefusal(audit, actor, sessionPolicy, verdict, subscription.id);
      return null;
    }
  }
}

/** The subscription a room name stands for (`document:<id>`, `session:<id>`), or null for other rooms. */
export function subscriptionOfRoom(room: string): Subscription | null {
  const separator = room.indexOf(':');
  const parsed = subscriptionSchema.safeParse({ type: room.slice(0, separator), id: room.slice(separator + 1) });
  return parsed.success ? parsed.data : null;
}
