import { sql, type Kysely } from 'kysely';
import type { Database, ReportState } from '../../db/schema.ts';
import { updateMeasure, type MeasureFields } from '../../shared/measure-model.ts';
import type { Clock } from '../clock.ts';
import type { CollabHub } from '../collab/hub.ts';
import { CYCLE_CLOSED_MESSAGE, missingForSubmission, reportTransition, type ReportAction } from '../domain/reporting-cycle.ts';
import { AppError, notFound } from '../errors.ts';
import type { DomainEvent } from '../events/bus.ts';
import { recordEvents } from '../events/outbox.ts';
import { authorize } from '../policies/authorize.ts';
import type { AccessSubject } from '../policies/document-access.ts';
import { cycleViewPolicy, reportPolicy, type ReportPolicyAction } from '../policies/reporting.ts';
import { presentReport, type PresentedReport, type ReportRow } from '../presenters/cycle.ts';
import type { ReviewInput, SaveReportInput } from '../../shared/api/schemas/cycles.ts';
import { recordAudit, type AuditAction } from './audit.ts';
import { requireCycle, visibleTo } from './cycles.ts';

/**
 * A measure's report in a follow-up cycle: read, drafted and submitted by the lead organisation's
 * focal points, returned or accepted by the coordination unit. Every write names the version it
 * read; a stale one is refused with the current report (409 stale_report), never overwritten.
 */

export interface ReportChange {
  result: PresentedReport & { measureApplied?: boolean };
  events: DomainEvent[];
}

const reportQuery = (db: Kysely<Database>) =>
  db.selectFrom('cycle_reports').innerJoin('documents', 'documents.id', 'cycle_reports.document_id').selectAll('cycle_reports').select('documents.title as document_title');

async function findReport(db: Kysely<Database>, cycleId: string, reportId: string): Promise<ReportRow | undefined> {
  return reportQuery(db).where('cycle_reports.id', '=', reportId).where('cycle_reports.cycle_id', '=', cycleId).executeTakeFirst();
}

/** Loads a report and its cycle, and lets `action` through the policy (404 for those who may not see it). */
async function guardedReport(db: Kysely<Database>, actor: AccessSubject, cycleId: string, reportId: string, action: ReportPolicyAction, ip?: string) {
  const cycle = await requireCycle(db, cycleId);
  const report = await findReport(db, cycleId, reportId);
  if (!report) throw notFound('Report');
  await authorize({ db, ip }, actor, reportPolicy, action, {
    id: reportId,
    facts: { leadOrganisationId: report.lead_organisation_id, partnerOrganisationIds: report.partner_organisation_ids },
  });
  return { cycle, report };
}

export async function readReport(db: Kysely<Database>, clock: Clock, actor: AccessSubject, cycleId: string, reportId: string, ip?: string): Promise<PresentedReport> {
  const { cycle, report } = await guardedReport(db, actor, cycleId, reportId, 'view', ip);
  return presentReport(report, cycle.due_on, clock.today());
}

/** The reports of a cycle the actor may read, optionally of one lead organisation. */
export async function listReports(
  db: Kysely<Database>,
  clock: Clock,
  actor: AccessSubject,
  cycleId: string,
  organisationId: string | undefined,
  ip?: string,
): Promise<PresentedReport[]> {
  const cycle = await requireCycle(db, cycleId);
  let query = visibleTo(reportQuery(db).where('cycle_reports.cycle_id', '=', cycleId), actor);
  if (organisationId) query = query.where('cycle_reports.lead_organisation_id', '=', organisationId);
  const rows = await query.orderBy('documents.title').orderBy('cycle_reports.measure_title').orderBy('cycle_reports.id').execute();
  if (rows.length === 0 && !(await visibleTo(db.selectFrom('cycle_reports').select('id').where('cycle_id', '=', cycleId), actor).executeTakeFirst())) {
    // Not a cycle they take part in: say so the way the dashboard does.
    await authorize({ db, ip }, actor, cycleViewPolicy, 'view', { id: cycleId, facts: { organisationIds: [] } });
  }
  return rows.map((row) => presentReport(row, cycle.due_on, clock.today()));
}

