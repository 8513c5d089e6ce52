import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { reserveLoginAttempt, settleLoginSuccess } from '../auth/login-throttle.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { createSession, type NewSession } from '../auth/sessions.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from './audit.ts';

export interface LoginInput {
  email: string;
  password: string;
  ip: string;
  userAgent?: string;
  sessionTtlMs: number;
}

export async function login(db: Kysely<Database>, input: LoginInput): Promise<{ userId: string; session: NewSession }> {
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
  const session = await createSession(db, {
    userId: user.id,
    ttlMs: input.sessionTtlMs,
    ip: input.ip,
    userAgent: input.userAgent,
  });
  await recordAudit(db, { actorUserId: user.id, action: 'auth.login', objectType: 'user', objectId: user.id, ip: input.ip });
  return { userId: user.id, session };
}
