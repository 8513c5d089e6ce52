import { recordEvents } from '../events/outbox.ts';
import type { Kysely } from 'kysely';
import type { Database, DocumentKind, DocumentRow, DocumentStatus, Framework, Locale } from '../../db/schema.ts';
import { AppError, forbidden, invalidTransition, validationFailed } from '../errors.ts';
import { decideReopen, decideTransition, type WorkflowRole } from '../../shared/workflow.ts';
import type { DomainEvent } from '../events/bus.ts';
import type { AccessSubject } from '../policies/document-access.ts';
import { templateUpdate } from '../../shared/templates.ts';
import { DocumentStore } from '../collab/document-store.ts';
import { writeProjectionIn } from '../collab/projection-writer.ts';
import type { DocumentProjection } from '../collab/projection.ts';
import { recordAudit } from './audit.ts';
import { grantOrganisations } from './document-access.ts';
import { requireDocument } from '../queries/document-guard.ts';
import { authorize } from '../policies/authorize.ts';
import { documentCreationPolicy, documentPolicy } from '../policies/document.ts';

export interface CreateDocumentInput {
  kind: DocumentKind;
  title: string;
  leadOrganisationId?: string;
  partnerOrganisationIds: string[];
  framework?: Framework;
  /** the language it is written in (routes default it to the creator's interface language) */
  language?: Locale;
  /** the starting content instead of the kind's template (an imported file), with its projection */
  content?: { update: Uint8Array; projection: DocumentProjection };
}

/** What a document command did: the row as it now is, and the events to publish once committed. */
export interface DocumentChange {
  row: DocumentRow;
  events: DomainEvent[];
}

/** Partners named at creation may comment on the document; the lead can change that afterwards. */
const PARTNER_DEFAULT_LEVEL = 'comment' as const;

export async function createDocument(db: Kysely<Database>, subject: AccessSubject, input: CreateDocumentInput, ip?: string): Promise<DocumentChange> {
  const leadOrganisationId = input.leadOrganisationId ?? subject.organisationId;
  const language: Locale = input.language ?? 'fr';
  await authorize({ db, ip }, subject, documentCreationPolicy, 'create_document', { id: leadOrganisationId, facts: { leadOrganisationId } });
  return db.transaction().execute(async (trx) => {
    await assertOrganisationsExist(trx, [leadOrganisationId, ...input.partnerOrganisationIds]);
    const row = await DocumentStore.create(
      trx,
      {
        kind: input.kind,
        title: input.title,
        lead_organisation_id: leadOrganisationId,
        framework: input.framework ?? null,
        language,
        status: 'draft',
        created_by: subject.userId,
      },
      input.content?.update ?? templateUpdate(input.kind, [], language),
    );
    // Imported content is searchable and counted at once, as the live projection would make it.
    if (input.content) await writeProjectionIn(trx, { documentId: row.id, lastEditorId: subject.userId, lastEditedAt: new Date() }, input.content.projection);
    const partners = input.partnerOrganisationIds.filter((id) => id !== leadOrganisationId);
    if (partners.length > 0) {
      await trx
        .insertInto('document_partners')
        .values(partners.map((organisation_id) => ({ document_id: row.id, organisation_id })))
        .execute();
      await grantOrganisations(trx, row.id, partners, PARTNER_DEFAULT_LEVEL, subject.userId);
    }
    await recordAudit(trx, {
      actorUserId: subject.userId,
      action: 'document.created',
      objectType: 'document',
      objectId: row.id,
      details: { kind: row.kind, title: row.title, language, leadOrganisationId, partnerOrganisationIds: partners },
      ip,
    });
    return { row, events: [{ type: 'document.created', documentId: row.id, actorUserId: subject.userId }] };
  });
}

export interface UpdateDocumentInput {
  title?: string;
  leadOrganisationId?: string;
  partnerOrganisationIds?: string[];
  framework?: Framework | null;
}

