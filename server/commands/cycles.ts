import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Locale } from '../../shared/enums.ts';
import type { Clock } from '../clock.ts';
import { AppError, conflict, notFound } from '../errors.ts';
import type { DomainEvent } from '../events/bus.ts';
import { recordEvents } from '../events/outbox.ts';
import { completeness, openingReport, sameCycleScope } from '../domain/reporting-cycle.ts';
import { authorize } from '../policies/authorize.ts';
import type { AccessSubject } from '../policies/document-access.ts';
import { cyclePolicy, cycleViewPolicy, isCoordinationUnit } from '../policies/reporting.ts';
import { presentCycle } from '../presenters/cycle.ts';
import type { OpenCycleInput } from '../../shared/api/schemas/cycles.ts';
import { recordAudit } from './audit.ts';
import { writeConsolidatedDocuments } from './cycle-consolidated.ts';
import type { ClosedCycle, CycleDashboard, CycleInList, OpenedCycle } from '../../shared/api/cycles.ts';

/** Follow-up cycles (issue 19): opening, closing, listing and the coordination unit's dashboard. */

/**
 * The plans a cycle covers: unarchived documents of the given kinds (action plans when none is
 * named), among the listed ones when listed, led by a member of the commission when one is named.
 */
async function documentsInScope(db: Kysely<Database>, input: OpenCycleInput): Promise<string[]> {
  const kinds = input.documentKinds?.length ? input.documentKinds : input.documentIds?.length ? null : ['action_plan' as const];
  let query = db.selectFrom('documents').select('id').where('archived_at', 'is', null);
  if (kinds) query = query.where('kind', 'in', kinds);
  if (input.documentIds?.length) query = query.where('id', 'in', input.documentIds);
  if (input.commissionId) {
    query = query.where('lead_organisation_id', 'in', db.selectFrom('commission_members').select('organisation_id').where('commission_id', '=', input.commissionId));
  }
  return (await query.execute()).map((row) => row.id);
}

