import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordAudit } from '../commands/audit.ts';
import { forbidden, notFound } from '../errors.ts';
import type { AccessSubject } from './document-access.ts';
import type { Policy, Verdict } from './policy.ts';

export interface AuthorizeContext {
  db: Kysely<Database>;
  ip?: string | null;
  /** the channel asking, when not HTTP: recorded with the refusal */
  via?: 'collab' | 'socket' | 'slack';
}

/**
 * Asks `policy` whether `actor` may do `action` to the object, and refuses the way the policy
 * says: audited (`access.denied`), then "not found" (hidden) or "forbidden" with its message.
 * The one gate for HTTP routes, commands, socket.io, the sync endpoint and the Slack bot.
 */
export async function authorize<A extends string, F>(
  context: AuthorizeContext,
  actor: AccessSubject,
  policy: Policy<A, F>,
  action: A,
  object: { id?: string; facts: F },
): Promise<void> {
  const verdict = policy.decide(actor, action, object.facts);
  if (verdict.allowed) return;
  await recordRefusal(context, actor, policy, verdict, object.id);
  throw verdict.hidden ? notFound(policy.label) : forbidden(verdict.message);
}

/** Audits a refusal without throwing, for channels that answer otherwise (the sync endpoint closes). */
export async function recordRefusal(
  context: AuthorizeContext,
  actor: AccessSubject,
  policy: Pick<Policy<string, unknown>, 'objectType'>,
  verdict: Extract<Verdict, { allowed: false }>,
  objectId?: string,
): Promise<void> {
  await recordAudit(context.db, {
    actorUserId: actor.userId,
    action: 'access.denied',
    objectType: policy.objectType,
    objectId,
    details: context.via ? { ...verdict.details, via: context.via } : verdict.details,
    ip: context.ip,
  });
}
