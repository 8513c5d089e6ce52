import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { tooManyRequests } from '../errors.ts';

/**
 * Sign-in throttling that holds under concurrency and across processes.
 *
 * Every password check first *reserves* an attempt, before anything is hashed: one atomic upsert
 * per key in `login_throttle` counts the attempt and moves the key's next allowed time forward.
 * Forty guesses sent at once therefore meet a counter that already holds the first ones, and only
 * the few within the free budget are evaluated; the others are refused with 429 at the cost of one
 * small query each. A success gives the attempt back.
 *
 * Three keys, so that an attacker cannot lock the owner out:
 * - the (account, address) pair and the address refuse, with a growing delay: they only ever
 *   block the guesser's own address;
 * - the account alone never refuses. It only slows every attempt on it down, by a bounded wait,
 *   so the right password from a fresh address still works after a few seconds during an attack.
 */
export interface ThrottleRule {
  /** attempts that cost nothing (counted until the key is forgotten) */
  free: number;
  /** delay after the first attempt beyond the free ones; it doubles with each further one */
  baseMs: number;
  maxMs: number;
}

export const LOGIN_WINDOW_MS = 15 * 60_000;
/**
 * A key's count starts afresh only after this long without attempts: longer than the longest
 * delay, so a guesser cannot wait out the cap and get the free attempts back.
 */
export const LOGIN_FORGET_MS = 60 * 60_000;
export const PAIR_RULE: ThrottleRule = { free: 3, baseMs: 1_000, maxMs: LOGIN_WINDOW_MS };
export const ADDRESS_RULE: ThrottleRule = { free: 20, baseMs: 1_000, maxMs: LOGIN_WINDOW_MS };
export const ACCOUNT_RULE: ThrottleRule = { free: 10, baseMs: 250, maxMs: 5_000 };

/** How long the n-th attempt within the window holds the key. Pure, so the curve is testable. */
export function throttleDelayMs(attempts: number, rule: ThrottleRule): number {
  if (attempts <= rule.free) return 0;
  return Math.min(rule.baseMs * 2 ** Math.min(attempts - rule.free - 1, 30), rule.maxMs);
}

export interface AttemptSubject {
  /** normalised (trimmed, lower-case) e-mail, known account or not: the answer must not differ */
  email: string;
  ip: string;
}

const keys = (subject: AttemptSubject) => ({
  pair: `pair:${subject.email}|${subject.ip}`,
  address: `ip:${subject.ip}`,
  account: `account:${subject.email}`,
});

/** SQL for throttleDelayMs over the row's new attempt count, in milliseconds. */
function delaySql(attempts: RawBuilder<unknown>, rule: ThrottleRule) {
  return sql`CASE WHEN ${attempts} <= ${rule.free} THEN 0
    ELSE least(${rule.baseMs}::float8 * power(2, least(${attempts} - ${rule.free} - 1, 30)), ${rule.maxMs}) END`;
}

/**
 * Counts one attempt on `key`, atomically. With `refuse`, a key still held (next_at in the future)
 * is not counted and the attempt is refused; returns the new count, or null when refused.
 */
async function reserveKey(db: Kysely<Database>, key: string, rule: ThrottleRule, refuse: boolean, now: Date): Promise<number | null> {
  const windowStart = new Date(now.getTime() - LOGIN_FORGET_MS);
  const counted = sql`CASE WHEN t.updated_at < ${windowStart} THEN 1 ELSE t.attempts + 1 END`;
  const held = refuse ? sql`WHERE t.next_at <= ${now}` : sql``;
  const result = await sql<{ attempts: number }>`
    INSERT INTO login_throttle AS t (key, attempts, next_at, updated_at)
    VALUES (${key}, 1, ${new Date(now.getTime() + throttleDelayMs(1, rule))}, ${now})
    ON CONFLICT (key) DO UPDATE SET
      attempts = ${counted},
      next_at = ${now}::timestamptz + (${delaySql(counted, rule)}) * interval '1 millisecond',
      updated_at = ${now}
    ${held}
    RETURNING attempts`.execute(db);
  return result.rows[0] ? Number(result.rows[0].attempts) : null;
}

class Refused extends Error {
  constructor(readonly key: string) {
    super('refused');
  }
}

/**
 * Reserves a sign-in attempt before the password is evaluated. Throws 429 with Retry-After when
 * this address, or this address for this account, must wait. Otherwise returns how long to wait
 * before evaluating (the bounded per-account slowdown).
 */
export async function reserveLoginAttempt(db: Kysely<Database>, subject: AttemptSubject, now = new Date()): Promise<{ waitMs: number }> {
  const key = keys(subject);
  try {
    // One transaction: a refusal by the second key gives the first one's count back. Keys are
    // always locked in the same order, so concurrent reservations cannot deadlock.
    const accountAttempts = await db.transaction().execute(async (trx) => {
      if ((await reserveKey(trx, key.address, ADDRESS_RULE, true, now)) === null) throw new Refused(key.address);
      if ((await reserveKey(trx, key.pair, PAIR_RULE, true, now)) === null) throw new Refused(key.pair);
      return (await reserveKey(trx, key.account, ACCOUNT_RULE, false, now)) ?? 0;
    });
    return { waitMs: throttleDelayMs(accountAttempts, ACCOUNT_RULE) };
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    const row = await db.selectFrom('login_throttle').select('next_at').where('key', '=', error.key).executeTakeFirst();
    const retryAfter = row ? (new Date(row.next_at).getTime() - now.getTime()) / 1000 : 1;
    throw tooManyRequests('Too many sign-in attempts. Wait a little and try again.', Math.max(1, retryAfter));
  }
}

/** After a successful check: the pair starts afresh, the address and the account get their attempt back. */
export async function settleLoginSuccess(db: Kysely<Database>, subject: AttemptSubject): Promise<void> {
  const key = keys(subject);
  await db.deleteFrom('login_throttle').where('key', '=', key.pair).execute();
  await db
    .updateTable('login_throttle')
    .set((eb) => ({ attempts: sql<number>`greatest(${eb.ref('attempts')} - 1, 0)` }))
    .where('key', 'in', [key.address, key.account])
    .execute();
}

/** Rows whose window has long passed carry no information: the cleanup job deletes them. */
export async function deleteStaleLoginThrottle(db: Kysely<Database>, now = new Date()): Promise<number> {
  const result = await db
    .deleteFrom('login_throttle')
    .where('updated_at', '<', new Date(now.getTime() - LOGIN_FORGET_MS))
    .where('next_at', '<', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Checks a password someone types again while signed in (minting a token, changing their password)
 * under the same budget as signing in, so a borrowed session cannot be used to guess it fast.
 */
export async function verifyPasswordThrottled(db: Kysely<Database>, subject: AttemptSubject, verify: () => Promise<boolean>): Promise<boolean> {
  const { waitMs } = await reserveLoginAttempt(db, subject);
  if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
  const ok = await verify();
  if (ok) await settleLoginSuccess(db, subject);
  return ok;
}
