import type { Kysely } from 'kysely';
import type { ApiTokenRow, Database } from '../../db/schema.ts';
import { verifyPasswordThrottled } from '../auth/login-throttle.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { API_TOKEN_PREFIX, hashSecret, randomSecret } from '../auth/secrets.ts';
import { AppError, notFound } from '../errors.ts';
import type { DomainEvent } from '../events/bus.ts';
import { recordAudit } from './audit.ts';

const MAX_ACTIVE_TOKENS_PER_USER = 50;

/**
 * Creates an API token once the owner has typed their password again (under the sign-in budget).
 * The secret is returned once and only its hash is stored.
 */
export async function createToken(
  db: Kysely<Database>,
  userId: string,
  input: { name: string; expiresInDays: number; password: string },
  ip: string,
): Promise<{ row: ApiTokenRow; secret: string }> {
  const owner = await db.selectFrom('users').select(['email', 'password_hash']).where('id', '=', userId).executeTakeFirstOrThrow();
  const ok = await verifyPasswordThrottled(db, { email: owner.email.toLowerCase(), ip }, () => verifyPassword(owner.password_hash, input.password));
  if (!ok) {
    await recordAudit(db, { actorUserId: userId, action: 'access.denied', objectType: 'api_token', details: { need: 'password', reason: 'wrong_password' }, ip });
    throw new AppError(400, 'wrong_current_password', 'Give your password to create a token.');
  }
  const secret = `${API_TOKEN_PREFIX}${randomSecret()}`;
  return db.transaction().execute(async (trx) => {
    // The account as the password was checked, held until the token is in: a reset or a disabling
    // meanwhile (which revoke every token) mints none, and one that comes next revokes this one too.
    const unchanged = await trx
      .selectFrom('users')
      .select('id')
      .where('id', '=', userId)
      .where('password_hash', '=', owner.password_hash!)
      .where('disabled_at', 'is', null)
      .forShare()
      .executeTakeFirst();
    if (!unchanged) throw new AppError(400, 'wrong_current_password', 'Give your password to create a token.');
    const active = await trx
      .selectFrom('api_tokens')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(active.count) >= MAX_ACTIVE_TOKENS_PER_USER) {
      throw new AppError(409, 'too_many_tokens', `You have ${MAX_ACTIVE_TOKENS_PER_USER} active tokens; revoke one first.`);
    }
    const row = await trx
      .insertInto('api_tokens')
      .values({
        user_id: userId,
        name: input.name,
        token_hash: hashSecret(secret),
        prefix: secret.slice(0, API_TOKEN_PREFIX.length + 6),
        expires_at: new Date(Date.now() + input.expiresInDays * 86_400_000),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: userId,
      action: 'token.created',
      objectType: 'api_token',
      objectId: row.id,
      details: { name: row.name, expiresAt: row.expires_at.toISOString() },
      ip,
    });
    return { row, secret };
  });
}

export async function listTokens(db: Kysely<Database>, userId: string): Promise<ApiTokenRow[]> {
  return db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
}

/**
 * Revokes one of the user's own tokens; another user's token is "not found", never "forbidden".
 * Its event ends the sync connections and sockets opened with the token, in every process.
 */
export async function revokeToken(db: Kysely<Database>, userId: string, tokenId: string, ip?: string): Promise<{ events: DomainEvent[] }> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('id', '=', tokenId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw notFound('Token');
    await recordAudit(trx, { actorUserId: userId, action: 'token.revoked', objectType: 'api_token', objectId: tokenId, ip });
  });
  return { events: [{ type: 'user.credentials_changed', userId, actorUserId: userId }] };
}
