import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { decideAccessRequest, MAX_REQUESTS_PER_HOUR, REPEAT_AFTER_MS } from '../domain/access-requests.ts';
import { AppError, tooManyRequests } from '../errors.ts';
import type { DomainEvent } from '../events/bus.ts';
import { recordEvents } from '../events/outbox.ts';
import type { AccessSubject } from '../policies/document-access.ts';
import { findDocumentWithAccess } from '../queries/documents.ts';
import { recordAudit } from './audit.ts';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Someone who cannot see a document asks its lead organisation for access (see
 * domain/access-requests.ts). The answer never says whether the document exists.
 */
export async function requestAccess(
  db: Kysely<Database>,
  subject: AccessSubject,
  documentId: string,
  input: { message?: string },
  now: Date,
  ip?: string,
): Promise<{ events: DomainEvent[] }> {
  const found = await findDocumentWithAccess(db, subject, documentId);
  const [recent, previous] = await Promise.all([
    db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('actor_user_id', '=', subject.userId)
      .where('action', '=', 'document.access_requested')
      .where('at', '>', new Date(now.getTime() - HOUR_MS))
      .executeTakeFirstOrThrow(),
    found.exists ? db.selectFrom('access_requests').select('created_at').where('document_id', '=', documentId).where('user_id', '=', subject.userId).executeTakeFirst() : undefined,
  ]);
  const outcome = decideAccessRequest({
    exists: found.exists,
    hasAccess: Boolean(found.row),
    requestsInLastHour: Number(recent.count),
    previousRequestAt: previous?.created_at ?? null,
    now,
  });
  if (outcome === 'already_has_access') throw new AppError(409, 'already_has_access', 'You can already open this document.');
  if (outcome === 'rate_limited') throw tooManyRequests(`At most ${MAX_REQUESTS_PER_HOUR} access requests an hour; try again later.`, 3600);
  // Every accepted request counts towards the hourly limit, including those about nothing.
  await recordAudit(db, {
    actorUserId: subject.userId,
    action: 'document.access_requested',
    objectType: 'document',
    objectId: documentId,
    details: { notified: outcome === 'notify' },
    ip,
  });
  if (outcome !== 'notify') return { events: [] };
  const message = input.message?.trim() || null;
  const lead = await db
    .selectFrom('users')
    .innerJoin('documents', 'documents.lead_organisation_id', 'users.organisation_id')
    .select('users.id')
    .where('documents.id', '=', documentId)
    .where('users.disabled_at', 'is', null)
    .execute();
  const events: DomainEvent[] = [{ type: 'document.access_requested', documentId, actorUserId: subject.userId, message, leadUserIds: lead.map((row) => row.id) }];
  // The request and its notification commit together (events/outbox.ts). The request is stored
  // only when none was made within the repeat delay, decided by the row itself: of the same
  // request sent twice at once, one tells the lead and the other is a quiet repeat.
  const stored = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('access_requests')
      .values({ document_id: documentId, user_id: subject.userId, message, created_at: now })
      .onConflict((conflict) =>
        conflict
          .columns(['document_id', 'user_id'])
          .doUpdateSet({ message, created_at: now })
          .where('access_requests.created_at', '<=', new Date(now.getTime() - REPEAT_AFTER_MS)),
      )
      .returning('document_id')
      .executeTakeFirst();
    if (row) await recordEvents(trx, events);
    return row !== undefined;
  });
  return { events: stored ? events : [] };
}

/** Open requests for a document, for those who manage its access; cleared when a grant answers them. */
export async function clearAnsweredRequests(db: Kysely<Database>, documentId: string): Promise<void> {
  await sql`DELETE FROM access_requests r WHERE r.document_id = ${documentId} AND EXISTS (
    SELECT 1 FROM document_access a JOIN users u ON u.id = r.user_id
    WHERE a.document_id = r.document_id AND (a.user_id = r.user_id OR a.organisation_id = u.organisation_id))`.execute(db);
}