export async function updateDocument(db: Kysely<Database>, subject: AccessSubject, id: string, input: UpdateDocumentInput, ip?: string): Promise<DocumentChange> {
  const current = await requireDocument(db, subject, id, 'edit', ip);
  if (input.leadOrganisationId && input.leadOrganisationId !== current.row.lead_organisation_id) {
    await authorize({ db, ip }, subject, documentPolicy, 'change_lead', { id, facts: { level: current.level, leadOrganisationId: current.row.lead_organisation_id } });
  }
  const kind = current.row.kind;
  if (input.framework && kind !== 'cooperation_proposal') {
    throw validationFailed('Only cooperation proposals have a framework.', [{ path: 'framework', message: 'only cooperation proposals have a framework' }]);
  }
  if (input.framework === null && kind === 'cooperation_proposal') {
    throw validationFailed('A cooperation proposal needs a framework.', [{ path: 'framework', message: 'required for cooperation proposals' }]);
  }
  return db.transaction().execute(async (trx) => {
    const lead = input.leadOrganisationId ?? current.row.lead_organisation_id;
    await assertOrganisationsExist(trx, [lead, ...(input.partnerOrganisationIds ?? [])]);
    const row = await trx
      .updateTable('documents')
      .set({ title: input.title, lead_organisation_id: input.leadOrganisationId, framework: input.framework, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.partnerOrganisationIds) {
      await trx.deleteFrom('document_partners').where('document_id', '=', id).execute();
      const partners = input.partnerOrganisationIds.filter((organisationId) => organisationId !== lead);
      if (partners.length > 0) {
        await trx
          .insertInto('document_partners')
          .values(partners.map((organisation_id) => ({ document_id: id, organisation_id })))
          .execute();
      }
    }
    await recordAudit(trx, { actorUserId: subject.userId, action: 'document.updated', objectType: 'document', objectId: id, details: { changes: input }, ip });
    const events: DomainEvent[] = [{ type: 'document.updated', documentId: id, actorUserId: subject.userId }];
    await recordEvents(trx, events);
    return { row, events };
  });
}

export function workflowRoles(subject: AccessSubject, row: DocumentRow, level: string): WorkflowRole[] {
  const roles: WorkflowRole[] = [];
  if (subject.role === 'admin') roles.push('secretariat');
  if (subject.organisationId === row.lead_organisation_id && level === 'edit') roles.push('lead');
  return roles;
}

export async function transitionDocument(
  db: Kysely<Database>,
  subject: AccessSubject,
  id: string,
  input: { to: DocumentStatus; reason?: string },
  ip?: string,
): Promise<DocumentChange> {
  const current = await requireDocument(db, subject, id, 'view', ip);
  if (current.row.archived_at) throw new AppError(409, 'archived', 'Restore the document before changing its status.');
  const decision = decideTransition(current.row.status, input.to, workflowRoles(subject, current.row, current.level), input.reason);
  if (!decision.ok) {
    if (decision.reason === 'not_allowed') {
      await recordAudit(db, { actorUserId: subject.userId, action: 'access.denied', objectType: 'document', objectId: id, details: { need: `status:${input.to}` }, ip });
      throw forbidden(`You may not move this document from "${current.row.status}" to "${input.to}".`);
    }
    if (decision.reason === 'reason_required') throw validationFailed(`Moving to "${input.to}" needs a reason.`, [{ path: 'reason', message: 'required' }]);
    throw invalidTransition(`A document cannot go from "${current.row.status}" to "${input.to}".`);
  }
  return db.transaction().execute((trx) => recordTransition(trx, subject, current.row, input, ip));
}

/**
 * Inside a transaction, a transition already decided on: moves the document from the status it
 * was read in (409 when it moved meanwhile), audited and announced with the change. A session's
 * confirmed decision uses it in the decision's own transaction.
 */
export async function recordTransition(
  trx: Kysely<Database>,
  subject: AccessSubject,
  current: DocumentRow,
  input: { to: DocumentStatus; reason?: string },
  ip?: string,
): Promise<DocumentChange> {
  const id = current.id;
  const row = await moveStatus(trx, id, current.status, input.to, input.to === 'returned' ? (input.reason ?? null) : null);
  await recordAudit(trx, {
    actorUserId: subject.userId,
    action: 'document.status_changed',
    objectType: 'document',
    objectId: id,
    details: { from: current.status, to: input.to, reason: input.reason ?? null },
    ip,
  });
  const events: DomainEvent[] = [
    { type: 'document.status_changed', documentId: id, actorUserId: subject.userId, from: current.status, to: row.status, reason: input.reason ?? null },
  ];
  await recordEvents(trx, events);
  return { row, events };
}

/**
 * The coordination unit reopens an adopted or closed document (server/domain/workflow.ts
 * `decideReopen`), with a reason that is audited and shown to the lead like a return's.
 */
export async function reopenDocument(db: Kysely<Database>, subject: AccessSubject, id: string, input: { reason: string }, ip?: string): Promise<DocumentChange> {
  const current = await requireDocument(db, subject, id, 'view', ip);
  await authorize({ db, ip }, subject, documentPolicy, 'reopen', { id, facts: { level: current.level, leadOrganisationId: current.row.lead_organisation_id } });
  if (current.row.archived_at) throw new AppError(409, 'archived', 'Restore the document before reopening it.');
  const decision = decideReopen(current.row.status, input.reason);
  if (!decision.ok) {
    if (decision.reason === 'reason_required') throw validationFailed('Reopening needs a reason.', [{ path: 'reason', message: 'required' }]);
    throw invalidTransition(`Only an adopted or closed document can be reopened; this one is "${current.row.status}".`);
  }
  const reason = input.reason.trim();
  return db.transaction().execute(async (trx) => {
    const row = await moveStatus(trx, id, current.row.status, decision.to, null);
    await recordAudit(trx, {
      actorUserId: subject.userId,
      action: 'document.reopened',
      objectType: 'document',
      objectId: id,
      details: { from: current.row.status, to: decision.to, reason },
      ip,
    });
    const event: DomainEvent = { type: 'document.status_changed', documentId: id, actorUserId: subject.userId, from: current.row.status, to: decision.to, reason };
    // Recorded with the change, as every transition's is: Slack hears of a reopening too.
    await recordEvents(trx, [event]);
    return { row, events: [event] };
  });
}

export async function setArchived(db: Kysely<Database>, subject: AccessSubject, id: string, archived: boolean, ip?: string): Promise<DocumentChange> {
  const current = await requireDocument(db, subject, id, 'view', ip);
  await authorize({ db, ip }, subject, documentPolicy, 'archive', { id, facts: { level: current.level, leadOrganisationId: current.row.lead_organisation_id } });
  return db.transaction().execute(async (trx) => {
    // Only the request that actually archives (or restores) records and announces it, when two race.
    const changed = await trx
      .updateTable('documents')
      .set({ archived_at: archived ? new Date() : null, updated_at: new Date() })
      .where('id', '=', id)
      .where('archived_at', archived ? 'is' : 'is not', null)
      .returningAll()
      .executeTakeFirst();
    if (!changed) return { row: await trx.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirstOrThrow(), events: [] };
    await recordAudit(trx, { actorUserId: subject.userId, action: archived ? 'document.archived' : 'document.restored', objectType: 'document', objectId: id, ip });
    return { row: changed, events: [{ type: 'document.archived', documentId: id, actorUserId: subject.userId, archived }] };
  });
}

async function assertOrganisationsExist(db: Kysely<Database>, ids: readonly string[]): Promise<void> {
  const unique = [...new Set(ids)];
  const found = await db.selectFrom('organisations').select('id').where('id', 'in', unique).execute();
  if (found.length !== unique.length) {
    const known = new Set(found.map((row) => row.id));
    throw validationFailed(
      'Unknown organisation.',
      unique.filter((id) => !known.has(id)).map((id) => ({ path: 'organisationId', message: `unknown organisation ${id}` })),
    );
  }
}

/**
 * Moves a document to `to` only from the status that was decided on, and only while it is not
 * archived (a concurrent transition or archiving makes it a 409), with the return reason it should carry.
 */
async function moveStatus(trx: Kysely<Database>, id: string, from: DocumentStatus, to: DocumentStatus, returnReason: string | null): Promise<DocumentRow> {
  const row = await trx
    .updateTable('documents')
    .set({ status: to, return_reason: returnReason, updated_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', from)
    .where('archived_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new AppError(409, 'conflict', 'The status changed, or the document was archived, meanwhile; reload and try again.');
  return row;
}
