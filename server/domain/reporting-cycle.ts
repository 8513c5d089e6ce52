import type { Selectable } from 'kysely';
import type { CycleStatus, MeasuresTable, ReportState } from '../../db/schema.ts';
import type { CompletenessLine } from '../../shared/api/cycles.ts';

/**
 * The rules of a follow-up cycle (issue 19), apart from any I/O: which way a report may move, what
 * values it may hold, and when reminders go out. Who may do what is server/policies/reporting.ts.
 */

/**
 * A measure's report in a cycle, as the cycle opens: the measure's title, organisations and
 * indicator are copied, so that the report keeps saying what was asked even if the plan changes.
 */
export function openingReport(cycleId: string, measure: Selectable<MeasuresTable>) {
  return {
    cycle_id: cycleId,
    document_id: measure.document_id,
    measure_id: measure.id,
    measure_title: measure.title,
    lead_organisation_id: measure.lead_organisation_id,
    partner_organisation_ids: measure.partner_organisation_ids,
    indicator_baseline: measure.indicator_baseline,
    indicator_target: measure.indicator_target,
    indicator_unit: measure.indicator_unit,
  };
}

/** What a cycle covers, as it was asked for: the period, the commission, the kinds and the listed plans. */
export interface CycleScope {
  period: string;
  commissionId: string | null;
  documentKinds: readonly string[];
  documentIds: readonly string[];
}

/** The same cycle asked for twice (a double click, a retry): same period and same scope, whatever the order of the lists. */
export function sameCycleScope(a: CycleScope, b: CycleScope): boolean {
  const sameSet = (x: readonly string[], y: readonly string[]) => new Set(x).size === new Set(y).size && x.every((value) => y.includes(value));
  return a.period === b.period && a.commissionId === b.commissionId && sameSet(a.documentKinds, b.documentKinds) && sameSet(a.documentIds, b.documentIds);
}

export type ReportAction = 'save' | 'submit' | 'return' | 'accept';

/**
 * draft → submitted → returned → draft / submitted, and submitted → accepted. Saving a returned
 * report brings it back to draft; a submitted or accepted report is frozen until the coordination
 * unit returns it. Nothing moves on a closed cycle.
 */
const TRANSITIONS: Record<ReportAction, { from: readonly ReportState[]; to: ReportState }> = {
  save: { from: ['not_started', 'draft', 'returned'], to: 'draft' },
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  return: { from: ['submitted'], to: 'returned' },
  accept: { from: ['submitted'], to: 'accepted' },
};

export type TransitionVerdict = { allowed: true; to: ReportState } | { allowed: false; code: 'cycle_closed' | 'invalid_transition'; message: string };

export const CYCLE_CLOSED_MESSAGE = 'This cycle is closed: its reports can no longer change.';

export function reportTransition(cycle: CycleStatus, from: ReportState, action: ReportAction): TransitionVerdict {
  if (cycle === 'closed') return { allowed: false, code: 'cycle_closed', message: CYCLE_CLOSED_MESSAGE };
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(from)) return { allowed: false, code: 'invalid_transition', message: `A ${from.replace('_', ' ')} report cannot be ${ACTION_PAST[action]}.` };
  return { allowed: true, to: rule.to };
}

const ACTION_PAST: Record<ReportAction, string> = { save: 'saved', submit: 'submitted', return: 'returned', accept: 'accepted' };

/** What a report must hold before it is submitted: the fields applied to the measure. */
export function missingForSubmission(values: { status: string | null; progress: number | null }): string[] {
  return [values.status === null ? 'status' : null, values.progress === null ? 'progress' : null].filter((field): field is string => field !== null);
}

// ---- reminders ---------------------------------------------------------------------------------

const DAY_MS = 86_400_000;

/** `day` (YYYY-MM-DD) moved by `days`, in calendar days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The days reminders go out: one per offset from the due date, in order, never before opening. */
export function reminderSchedule(cycle: { opensOn: string; dueOn: string; reminderDays: readonly number[] }): Array<{ offset: number; day: string }> {
  return [...new Set(cycle.reminderDays)]
    .sort((a, b) => a - b)
    .map((offset) => ({ offset, day: addDays(cycle.dueOn, offset) }))
    .filter((entry) => entry.day >= cycle.opensOn);
}

/**
 * The reminders to send `today` (from the injected clock): those whose day has come and that have
 * not gone out yet; a missed day (server down) is caught up once, not once per missed day.
 */
export function remindersDue(
  cycle: { status: CycleStatus; opensOn: string; dueOn: string; reminderDays: readonly number[] },
  today: string,
  sentOffsets: readonly number[],
): number[] {
  if (cycle.status === 'closed') return [];
  const due = reminderSchedule(cycle).filter((entry) => entry.day <= today && !sentOffsets.includes(entry.offset));
  // Only the latest one that has come: three missed reminders are one message, not three.
  return due.length === 0 ? [] : [due.at(-1)!.offset];
}

/** Late: the due date has passed and the report is still not submitted (returned counts as late). */
export function isLate(dueOn: string, today: string, state: ReportState): boolean {
  return today > dueOn && (state === 'not_started' || state === 'draft' || state === 'returned');
}

// ---- completeness ------------------------------------------------------------------------------

/** A line of the cycle's dashboard before its organisation's code is looked up (shared/api/cycles.ts). */
export type OrganisationCompleteness = Omit<CompletenessLine, 'organisationCode'>;

/** Completeness per lead organisation, from the reports' states. */
export function completeness(reports: ReadonlyArray<{ leadOrganisationId: string | null; state: ReportState }>, dueOn: string, today: string): OrganisationCompleteness[] {
  const byOrganisation = new Map<string | null, OrganisationCompleteness>();
  for (const report of reports) {
    let entry = byOrganisation.get(report.leadOrganisationId);
    if (!entry) {
      entry = { organisationId: report.leadOrganisationId, total: 0, notStarted: 0, draft: 0, submitted: 0, accepted: 0, returned: 0, standing: 'not_started', late: false };
      byOrganisation.set(report.leadOrganisationId, entry);
    }
    entry.total += 1;
    if (report.state === 'not_started') entry.notStarted += 1;
    else if (report.state === 'draft') entry.draft += 1;
    else if (report.state === 'submitted') entry.submitted += 1;
    else if (report.state === 'accepted') entry.accepted += 1;
    else entry.returned += 1;
    if (isLate(dueOn, today, report.state)) entry.late = true;
  }
  for (const entry of byOrganisation.values()) {
    entry.standing = entry.submitted + entry.accepted === entry.total ? 'submitted' : entry.notStarted === entry.total ? 'not_started' : 'draft';
  }
  return [...byOrganisation.values()];
}