function assertTransition(cycleStatus: 'open' | 'closed', from: ReportState, action: ReportAction): ReportState {
  const verdict = reportTransition(cycleStatus, from, action);
  if (!verdict.allowed) throw new AppError(409, verdict.code, verdict.message);
  return verdict.to;
}

const stale = (current: PresentedReport) =>
  new AppError(409, 'stale_report', 'Someone changed this report since you read it: here it is as it now stands; apply your change to it.', { report: current });

/**
 * Writes a report if it is still at `version` (and still in a state `action` starts from), in one
 * statement: of two concurrent writers naming the same version, exactly one wins. The cycle's row
 * is held (shared) meanwhile: a close waits for the writes under way, which its consolidated
 * report then counts, and a write after the close finds the cycle closed.
 */
async function writeReport(
  db: Kysely<Database>,
  clock: Clock,
  context: { cycle: { due_on: string }; report: ReportRow },
  version: number,
  fromStates: readonly ReportState[],
  changes: Record<string, unknown>,
  audit: { actor: AccessSubject; action: AuditAction; details?: Record<string, unknown>; ip?: string },
): Promise<ReportRow> {
  const { report } = context;
  const written = await db.transaction().execute(async (trx) => {
    const cycle = await trx.selectFrom('reporting_cycles').select('status').where('id', '=', report.cycle_id).forShare().executeTakeFirstOrThrow();
    if (cycle.status !== 'open') throw new AppError(409, 'cycle_closed', CYCLE_CLOSED_MESSAGE);
    const row = await trx
      .updateTable('cycle_reports')
      .set({ ...changes, version: sql<number>`version + 1`, updated_at: new Date() })
      .where('id', '=', report.id)
      .where('version', '=', version)
      .where('state', 'in', fromStates)
      .returningAll()
      .executeTakeFirst();
    if (!row) return false;
    // The report's change and its announcement commit together (events/outbox.ts).
    await recordEvents(trx, [changed(row, audit.actor)]);
    await recordAudit(trx, {
      actorUserId: audit.actor.userId,
      action: audit.action,
      objectType: 'cycle_report',
      objectId: report.id,
      details: { cycleId: report.cycle_id, documentId: report.document_id, measureId: report.measure_id, ...audit.details },
      ip: audit.ip,
    });
    return true;
  });
  const current = (await findReport(db, report.cycle_id, report.id))!;
  if (!written) throw stale(presentReport(current, context.cycle.due_on, clock.today()));
  return current;
}

const changed = (row: Pick<ReportRow, 'cycle_id' | 'id' | 'document_id' | 'measure_id' | 'lead_organisation_id' | 'state'>, actor: AccessSubject): DomainEvent => ({
  type: 'cycle_report.changed',
  cycleId: row.cycle_id,
  reportId: row.id,
  documentId: row.document_id,
  measureId: row.measure_id,
  leadOrganisationId: row.lead_organisation_id,
  state: row.state,
  actorUserId: actor.userId,
});

/** Saves a focal point's draft: only the fields sent change. */
export async function saveReport(
  db: Kysely<Database>,
  clock: Clock,
  actor: AccessSubject,
  cycleId: string,
  reportId: string,
  input: SaveReportInput,
  ip?: string,
): Promise<ReportChange> {
  const context = await guardedReport(db, actor, cycleId, reportId, 'write', ip);
  const to = assertTransition(context.cycle.status, context.report.state, 'save');
  const { values } = input;
  const changes: Record<string, unknown> = { state: to };
  if (values.status !== undefined) changes.measure_status = values.status;
  if (values.progress !== undefined) changes.progress = values.progress;
  if (values.indicatorCurrent !== undefined) changes.indicator_current = values.indicatorCurrent;
  if (values.narrative !== undefined) changes.narrative = values.narrative;
  if (values.blockers !== undefined) changes.blockers = values.blockers;
  if (values.supportRequested !== undefined) changes.support_requested = values.supportRequested;
  const row = await writeReport(db, clock, context, input.version, ['not_started', 'draft', 'returned'], changes, {
    actor,
    action: 'cycle_report.saved',
    details: { fields: Object.keys(values) },
    ip,
  });
  return { result: presentReport(row, context.cycle.due_on, clock.today()), events: [changed(row, actor)] };
}

