import type { DocumentStatus } from '../../db/schema.ts';

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

export type TransitionDecision =
  | { ok: true; needsReason: boolean }
  | { ok: false; reason: 'not_a_transition' | 'not_allowed' | 'reason_required' };

export function decideTransition(
  from: DocumentStatus,
  to: DocumentStatus,
  roles: readonly WorkflowRole[],
  reason?: string,
): TransitionDecision {
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
