import type { Decision, DocumentStatus } from './enums.ts';
import { decideTransition, type WorkflowRole } from './workflow.ts';

/**
 * What a session decision does to its document, pure. The chair confirms the effect before it
 * happens (the decision form shows it in a dialog); these rules say which effect that is.
 *
 *   adopted               → the document is adopted
 *   adopted with changes  → the document is returned to its lead, the decision text as the reason
 *   returned for rework   → the document is returned, the decision text as the reason
 *   postponed             → the document is unchanged; the decision is noted (minutes, item)
 *
 * When the workflow does not allow the move from the document's current status (a draft cannot
 * be adopted by a session), the decision stands alone and the effect says so.
 */

/** How the document came out of a confirmed decision, as stored on the agenda item. */
export type DecisionEffect = 'moved' | 'noted' | 'blocked';

export type DecisionPlan = { effect: 'moved'; to: DocumentStatus; reason: string | null } | { effect: 'noted' } | { effect: 'blocked'; to: DocumentStatus; from: DocumentStatus };

/** The status a decision asks for, and the reason it carries; null when it asks for none. */
export function decisionTarget(decision: Decision, text?: string | null): { to: DocumentStatus; reason: string | null } | null {
  switch (decision) {
    case 'adopted':
      return { to: 'adopted', reason: null };
    case 'adopted_with_changes':
    case 'returned':
      return { to: 'returned', reason: text?.trim() || null };
    case 'postponed':
      return null;
  }
}

/** Decisions whose text is the reason a lead organisation reads: they cannot go without it. */
export const decisionNeedsText = (decision: Decision): boolean => decision === 'adopted_with_changes' || decision === 'returned';

export function planDecisionEffect(decision: Decision, text: string | null | undefined, from: DocumentStatus, roles: readonly WorkflowRole[]): DecisionPlan {
  const target = decisionTarget(decision, text);
  if (!target) return { effect: 'noted' };
  const verdict = decideTransition(from, target.to, roles, target.reason ?? undefined);
  if (!verdict.ok) return { effect: 'blocked', to: target.to, from };
  return { effect: 'moved', to: target.to, reason: target.reason };
}
