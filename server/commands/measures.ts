import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { createMeasure } from '../../shared/measure-model.ts';
import type { CollabHub } from '../collab/hub.ts';
import { AppError, validationFailed } from '../errors.ts';
import type { DomainEvent } from '../events/bus.ts';
import type { AccessSubject } from '../policies/document-access.ts';
import { requireDocument } from '../queries/document-guard.ts';
import type { NewMeasureInput } from '../../shared/api/schemas/measures.ts';

export interface MeasureAdded {
  result: { documentId: string; documentTitle: string; measureId: string; title: string };
  /** none of its own: the projection notices the new measure (and the organisation now leading it) and records that */
  events: DomainEvent[];
}

/**
 * Adds a measure at the end of an action plan's table, as the web grid's "add a row" does: one
 * change to the plan's Y.Doc, made by the server on the actor's behalf, that co-editors receive
 * live and that is stored like theirs. Editors of the plan only.
 */
export async function addMeasureToPlan(
  db: Kysely<Database>,
  hub: Pick<CollabHub, 'applyServerChange'>,
  actor: AccessSubject,
  documentId: string,
  input: NewMeasureInput,
  ip?: string,
): Promise<MeasureAdded> {
  const { row } = await requireDocument(db, actor, documentId, 'edit', ip);
  if (row.kind !== 'action_plan') throw new AppError(422, 'no_measures_table', 'Measures live in action plans; this document is not one.');
  if (input.leadOrganisationId) {
    const organisation = await db.selectFrom('organisations').select('id').where('id', '=', input.leadOrganisationId).executeTakeFirst();
    if (!organisation) throw validationFailed('No such organisation.', [{ path: 'leadOrganisationId', message: 'is not an organisation' }]);
  }
  const measureId = randomUUID();
  await hub.applyServerChange(
    documentId,
    (doc) => createMeasure(doc, { id: measureId, title: input.title, notes: input.notes, leadOrganisationId: input.leadOrganisationId, due: input.due }),
    actor.userId,
  );
  return { result: { documentId, documentTitle: row.title, measureId, title: input.title }, events: [] };
}