/** Opens a cycle: one report per measure in scope that has a lead organisation, from the projection. */
export async function openCycle(db: Kysely<Database>, actor: AccessSubject, input: OpenCycleInput, ip?: string): Promise<{ result: OpenedCycle; events: DomainEvent[] }> {
  await authorize({ db, ip }, actor, cyclePolicy, 'open', { facts: {} });
  if (input.commissionId && !(await db.selectFrom('commissions').select('id').where('id', '=', input.commissionId).executeTakeFirst())) {
    throw new AppError(400, 'validation_failed', 'The request is not valid.', [{ path: 'commissionId', message: 'names no commission' }]);
  }
  if (input.documentIds?.length) {
    const known = new Set((await db.selectFrom('documents').select('id').where('id', 'in', input.documentIds).execute()).map((row) => row.id));
    const unknown = input.documentIds.filter((id) => !known.has(id));
    if (unknown.length > 0)
      throw new AppError(400, 'validation_failed', 'The request is not valid.', [{ path: 'documentIds', message: `names unknown documents: ${unknown.slice(0, 10).join(', ')}` }]);
  }
  const documentIds = await documentsInScope(db, input);
  const measures =
    documentIds.length === 0 ? [] : await db.selectFrom('measures').selectAll().where('document_id', 'in', documentIds).orderBy('document_id').orderBy('position').execute();
  const addressed = measures.filter((measure) => measure.lead_organisation_id !== null);
  if (addressed.length === 0) throw new AppError(422, 'empty_scope', 'No measure with a lead organisation is in this scope: nothing to report on.');

  const scope = { period: input.period, commissionId: input.commissionId ?? null, documentKinds: input.documentKinds ?? [], documentIds: input.documentIds ?? [] };
  const cycle = await db.transaction().execute(async (trx) => {
    // One opening at a time (rare, by the coordination unit): the same cycle asked for twice at once is opened once.
    await sql`SELECT pg_advisory_xact_lock(hashtext('tansiq.cycle-open'))`.execute(trx);
    const open = await trx
      .selectFrom('reporting_cycles')
      .select(['id', 'period', 'commission_id', 'document_kinds', 'document_ids'])
      .where('status', '=', 'open')
      .where('period', '=', input.period)
      .execute();
    const same = open.find((row) =>
      sameCycleScope(scope, { period: row.period, commissionId: row.commission_id, documentKinds: row.document_kinds, documentIds: row.document_ids }),
    );
    if (same) throw conflict(`A cycle for ${input.period} over this scope is already open.`, { cycleId: same.id });
    const row = await trx
      .insertInto('reporting_cycles')
      .values({
        period: input.period,
        commission_id: input.commissionId ?? null,
        document_kinds: input.documentKinds ?? [],
        document_ids: input.documentIds ?? [],
        opens_on: input.opensOn,
        due_on: input.dueOn,
        reminder_days: [...new Set(input.reminderDays ?? [])].sort((a, b) => a - b),
        created_by: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    for (let start = 0; start < addressed.length; start += 500) {
      await trx
        .insertInto('cycle_reports')
        .values(addressed.slice(start, start + 500).map((measure) => openingReport(row.id, measure)))
        .execute();
    }
    await recordAudit(trx, {
      actorUserId: actor.userId,
      action: 'cycle.opened',
      objectType: 'reporting_cycle',
      objectId: row.id,
      details: { period: row.period, documents: documentIds.length, reports: addressed.length, withoutLead: measures.length - addressed.length },
      ip,
    });
    await recordEvents(trx, [{ type: 'cycle.opened', cycleId: row.id, period: row.period, actorUserId: actor.userId }]);
    return row;
  });
  return {
    result: { cycle: presentCycle(cycle), reports: addressed.length, withoutLead: measures.length - addressed.length },
    events: [{ type: 'cycle.opened', cycleId: cycle.id, period: cycle.period, actorUserId: actor.userId }],
  };
}

export async function requireCycle(db: Kysely<Database>, cycleId: string) {
  const cycle = await db.selectFrom('reporting_cycles').selectAll().where('id', '=', cycleId).executeTakeFirst();
  if (!cycle) throw notFound('Cycle');
  return cycle;
}

/** Closes a cycle: its reports stay as they are, and nothing changes them any more. */
export async function closeCycle(
  db: Kysely<Database>,
  clock: Clock,
  actor: AccessSubject,
  cycleId: string,
  ip?: string,
  language: Locale = 'fr',
): Promise<{ result: ClosedCycle; events: DomainEvent[] }> {
  await authorize({ db, ip }, actor, cyclePolicy, 'close', { id: cycleId, facts: {} });
  const existing = await requireCycle(db, cycleId);
  if (existing.status === 'closed') throw new AppError(409, 'cycle_closed', 'This cycle is already closed.');
  const closed = await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('reporting_cycles')
      .set({ status: 'closed', closed_at: new Date(), updated_at: new Date() })
      .where('id', '=', cycleId)
      .where('status', '=', 'open')
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError(409, 'cycle_closed', 'This cycle is already closed.');
    // The consolidated documents are written with the close: a close never leaves them half done.
    const documents = await writeConsolidatedDocuments(trx, actor, row, clock.today(), ip, language);
    await recordAudit(trx, {
      actorUserId: actor.userId,
      action: 'cycle.closed',
      objectType: 'reporting_cycle',
      objectId: cycleId,
      details: { period: row.period, consolidatedDocumentIds: documents.map((entry) => entry.documentId) },
      ip,
    });
    // The close and its announcement commit together (events/outbox.ts).
    await recordEvents(trx, [{ type: 'cycle.closed', cycleId, period: row.period, actorUserId: actor.userId }]);
    return { row, documents };
  });
  const documentIds = closed.documents.map((entry) => entry.documentId);
  return {
    result: { ...presentCycle(closed.row), consolidatedDocumentIds: documentIds },
    events: [
      ...documentIds.map((documentId): DomainEvent => ({ type: 'document.created', documentId, actorUserId: actor.userId })),
      { type: 'cycle.closed', cycleId, period: closed.row.period, actorUserId: actor.userId },
    ],
  };
}

