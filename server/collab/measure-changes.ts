import type { DomainEvent } from '../events/bus.ts';
import type { ProjectedMeasure } from './projection.ts';

/** What a projection notices about measures, as the events it records (and returns, to publish on the bus). */
export type MeasureChangeEvent = Extract<DomainEvent, { type: 'measure.status_changed' | 'measure.lead_changed' }>;

/**
 * The events a projection records about measures, against what the previous one stored: a status
 * that changed; an organisation that became responsible for a measure (its lead set or changed,
 * or a measure added with a lead to a document that existed before). Pure.
 */
export function measureChangeEvents(
  context: { documentId: string; lastEditorId: string | null },
  previous: ReadonlyMap<string, { status: string; leadOrganisationId: string | null }>,
  existedBefore: boolean,
  measures: readonly ProjectedMeasure[],
): MeasureChangeEvent[] {
  const events: MeasureChangeEvent[] = [];
  const base = { documentId: context.documentId, actorUserId: context.lastEditorId };
  for (const measure of measures) {
    const before = previous.get(measure.id);
    if (before && before.status !== measure.status) {
      events.push({ type: 'measure.status_changed', ...base, measureId: measure.id, title: measure.title, from: before.status, to: measure.status });
    }
    const lead = measure.leadOrganisationId;
    if (lead && (before ? before.leadOrganisationId !== lead : existedBefore)) {
      events.push({ type: 'measure.lead_changed', ...base, measureId: measure.id, title: measure.title, from: before?.leadOrganisationId ?? null, to: lead });
    }
  }
  return events;
}
