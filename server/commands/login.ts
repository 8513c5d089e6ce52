import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { reserveLoginAttempt, settleLoginSuccess } from '../auth/login-throttle.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { createSession, deleteSession, type NewSession } from '../auth/sessions.ts';
import { AppError } from '../errors.ts';
import type { DomainEvent } from '../events/bus.ts';
import { recordAudit } from './audit.ts';

export interface LoginInput {
  email: string;
  password: string;
  ip: string;
  userAgent?: string;
  sessionTtlMs: number;
  /** the session whose cookie came with the request: the id is new at every login, the old session ends */
  replacing?: { idHash: string; userId: string };
}

/** A session that ends (logout, or replaced at login): its live sync connections and sockets end too, in every process. */
async function endSession(db: Kysely<Database>, session: { idHash: string; userId: string }): Promise<DomainEvent[]> {
  await deleteSession(db, session.idHash);
  return [{ type: 'user.credentials_changed', userId: session.userId, actorUserId: session.userId }];
}

export async function login(db: Kysely<Database>, input: LoginInput): Promise<{ userId: string; session: NewSession; events: DomainEvent[] }> {
  const email = input.email.trim().toLowerCase();
  const subject = { email, ip: input.ip };
  // Reserved before the lookup and the hashing: concurrent guesses beyond the budget stop here.
  const { waitMs } = await reserveLoginAttempt(db, subject);
  if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
  const user = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'disabled_at'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
    .executeTakeFirst();
  const passwordOk = await verifyPassword(user?.password_hash, input.password);
  if (!user || !passwordOk || user.disabled_at) {
    await recordAudit(db, {
      actorUserId: user?.id ?? null,
      action: 'auth.login_failed',
      details: { email, reason: !user ? 'unknown_user' : !passwordOk ? 'wrong_password' : 'disabled' },
      ip: input.ip,
    });
    // One message for every case, so the answer does not tell which accounts exist.
    throw new AppError(401, 'invalid_credentials', 'Wrong e-mail or password.');
  }
  await settleLoginSuccess(db, subject);
  const session = await db.transaction().execute(async (trx) => {
    // The account as it was checked, held until the session is in: a password changed or an account
    // disabled meanwhile (whose commands end every session) admits no new one, and a change that
    // comes next waits for this session and ends it with the others.
    const unchanged = await trx
      .selectFrom('users')
      .select('id')
      .where('id', '=', user.id)
      .where('password_hash', '=', user.password_hash!)
      .where('disabled_at', 'is', null)
      .forShare()
      .executeTakeFirst();
    if (!unchanged) return null;
    return createSession(trx, { userId: user.id, ttlMs: input.sessionTtlMs, ip: input.ip, userAgent: input.userAgent });
  });
  if (!session) {
    await recordAudit(db, { actorUserId: user.id, action: 'auth.login_failed', details: { email, reason: 'changed_meanwhile' }, ip: input.ip });
    throw new AppError(401, 'invalid_credentials', 'Wrong e-mail or password.');
  }
  await recordAudit(db, { actorUserId: user.id, action: 'auth.login', objectType: 'user', objectId: user.id, ip: input.ip });
  const events = input.replacing ? await endSession(db, input.replacing) : [];
  return { userId: user.id, session, events };
}

/** Signs out: ends the session the request came with (none for an API token) and records it. */
export async function logout(db: Kysely<Database>, actor: { userId: string; sessionIdHash?: string }, ip: string): Promise<{ events: DomainEvent[] }> {
  if (actor.sessionIdHash) await deleteSession(db, actor.sessionIdHash);
  await recordAudit(db, { actorUserId: actor.userId, action: 'auth.logout', ip });
  return { events: [{ type: 'user.credentials_changed', userId: actor.userId, actorUserId: actor.userId }] };
}
