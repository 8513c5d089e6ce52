import type { DocumentStatus } from './enums.ts';

/**
 * Document workflow rules, pure. `lead` is an editor from the document's lead organisation,
 * `secretariat` the coordination unit (admins).
 *
 *   draft → in_review → submitted → adopted → in_implementation → closed
 *   in_review | submitted → returned (with a reason) → draft | in_review
 */

export type WorkflowRole = 'lead' | 'secretariat';

interface TransitionRule {
  from: DocumentStatus;
  to: DocumentStatus;
  by: readonly WorkflowRole[];
  needsReason?: boolean;
}

export const TRANSITIONS: readonly TransitionRule[] = [
  { from: 'draft', to: 'in_review', by: ['lead', 'secretariat'] },
  { from: 'in_review', to: 'draft', by: ['lead', 'secretariat'] },
  { from: 'in_review', to: 'submitted', by: ['secretariat'] },
  { from: 'in_review', to: 'returned', by: ['secretariat'], needsReason: true },
  { from: 'submitted', to: 'adopted', by: ['secretariat'] },
  { from: 'submitted', to: 'returned', by: ['secretariat'], needsReason: true },
  { from: 'returned', to: 'draft', by: ['lead', 'secretariat'] },
  { from: 'returned', to: 'in_review', by: ['lead', 'secretariat'] },
  { from: 'adopted', to: 'in_implementation', by: ['lead', 'secretariat'] },
  { from: 'in_implementation', to: 'closed', by: ['secretariat'] },
];

export type TransitionDecision = { ok: true; needsReason: boolean } | { ok: false; reason: 'not_a_transition' | 'not_allowed' | 'reason_required' };

export function decideTransition(from: DocumentStatus, to: DocumentStatus, roles: readonly WorkflowRole[], reason?: string): TransitionDecision {
  const rule = TRANSITIONS.find((candidate) => candidate.from === from && candidate.to === to);
  if (!rule) return { ok: false, reason: 'not_a_transition' };
  if (!rule.by.some((role) => roles.includes(role))) return { ok: false, reason: 'not_allowed' };
  if (rule.needsReason && !reason?.trim()) return { ok: false, reason: 'reason_required' };
  return { ok: true, needsReason: Boolean(rule.needsReason) };
}

/** The statuses a person holding `roles` may move a document to from `from`. */
export function availableTransitions(from: DocumentStatus, roles: readonly WorkflowRole[]): DocumentStatus[] {
  return TRANSITIONS.filter((rule) => rule.from === from && rule.by.some((role) => roles.includes(role))).map((rule) => rule.to);
}

/**
 * Reopening: the coordination unit takes back an adopted or closed document, with a reason, when
 * a decision has to be revisited. An adopted text goes back to review (it will be submitted and
 * adopted again); a closed plan goes back to implementation. Outside the ordinary transitions so
 * that the lead's buttons never offer it.
 */
const REOPEN_TARGETS: Partial<Record<DocumentStatus, DocumentStatus>> = {
  adopted: 'in_review',
  closed: 'in_implementation',
};

export const reopenTarget = (from: DocumentStatus): DocumentStatus | null => REOPEN_TARGETS[from] ?? null;

export type ReopenDecision = { ok: true; to: DocumentStatus } | { ok: false; reason: 'not_reopenable' | 'reason_required' };

export function decideReopen(from: DocumentStatus, reason: string | undefined): ReopenDecision {
  const to = reopenTarget(from);
  if (!to) return { ok: false, reason: 'not_reopenable' };
  if (!reason?.trim()) return { ok: false, reason: 'reason_required' };
  return { ok: true, to };
}
