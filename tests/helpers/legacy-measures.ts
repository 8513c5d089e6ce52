import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { completeMeasure, measuresOf, type IndicatorDetailField, type MeasureFields } from '../../shared/doc-schema.ts';
import { demoMeasureFields } from '../../server/demo/content.ts';
import { SOCIAL_ACTION_PLANS } from '../../server/demo/documents/action-plans-social.ts';

/** A stand-in uuid per organisation code (the demo resolves codes against the database). */
const organisationUuid = (code: string) => {
  const hex = createHash('sha256').update(code).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/** The demo's education plan measures, as rows of the first model held them. */
export const DEMO_LEGACY_MEASURES: Array<Omit<MeasureFields, 'notes' | 'currency' | IndicatorDetailField>> = SOCIAL_ACTION_PLANS[0]!.measures!.map((measure, index) =>
  demoMeasureFields(measure, `legacy-${index}`, organisationUuid),
);

/** A row as the first model wrote it: every field a plain value, text cells strings. */
function legacyRow(fields: Omit<MeasureFields, 'notes' | 'currency' | IndicatorDetailField>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  const {
    notes: _notes,
    currency: _currency,
    indicatorBaseline: _b,
    indicatorTarget: _t,
    indicatorCurrent: _c,
    indicatorUnit: _u,
    ...complete
  } = completeMeasure({ ...fields, notes: '', currency: 'MAD' });
  for (const [key, value] of Object.entries(complete)) map.set(key, value);
  return map;
}

/**
 * A document in the first model, made the way its client made it: rows pushed in order, then
 * the last one moved to the top and back by delete-and-reinsert, so the history holds moves too.
 */
export function legacyMeasuresDoc(): Y.Doc {
  const doc = new Y.Doc();
  const measures = measuresOf(doc);
  doc.transact(() => measures.push(DEMO_LEGACY_MEASURES.map(legacyRow)));
  const last = DEMO_LEGACY_MEASURES.at(-1)!;
  doc.transact(() => {
    measures.delete(measures.length - 1, 1);
    measures.insert(0, [legacyRow(last)]);
  });
  doc.transact(() => {
    measures.delete(0, 1);
    measures.push([legacyRow(last)]);
  });
  return doc;
}
