import { z } from 'zod';
import { DOCUMENT_KINDS } from '../../enums.ts';
import { MAX_INDICATOR_MAGNITUDE, MEASURE_STATUSES } from '../../measure-model.ts';
import { parseIndicatorInput } from '../../indicator.ts';
import { REPORT_LIMITS } from '../cycles.ts';
import { locale, text, uuid } from './common.ts';

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'must be a real date');

/** Bounded text: trimmed of outer spaces, no control characters but newlines and tabs. */
const boundedText = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value), 'must not contain control characters')
    .transform((value) => value.trim());

/** An indicator value as a number, or as a person types it ("3,5", "1 250"); null or '' clears it. */
const indicatorInput = z.union([z.number(), z.string().max(40), z.null()]).transform((value, context) => {
  if (value === null) return null;
  const parsed =
    typeof value === 'number' ? (Number.isFinite(value) && Math.abs(value) <= MAX_INDICATOR_MAGNITUDE ? value : 'invalid') : parseIndicatorInput(value, MAX_INDICATOR_MAGNITUDE);
  if (parsed === 'invalid') {
    context.addIssue({ code: 'custom', message: 'must be a number' });
    return z.NEVER;
  }
  return parsed;
});

/** The values a focal point reports on a measure; every field optional in a draft. */
export const reportValuesSchema = z
  .object({
    status: z
      .enum(MEASURE_STATUSES, { message: `must be one of ${MEASURE_STATUSES.join(', ')}` })
      .nullable()
      .optional(),
    progress: z.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must be at least 0').max(100, 'must be at most 100').nullable().optional(),
    indicatorCurrent: indicatorInput.optional(),
    narrative: boundedText(REPORT_LIMITS.narrative).optional(),
    blockers: boundedText(REPORT_LIMITS.blockers).optional(),
    supportRequested: boundedText(REPORT_LIMITS.supportRequested).optional(),
  })
  .strict();

/** Opening a cycle: its period, the plans it covers (by commission, kinds and/or a list), its dates. */
export const openCycleSchema = z
  .object({
    period: text(100),
    commissionId: uuid.nullable().optional(),
    documentKinds: z.array(z.enum(DOCUMENT_KINDS)).max(DOCUMENT_KINDS.length).optional(),
    documentIds: z.array(uuid).max(500).optional(),
    opensOn: isoDay,
    dueOn: isoDay,
    /** days from the due date: -3 three days before, 2 two days after */
    reminderDays: z.array(z.number().int().min(-90).max(90)).max(10).optional(),
  })
  .strict()
  .refine((input) => input.dueOn >= input.opensOn, { message: 'must not be before opensOn', path: ['dueOn'] });
export type OpenCycleInput = z.output<typeof openCycleSchema>;

export const cycleParams = z.object({ id: uuid });
/** Closing a cycle: the language of its consolidated reports (fr, ar, en), the closer's by default. */
export const closeCycleSchema = z.strictObject({ language: locale.optional() });
export const reportParams = z.object({ id: uuid, reportId: uuid });

export const listReportsQuery = z.object({ organisation: uuid.optional() }).strict();

const version = z.number({ message: 'must be the version you read' }).int().min(0);

export const saveReportSchema = z.object({ version, values: reportValuesSchema }).strict();
export type SaveReportInput = z.output<typeof saveReportSchema>;

export const submitReportSchema = z.object({ version }).strict();

export const returnReportSchema = z.object({ version, comment: text(REPORT_LIMITS.reviewComment) }).strict();

export const acceptReportSchema = z.object({ version, comment: text(REPORT_LIMITS.reviewComment).optional() }).strict();
export type ReviewInput = { version: number; comment?: string };

export const remindSchema = z.object({ organisationIds: z.array(uuid).max(500).optional() }).strict();

export const historyQuery = z.object({ documentId: uuid, measureId: text(200) }).strict();

export type OpenCycleRequest = z.input<typeof openCycleSchema>;
export type CloseCycleRequest = z.input<typeof closeCycleSchema>;
export type ListReportsRequest = z.input<typeof listReportsQuery>;
/** a draft's changed fields; the indicator may be sent as typed ("3,5") */
export type ReportValuesRequest = z.input<typeof reportValuesSchema>;
export type SaveReportRequest = z.input<typeof saveReportSchema>;
export type SubmitReportRequest = z.input<typeof submitReportSchema>;
export type ReturnReportRequest = z.input<typeof returnReportSchema>;
export type AcceptReportRequest = z.input<typeof acceptReportSchema>;
export type RemindRequest = z.input<typeof remindSchema>;
export type HistoryRequest = z.input<typeof historyQuery>;
