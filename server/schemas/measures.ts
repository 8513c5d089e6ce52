import { z } from 'zod';
import { isCalendarDate, MEASURE_TEXT_LIMITS } from '../../shared/measure-model.ts';
import { text, uuid, withoutControlCharacters } from './common.ts';

/** A new measure of an action plan, as a person writes it (the table's other fields take their defaults). */
export const newMeasureSchema = z.strictObject({
  title: text(MEASURE_TEXT_LIMITS.title),
  notes: z.string().trim().max(MEASURE_TEXT_LIMITS.notes, `must be at most ${MEASURE_TEXT_LIMITS.notes} characters`).refine(withoutControlCharacters, 'must not contain control characters').default(''),
  /** null: the plan's lead organisation leads it */
  leadOrganisationId: uuid.nullable().default(null),
  due: z.string().refine(isCalendarDate, 'must be a date (YYYY-MM-DD)').nullable().default(null),
});

export type NewMeasureInput = z.infer<typeof newMeasureSchema>;
