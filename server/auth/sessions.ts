import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { hashSecret, randomSecret } from './secrets.ts';

export interface NewSession {
  cookieValue: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Always a fresh id: a login never reuses a session id a browser already had (fixation). */
export async function createSession(db: Kysely<Database>, input: { userId: string; ttlMs: number; ip?: string; userAgent?: string }): Promise<NewSession> {
  const cookieValue = randomSecret();
  const csrfToken = randomSecret(24);
  const expiresAt = new Date(Date.now() + input.ttlMs);
  await db
    .insertInto('sessions')
    .values({
      id_hash: hashSecret(cookieValue),
      user_id: input.userId,
      csrf_token: csrfToken,
      expires_at: expiresAt,
      ip: input.ip ?? null,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { cookieValue, csrfToken, expiresAt };
}

export async function deleteSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteExpiredSessions(db: Kysely<Database>, now = new Date()): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Ends every way a user is signed in: all sessions and all API tokens, in the caller's transaction. */
export async function endAllAccess(trx: Kysely<Database>, userId: string): Promise<void> {
  await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await trx.updateTable('api_tokens').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}
