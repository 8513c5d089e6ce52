import type { Kysely } from 'kysely';
import type { AccessLevel, Database, DocumentAccessRow } from '../../db/schema.ts';
import { notFound, validationFailed } from '../errors.ts';
import type { DomainEvent } from '../events/bus.ts';
import type { AccessSubject } from '../policies/document-access.ts';
import { recordAudit } from './audit.ts';
import { requireDocument } from '../queries/document-guard.ts';

/** Grants `level` on a new document to each of `organisationIds`, inside the transaction that creates it. */
export async function grantOrganisations(trx: Kysely<Database>, documentId: string, organisationIds: readonly string[], level: AccessLevel, createdBy: string): Promise<void> {
  if (organisationIds.length === 0) return;
  await trx
    .insertInto('document_access')
    .values(organisationIds.map((organisation_id) => ({ document_id: documentId, organisation_id, level, created_by: createdBy })))
    .execute();
}

export async function listGrants(db: Kysely<Database>, subject: AccessSubject, documentId: string, ip?: string) {
  const document = await requireDocument(db, subject, documentId, 'view', ip);
  return document.grants;
}

/** Creates or changes the grant of one organisation or user; audited either way. */
export async function setGrant(
  db: Kysely<Database>,
  subject: AccessSubject,
  documentId: string,
  input: { organisationId?: string; userId?: string; level: AccessLevel },
  ip?: string,
): Promise<{ grant: DocumentAccessRow; created: boolean; events: DomainEvent[] }> {
  await requireDocument(db, subject, documentId, 'manage', ip);
  return db.transaction().execute(async (trx) => {
    // One grant change per document at a time, so that two identical requests give one grant and one change.
    await trx.selectFrom('documents').select('id').where('id', '=', documentId).forUpdate().execute();
    if (input.organisationId) {
      const organisation = await trx.selectFrom('organisations').select('id').where('id', '=', input.organisationId).executeTakeFirst();
      if (!organisation) throw validationFailed('Unknown organisation.', [{ path: 'organisationId', message: 'unknown organisation' }]);
    } else if (input.userId) {
      const user = await trx.selectFrom('users').select('id').where('id', '=', input.userId).executeTakeFirst();
      if (!user) throw validationFailed('Unknown user.', [{ path: 'userId', message: 'unknown user' }]);
    }
    let existing = trx.selectFrom('document_access').selectAll().where('document_id', '=', documentId);
    existing = input.organisationId ? existing.where('organisation_id', '=', input.organisationId) : existing.where('user_id', '=', input.userId!);
    const previous = await existing.forUpdate().executeTakeFirst();
    let grant: DocumentAccessRow;
    if (previous) {
      grant = await trx.updateTable('document_access').set({ level: input.level }).where('id', '=', previous.id).returningAll().executeTakeFirstOrThrow();
    } else {
      grant = await trx
        .insertInto('document_access')
        .values({
          document_id: documentId,
          organisation_id: input.organisationId ?? null,
          user_id: input.userId ?? null,
          level: input.level,
          created_by: subject.userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    if (!previous || previous.level !== input.level) {
      await recordAudit(trx, {
        actorUserId: subject.userId,
        action: previous ? 'document.access_changed' : 'document.access_granted',
        objectType: 'document',
        objectId: documentId,
        details: { grantId: grant.id, organisationId: grant.organisation_id, userId: grant.user_id, level: grant.level, previousLevel: previous?.level ?? null },
        ip,
      });
    }
    return { grant, created: !previous, events: [{ type: 'document.access_changed', documentId, actorUserId: subject.userId }] };
  });
}

export async function revokeGrant(db: Kysely<Database>, subject: AccessSubject, documentId: string, grantId: string, ip?: string): Promise<{ events: DomainEvent[] }> {
  await requireDocument(db, subject, documentId, 'manage', ip);
  await db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('document_access').where('id', '=', grantId).where('document_id', '=', documentId).returningAll().executeTakeFirst();
    if (!removed) throw notFound('Grant');
    await recordAudit(trx, {
      actorUserId: subject.userId,
      action: 'document.access_revoked',
      objectType: 'document',
      objectId: documentId,
      details: { grantId, organisationId: removed.organisation_id, userId: removed.user_id, level: removed.level },
      ip,
    });
  });
  return { events: [{ type: 'document.access_changed', documentId, actorUserId: subject.userId }] };
}
