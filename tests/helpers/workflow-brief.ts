import type { DocumentStatus } from '../../db/schema.ts';
import type { WorkflowRole } from '../../shared/workflow.ts';

export const STATUSES: DocumentStatus[] = ['draft', 'in_review', 'submitted', 'adopted', 'in_implementation', 'closed', 'returned'];

/**
 * The workflow as the design brief states it, written out here rather than read from the code
 * under test: who may move a document from one status to another (`from>to`), and whether a
 * reason is required. A pair that is not listed is no transition at all.
 */
export const BRIEF_TRANSITIONS: Record<string, { by: WorkflowRole[]; reason?: true }> = {
  'draft>in_review': { by: ['lead', 'secretariat'] },
  'in_review>draft': { by: ['lead', 'secretariat'] },
  'in_review>submitted': { by: ['secretariat'] },
  'in_review>returned': { by: ['secretariat'], reason: true },
  'submitted>adopted': { by: ['secretariat'] },
  'submitted>returned': { by: ['secretariat'], reason: true },
  'returned>draft': { by: ['lead', 'secretariat'] },
  'returned>in_review': { by: ['lead', 'secretariat'] },
  'adopted>in_implementation': { by: ['lead', 'secretariat'] },
  'in_implementation>closed': { by: ['secretariat'] },
};

/** Every (from, to) pair of statuses, those that are no transition included. */
export const STATUS_PAIRS = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to] as const));
