import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { tooManyRequests } from '../errors.ts';

export const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 30;

/**
 * Refuses a login when too many recent attempts failed for this e-mail or from this address.
 * Failed logins are audit entries anyway, so the audit log is the counter: it is shared by every
 * process and survives restarts.
 */
export async function assertLoginAllowed(db: Kysely<Database>, email: string, ip: string, now = new Date()): Promise<void> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const row = await db
    .selectFrom('audit_log')
    .select([
      sql<number>`count(*) FILTER (WHERE details->>'email' = ${email})::int`.as('byEmail'),
      sql<Date | null>`min(at) FILTER (WHERE details->>'email' = ${email})`.as('firstByEmail'),
      sql<number>`count(*) FILTER (WHERE ip = ${ip})::int`.as('byIp'),
      sql<Date | null>`min(at) FILTER (WHERE ip = ${ip})`.as('firstByIp'),
    ])
    .where('action', '=', 'auth.login_failed')
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  const blockedSince =
    row.byEmail >= MAX_FAILURES_PER_EMAIL ? row.firstByEmail : row.byIp >= MAX_FAILURES_PER_IP ? row.firstByIp : null;
  if (blockedSince) {
    const retryAfter = (new Date(blockedSince).getTime() + LOGIN_WINDOW_MS - now.getTime()) / 1000;
    throw tooManyRequests('Too many failed sign-in attempts. Wait a few minutes and try again.', Math.max(1, retryAfter));
  }
}