/** Reports an actor may read: all for the coordination unit, else those their organisation leads or partners. */
export function visibleTo<T extends { where: (...args: any[]) => T }>(query: T, actor: AccessSubject): T {
  if (isCoordinationUnit(actor)) return query;
  return query.where((eb: any) =>
    eb.or([eb('cycle_reports.lead_organisation_id', '=', actor.organisationId), eb(sql`${actor.organisationId}::uuid`, '=', eb.fn.any('cycle_reports.partner_organisation_ids'))]),
  );
}

/** The cycles an actor takes part in (all of them for the coordination unit), newest first. */
export async function listCycles(db: Kysely<Database>, actor: AccessSubject): Promise<CycleInList[]> {
  let reports = db
    .selectFrom('cycle_reports')
    .select(['cycle_reports.cycle_id', (eb) => eb.fn.countAll<number>().as('reports')])
    .groupBy('cycle_reports.cycle_id');
  reports = visibleTo(reports, actor);
  const counts = new Map((await reports.execute()).map((row) => [row.cycle_id, Number(row.reports)]));
  const cycles = await db.selectFrom('reporting_cycles').selectAll().orderBy('opens_on', 'desc').orderBy('created_at', 'desc').execute();
  return cycles.filter((cycle) => isCoordinationUnit(actor) || counts.has(cycle.id)).map((cycle) => ({ ...presentCycle(cycle), reports: counts.get(cycle.id) ?? 0 }));
}

/**
 * A cycle with its completeness per lead organisation and the late ones (after the due date,
 * not everything submitted). Focal points and partners see their own organisation's line only.
 */
export async function cycleDashboard(db: Kysely<Database>, clock: Clock, actor: AccessSubject, cycleId: string, ip?: string): Promise<CycleDashboard> {
  const cycle = await requireCycle(db, cycleId);
  const reports = await db.selectFrom('cycle_reports').select(['lead_organisation_id', 'partner_organisation_ids', 'state']).where('cycle_id', '=', cycleId).execute();
  const organisationIds = [...new Set(reports.flatMap((report) => [report.lead_organisation_id, ...report.partner_organisation_ids]).filter((id): id is string => id !== null))];
  await authorize({ db, ip }, actor, cycleViewPolicy, 'view', { id: cycleId, facts: { organisationIds } });
  const shown = isCoordinationUnit(actor) ? reports : reports.filter((report) => report.lead_organisation_id === actor.organisationId);
  const lines = completeness(
    shown.map((report) => ({ leadOrganisationId: report.lead_organisation_id, state: report.state })),
    cycle.due_on,
    clock.today(),
  );
  const codes = new Map(
    lines.length === 0
      ? []
      : (
          await db
            .selectFrom('organisations')
            .select(['id', 'code'])
            .where(
              'id',
              'in',
              lines.map((line) => line.organisationId).filter((id): id is string => id !== null),
            )
            .execute()
        ).map((row) => [row.id, row.code]),
  );
  const byOrganisation = lines
    .map((line) => ({ ...line, organisationCode: line.organisationId ? (codes.get(line.organisationId) ?? null) : null }))
    .sort((a, b) => (a.organisationCode ?? '').localeCompare(b.organisationCode ?? ''));
  const consolidated = await db
    .selectFrom('cycle_consolidated_documents')
    .innerJoin('documents', 'documents.id', 'cycle_consolidated_documents.document_id')
    .select(['documents.id', 'documents.title', 'cycle_consolidated_documents.commission_id'])
    .where('cycle_consolidated_documents.cycle_id', '=', cycleId)
    .orderBy('documents.title')
    .execute();
  return {
    cycle: presentCycle(cycle),
    today: clock.today(),
    // Listed for everyone who sees the cycle; opening one is the document's own access rule.
    consolidatedDocuments: consolidated.map((row) => ({ id: row.id, title: row.title, commissionId: row.commission_id })),
    completeness: byOrganisation,
    lateOrganisations: byOrganisation.filter((line) => line.late).map((line) => ({ organisationId: line.organisationId, organisationCode: line.organisationCode })),
  };
}
