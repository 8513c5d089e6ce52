import { z } from 'zod';
import { DOCUMENT_KINDS } from '../../shared/enums.ts';
import { REPORT_LIMITS, reportValuesSchema } from '../domain/reporting-cycle.ts';
import { locale, text, uuid } from './common.ts';

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'must be a real date');

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
