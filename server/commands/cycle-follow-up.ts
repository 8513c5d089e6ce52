import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { DomainEvent } from '../events/bus.ts';
import { recordEvents } from '../events/outbox.ts';
import { authorize } from '../policies/authorize.ts';
import type { AccessSubject } from '../policies/document-access.ts';
import { cyclePolicy } from '../policies/reporting.ts';
import { presentReportValues } from '../presenters/cycle.ts';
import { recordAudit } from './audit.ts';
import { requireCycle, visibleTo } from './cycles.ts';
import type { HistoryPeriod } from '../../shared/api/cycles.ts';

/** Follow-up cycles beyond the reports themselves: reminders sent by hand, a measure's history, my pending reports. */

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * The coordination unit reminds the organisations still owing reports (all of them, or the listed
 * ones): the same `cycle.reminder_due` event as the automatic reminders, so the app and Slack
 * deliver it the same way.
 */
export async function sendReminders(
  db: Kysely<Database>,
  clock: Clock,
  actor: AccessSubject,
  cycleId: string,
  organisationIds: readonly string[] | undefined,
  ip?: string,
): Promise<{ result: { organisationIds: string[] }; events: DomainEvent[] }> {
  await authorize({ db, ip }, actor, cyclePolicy, 'review', { id: cycleId, facts: {} });
  const cycle = await requireCycle(db, cycleId);
  if (cycle.status === 'closed') throw new AppError(409, 'cycle_closed', 'This cycle is closed: there is nobody to remind.');
  let query = db
    .selectFrom('cycle_reports')
    .select('lead_organisation_id')
    .distinct()
    .where('cycle_id', '=', cycleId)
    .where('state', 'in', ['not_started', 'draft', 'returned'])
    .where('lead_organisation_id', 'is not', null);
  if (organisationIds?.length) query = query.where('lead_organisation_id', 'in', organisationIds);
  const pending = (await query.orderBy('lead_organisation_id').execute()).map((row) => row.lead_organisation_id!);
  const events: DomainEvent[] =
    pending.length === 0
      ? []
      : [
          {
            type: 'cycle.reminder_due',
            cycleId,
            period: cycle.period,
            dueOn: cycle.due_on,
            offsetDays: daysBetween(cycle.due_on, clock.today()),
            organisationIds: pending,
            manual: true,
            actorUserId: actor.userId,
          },
        ];
  // The audit entry and the reminder's announcement commit together (events/outbox.ts), with the
  // cycle held open meanwhile: a close waits for the reminder, and a reminder after it is refused.
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('reporting_cycles').select('status').where('id', '=', cycleId).forShare().executeTakeFirstOrThrow();
    if (current.status === 'closed') throw new AppError(409, 'cycle_closed', 'This cycle is closed: there is nobody to remind.');
    await recordAudit(trx, { actorUserId: actor.userId, action: 'cycle.reminded', objectType: 'reporting_cycle', objectId: cycleId, details: { organisationIds: pending }, ip });
    await recordEvents(trx, events);
  });
  return { result: { organisationIds: pending }, events };
}

/**
 * A measure's reports period by period, oldest first, for those who may read them (its lead and
 * partners, the coordination unit): the history chart and each period's narrative.
 */
export async function measureHistory(db: Kysely<Database>, actor: AccessSubject, documentId: string, measureId: string): Promise<HistoryPeriod[]> {
  const rows = await visibleTo(
    db
      .selectFrom('cycle_reports')
      .innerJoin('reporting_cycles', 'reporting_cycles.id', 'cycle_reports.cycle_id')
      .select([
        'cycle_reports.id',
        'cycle_reports.cycle_id',
        'reporting_cycles.period',
        'reporting_cycles.opens_on',
        'reporting_cycles.due_on',
        'reporting_cycles.status as cycle_status',
        'cycle_reports.measure_title',
        'cycle_reports.state',
        'cycle_reports.measure_status',
        'cycle_reports.progress',
        'cycle_reports.indicator_current',
        'cycle_reports.indicator_baseline',
        'cycle_reports.indicator_target',
        'cycle_reports.indicator_unit',
        'cycle_reports.narrative',
        'cycle_reports.blockers',
        'cycle_reports.support_requested',
        'cycle_reports.submitted_at',
      ])
      .where('cycle_reports.document_id', '=', documentId)
      .where('cycle_reports.measure_id', '=', measureId),
    actor,
  )
    .orderBy('reporting_cycles.due_on')
    .execute();
  return rows.map((row) => ({
    reportId: row.id,
    cycleId: row.cycle_id,
    period: row.period,
    opensOn: row.opens_on,
    dueOn: row.due_on,
    cycleStatus: row.cycle_status,
    measureTitle: row.measure_title,
    state: row.state,
    // A report never submitted says nothing of the period: its values are a draft, not the record.
    reported: row.state === 'submitted' || row.state === 'accepted',
    values: presentReportValues(row),
    indicator: { baseline: row.indicator_baseline, target: row.indicator_target, unit: row.indicator_unit },
    submittedAt: row.submitted_at ? row.submitted_at.toISOString() : null,
  }));
}

/** The reports a focal point's organisation still owes in open cycles (the Slack `/tansiq report` list). */
export async function pendingReportsFor(db: Kysely<Database>, actor: AccessSubject) {
  return db
    .selectFrom('cycle_reports')
    .innerJoin('reporting_cycles', 'reporting_cycles.id', 'cycle_reports.cycle_id')
    .innerJoin('documents', 'documents.id', 'cycle_reports.document_id')
    .select([
      'cycle_reports.id',
      'cycle_reports.cycle_id',
      'reporting_cycles.period',
      'reporting_cycles.due_on',
      'cycle_reports.measure_title',
      'documents.title as document_title',
      'cycle_reports.state',
    ])
    .where('reporting_cycles.status', '=', 'open')
    .where('cycle_reports.lead_organisation_id', '=', actor.organisationId)
    .where('cycle_reports.state', 'in', ['not_started', 'draft', 'returned'])
    .orderBy('reporting_cycles.due_on')
    .orderBy('documents.title')
    .orderBy('cycle_reports.measure_title')
    .execute();
}
