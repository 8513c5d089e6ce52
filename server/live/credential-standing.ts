import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { credentialStanding, type CredentialFacts, type CredentialRef, type CredentialStanding } from '../policies/credential.ts';

/** Reads what the credential policy needs of one session or token and its user (two small reads at once), and asks it. */
export async function loadCredentialStanding(db: Kysely<Database>, ref: CredentialRef, userId: string, now = new Date()): Promise<CredentialStanding> {
  const user = db.selectFrom('users').select(['organisation_id', 'role', 'disabled_at']).where('id', '=', userId);
  const credential =
    ref.kind === 'session'
      ? db
          .selectFrom('sessions')
          .select('expires_at')
          .where('id_hash', '=', ref.idHash)
          .where('user_id', '=', userId)
          .executeTakeFirst()
          .then((row) => row && { expires_at: row.expires_at as Date | null, revoked_at: null as Date | null })
      : db.selectFrom('api_tokens').select(['expires_at', 'revoked_at']).where('id', '=', ref.id).where('user_id', '=', userId).executeTakeFirst();
  const [userRow, credentialRow] = await Promise.all([user.executeTakeFirst(), credential]);
  const facts: CredentialFacts = {
    user: userRow ? { organisationId: userRow.organisation_id, role: userRow.role, disabledAt: userRow.disabled_at } : null,
    credential: credentialRow ? { expiresAt: credentialRow.expires_at, revokedAt: credentialRow.revoked_at } : null,
  };
  return credentialStanding(ref, facts, now);
}
