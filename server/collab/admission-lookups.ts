import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { resolveActor, type Credentials } from '../auth/resolve-actor.ts';
import { hashSecret } from '../auth/secrets.ts';
import { EpochMemo } from '../live/epoch-memo.ts';
import type { DocumentAccessFacts } from '../policies/document-access.ts';
import { findManyDocumentAccessFacts } from '../queries/documents.ts';
import { batchedByTurn } from '../queries/batched-by-turn.ts';

export const ADMISSION_MEMO = {
  /** the rights-over-time contract's second: no shared answer outlives what an event on its way may still change */
  ttlMs: 1_000,
  maxEntries: 20_000,
} as const;

const MAX_DOCUMENTS_PER_STATEMENT = 200;
/** Longer credentials are refused by resolveActor without a query; they are not worth remembering. */
const MAX_CREDENTIAL_LENGTH = 200;

/**
 * What admitting a sync connection asks of the database — who the credential is, the document's
 * access facts, the organisation's code — with the answers shared by connections admitted
 * together (see EpochMemo). After a restart every client comes back within seconds: ten clients of
 * a document and the eighty connections of one token then cost one query each, not one each. The
 * policy still decides every connection on its own (documentAccess on the shared facts), and an
 * answer is shared only within the live registry's epoch, so nothing is admitted that a fresh
 * query would have refused by the time the connection joins unless the registry re-decides it.
 */
export function admissionLookups(
  db: Kysely<Database>,
  epoch: () => number,
  counted?: (kind: LookupKind, shared: boolean) => void,
  options: { ttlMs: number; maxEntries: number } = ADMISSION_MEMO,
) {
  const countedAs = (kind: LookupKind) => (shared: boolean) => counted?.(kind, shared);
  const actors = new EpochMemo<Actor | null>(epoch, {
    ...options,
    counted: countedAs('credential'),
    // A refusal is never reused (a credential may be created a moment later); an actor only until its credential expires.
    reusable: (actor) => actor !== null && (actor.expiresAt == null || actor.expiresAt.getTime() > Date.now()),
  });
  const documents = new EpochMemo<DocumentAccessFacts | null>(epoch, { ...options, counted: countedAs('document'), reusable: (facts) => facts !== null });
  const organisations = new EpochMemo<string>(epoch, { ...options, counted: countedAs('organisation') });
  // Documents of connections read in the same turn (a herd comes in many at once) share a statement too.
  const factsOf = batchedByTurn((ids) => findManyDocumentAccessFacts(db, ids), { maxBatch: MAX_DOCUMENTS_PER_STATEMENT });
  return {
    /** resolveActor, shared by identical credentials */
    actor(credentials: Credentials): Promise<Actor | null> {
      const key = credentialKey(credentials);
      if (!key) return resolveActor(db, credentials);
      return actors.get(key, () => resolveActor(db, credentials));
    },
    /** the document's access facts whoever asks, or null when it does not exist */
    documentFacts(documentId: string): Promise<DocumentAccessFacts | null> {
      return documents.get(documentId, async () => (await factsOf(documentId)) ?? null);
    },
    /** an organisation's short code ('' when it has none), shown with its people's cursors */
    organisationCode(organisationId: string): Promise<string> {
      return organisations.get(organisationId, async () => {
        const row = await db.selectFrom('organisations').select('code').where('id', '=', organisationId).executeTakeFirst();
        return row?.code ?? '';
      });
    },
  };
}

export type LookupKind = 'credential' | 'document' | 'organisation';

export type AdmissionLookups = ReturnType<typeof admissionLookups>;

/** The credential resolveActor will read (a token before a cookie), as a key that does not keep the secret itself. */
function credentialKey(credentials: Credentials): string | null {
  if (credentials.apiToken) return credentials.apiToken.length > MAX_CREDENTIAL_LENGTH ? null : `token:${hashSecret(credentials.apiToken)}`;
  if (credentials.sessionCookie) return credentials.sessionCookie.length > MAX_CREDENTIAL_LENGTH ? null : `session:${hashSecret(credentials.sessionCookie)}`;
  return null;
}
