import { allow, hide, refuse, type Policy } from './policy.ts';
import type { AccessSubject } from './document-access.ts';

/**
 * Follow-up cycles and their reports. The coordination unit (administrators; Tansiq has no
 * separate secretariat role) opens, reviews and closes cycles and reads every report. A focal
 * point (any user of the measure's lead organisation) reads and writes their organisation's
 * reports; the measure's partners read them. Anyone else is told the report does not exist.
 */

export const isCoordinationUnit = (actor: AccessSubject): boolean => actor.role === 'admin';

export type CyclePolicyAction = 'open' | 'close' | 'review';

export const cyclePolicy: Policy<CyclePolicyAction, Record<string, never>> = {
  objectType: 'reporting_cycle',
  label: 'Cycle',
  decide: (actor, action) => (isCoordinationUnit(actor) ? allow : refuse('Only the coordination unit manages follow-up cycles.', { need: action })),
};

export interface CycleViewFacts {
  /** the organisations with a report in the cycle, as lead or partner */
  organisationIds: readonly string[];
}

export const cycleViewPolicy: Policy<'view', CycleViewFacts> = {
  objectType: 'reporting_cycle',
  label: 'Cycle',
  decide: (actor, action, facts) => (isCoordinationUnit(actor) || facts.organisationIds.includes(actor.organisationId) ? allow : hide({ need: action })),
};

export interface ReportFacts {
  leadOrganisationId: string | null;
  partnerOrganisationIds: readonly string[];
}

export type ReportPolicyAction = 'view' | 'write' | 'review';

/** What one person may do with one report. */
export const reportPolicy: Policy<ReportPolicyAction, ReportFacts> = {
  objectType: 'cycle_report',
  label: 'Report',
  decide: (actor, action, facts) => {
    const lead = facts.leadOrganisationId !== null && facts.leadOrganisationId === actor.organisationId;
    const reader = isCoordinationUnit(actor) || lead || facts.partnerOrganisationIds.includes(actor.organisationId);
    if (!reader) return hide({ need: action });
    if (action === 'view') return allow;
    if (action === 'write') {
      if (lead) return allow;
      // A focal point reporting on a measure their organisation does not lead is told it is not
      // there (issue 19), partners included; the coordination unit, who sees it, is told why not.
      return isCoordinationUnit(actor) ? refuse("Only focal points of the measure's lead organisation report on it.", { need: action }) : hide({ need: action });
    }
    return isCoordinationUnit(actor) ? allow : refuse('Only the coordination unit reviews reports.', { need: action });
  },
};
