import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from './actor.ts';
import { API_TOKEN_PREFIX, hashSecret } from './secrets.ts';

export interface Credentials {
  sessionCookie?: string;
  /** from `Authorization: Bearer …` or a `token` query parameter (WebSocket clients) */
  apiToken?: string;
}

const SESSION_TOUCH_INTERVAL_MS = 5 * 60_000;
/** "last used" is shown to the owner: precise to the minute, written at most once a minute per token */
const TOKEN_TOUCH_INTERVAL_MS = 60_000;

/**
 * Turns credentials into an actor, or null. Shared by HTTP, the sync endpoint, socket.io and the
 * bot, so that "who is this" has one answer everywhere. Disabled users resolve to nobody.
 */
export async function resolveActor(db: Kysely<Database>, credentials: Credentials, now = new Date()): Promise<Actor | null> {
  if (credentials.apiToken) return resolveToken(db, credentials.apiToken, now);
  if (credentials.sessionCookie) return resolveSession(db, credentials.sessionCookie, now);
  return null;
}

const userColumns = ['users.id as userId', 'users.organisation_id as organisationId', 'users.role', 'users.name', 'users.email', 'users.locale'] as const;

async function resolveSession(db: Kysely<Database>, cookieValue: string, now: Date): Promise<Actor | null> {
  if (cookieValue.length > 200) return null;
  const idHash = hashSecret(cookieValue);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([...userColumns, 'sessions.csrf_token', 'sessions.last_seen_at', 'sessions.expires_at'])
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', now)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  if (now.getTime() - row.last_seen_at.getTime() > SESSION_TOUCH_INTERVAL_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
  }
  const { csrf_token, last_seen_at: _lastSeen, expires_at, ...user } = row;
  return { ...user, via: 'session', session: { idHash, csrfToken: csrf_token }, expiresAt: expires_at };
}

async function resolveToken(db: Kysely<Database>, token: string, now: Date): Promise<Actor | null> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([...userColumns, 'api_tokens.id as tokenId', 'api_tokens.last_used_at', 'api_tokens.expires_at'])
    .where('api_tokens.token_hash', '=', hashSecret(token))
    .where('api_tokens.revoked_at', 'is', null)
    .where('api_tokens.expires_at', '>', now)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOKEN_TOUCH_INTERVAL_MS) {
    // Conditional, so concurrent requests with one token write once, not once each.
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: now })
      .where('id', '=', row.tokenId)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(now.getTime() - TOKEN_TOUCH_INTERVAL_MS))]))
      .execute();
  }
  const { tokenId, last_used_at: _lastUsed, expires_at, ...user } = row;
  return { ...user, via: 'token', tokenId, expiresAt: expires_at };
}
