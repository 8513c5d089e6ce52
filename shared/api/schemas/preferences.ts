import { z } from 'zod';
import { COLUMN_ID, COLUMN_WIDTH, MAX_REMEMBERED_COLUMNS, PREFERENCE_KEYS, type PreferenceKey } from '../../user-preferences.ts';
import { uuid } from './common.ts';

export const preferenceParams = z.object({
  /** `me`, or the person's own id */
  userId: z.union([z.literal('me'), uuid]),
  key: z.enum(PREFERENCE_KEYS, { message: `must be one of ${PREFERENCE_KEYS.join(', ')}` }),
});

const columnChoice = z.strictObject({
  width: z.number().int('must be a whole number of pixels').min(COLUMN_WIDTH.min).max(COLUMN_WIDTH.max).optional(),
  hidden: z.boolean().optional(),
});

const measuresGrid = z.strictObject({
  columns: z
    .record(z.string().regex(COLUMN_ID, 'must be a column id such as "budget"'), columnChoice)
    .refine((columns) => Object.keys(columns).length <= MAX_REMEMBERED_COLUMNS, `at most ${MAX_REMEMBERED_COLUMNS} columns`),
});

/** The value each key accepts; anything else is refused whole (nothing half-stored). */
export const preferenceValueSchemas: Record<PreferenceKey, z.ZodType> = {
  'measures.grid': measuresGrid,
};

export const putPreferenceBody = z.strictObject({ value: z.unknown() });