/**
 * Submits a report, then applies its status, progress and indicator value to the measure in the
 * plan's Y.Doc as one server change that co-editors receive live. The report keeps the values as
 * of the period whatever the measure becomes. If the document cannot take the change, the
 * submission is undone, so a submitted report always means the plan was told.
 */
export async function submitReport(
  db: Kysely<Database>,
  hub: Pick<CollabHub, 'applyServerChange'>,
  clock: Clock,
  actor: AccessSubject,
  cycleId: string,
  reportId: string,
  input: { version: number },
  ip?: string,
): Promise<ReportChange> {
  const context = await guardedReport(db, actor, cycleId, reportId, 'write', ip);
  const from = context.report.state;
  const to = assertTransition(context.cycle.status, from, 'submit');
  const missing = missingForSubmission({ status: context.report.measure_status, progress: context.report.progress });
  if (missing.length > 0) {
    throw new AppError(
      422,
      'incomplete_report',
      `Fill in ${missing.join(' and ')} before submitting.`,
      missing.map((field) => ({ path: `values.${field}`, message: 'is required to submit' })),
    );
  }
  const row = await writeReport(
    db,
    clock,
    context,
    input.version,
    ['draft', 'returned'],
    { state: to, submitted_by: actor.userId, submitted_at: new Date() },
    { actor, action: 'cycle_report.submitted', ip },
  );
  const patch: Partial<MeasureFields> = { status: row.measure_status!, progress: row.progress! };
  if (row.indicator_current !== null) patch.indicatorCurrent = row.indicator_current;
  let measureApplied: boolean;
  try {
    measureApplied = await hub.applyServerChange(row.document_id, (doc) => updateMeasure(doc, row.measure_id, patch), actor.userId);
  } catch (error) {
    await db
      .updateTable('cycle_reports')
      .set({ state: from, submitted_by: context.report.submitted_by, submitted_at: context.report.submitted_at, version: sql<number>`version + 1`, updated_at: new Date() })
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .execute();
    throw new AppError(503, 'plan_unavailable', 'The plan could not take the report’s values just now; the report is back to draft. Try again.', {
      cause: (error as Error).message,
    });
  }
  return { result: { ...presentReport(row, context.cycle.due_on, clock.today()), measureApplied }, events: [changed(row, actor)] };
}

/** The coordination unit returns a submitted report with a comment, or accepts it. */
export async function reviewReport(
  db: Kysely<Database>,
  clock: Clock,
  actor: AccessSubject,
  cycleId: string,
  reportId: string,
  decision: 'return' | 'accept',
  input: ReviewInput,
  ip?: string,
): Promise<ReportChange> {
  const context = await guardedReport(db, actor, cycleId, reportId, 'review', ip);
  const to = assertTransition(context.cycle.status, context.report.state, decision);
  const row = await writeReport(
    db,
    clock,
    context,
    input.version,
    ['submitted'],
    { state: to, reviewed_by: actor.userId, reviewed_at: new Date(), review_comment: input.comment ?? null },
    { actor, action: decision === 'return' ? 'cycle_report.returned' : 'cycle_report.accepted', ip },
  );
  return { result: presentReport(row, context.cycle.due_on, clock.today()), events: [changed(row, actor)] };
}
