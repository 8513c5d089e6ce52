import { z } from 'zod';
import { isCalendarDate, MEASURE_STATUSES, MEASURE_TEXT_LIMITS } from '../../measure-model.ts';
import { text, uuid, withoutControlCharacters } from './common.ts';
import { organisationRef } from './organisations.ts';

/** GET /api/measures (and the measures export, with a higher limit) */
export const measuresQuery = z.object({
  /** lead or partner organisation: id or code */
  organisation: organisationRef.optional(),
  document: uuid.optional(),
  status: z.enum(MEASURE_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

/** GET /api/documents/:id/indicator-history */
export const indicatorHistoryQuery = z.object({ measure: z.string().min(1).max(64).optional() });

export type MeasuresRequest = z.input<typeof measuresQuery>;
export type IndicatorHistoryRequest = z.input<typeof indicatorHistoryQuery>;

/** A new measure of an action plan, as a person writes it (the table's other fields take their defaults). */
export const newMeasureSchema = z.strictObject({
  title: text(MEASURE_TEXT_LIMITS.title),
  notes: z
    .string()
    .trim()
    .max(MEASURE_TEXT_LIMITS.notes, `must be at most ${MEASURE_TEXT_LIMITS.notes} characters`)
    .refine(withoutControlCharacters, 'must not contain control characters')
    .default(''),
  /** null: the plan's lead organisation leads it */
  leadOrganisationId: uuid.nullable().default(null),
  due: z.string().refine(isCalendarDate, 'must be a date (YYYY-MM-DD)').nullable().default(null),
});

export type NewMeasureInput = z.infer<typeof newMeasureSchema>;
