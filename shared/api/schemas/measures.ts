import { z } from 'zod';
import { MEASURE_STATUSES } from '../../measure-model.ts';
import { uuid } from './common.ts';
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
