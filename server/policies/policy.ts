import type { AuditObjectType } from '../../shared/audit-actions.ts';
import type { AccessSubject } from './document-access.ts';

/**
 * What a policy answers: allowed, or refused with what the refused person is told. A `hidden`
 * refusal answers "not found": the object's existence is none of their business.
 */
export type Verdict = { allowed: true } | { allowed: false; hidden: boolean; message: string; details: Record<string, unknown> };

export const allow: Verdict = { allowed: true };
export const refuse = (message: string, details: Record<string, unknown> = {}): Verdict => ({ allowed: false, hidden: false, message, details });
export const hide = (details: Record<string, unknown> = {}): Verdict => ({ allowed: false, hidden: true, message: '', details });

/**
 * One entity's rules, in the way of Outline's server/policies: pure, one file per entity, each
 * action decided from the actor and the facts of the object (loaded by the caller).
 */
export interface Policy<A extends string, F> {
  /** the audit log's object type */
  objectType: AuditObjectType;
  /** how "not found" names it */
  label: string;
  decide(actor: AccessSubject, action: A, facts: F): Verdict;
}

export const when = (condition: boolean, otherwise: () => Verdict): Verdict => (condition ? allow : otherwise());
