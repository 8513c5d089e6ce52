import { z } from 'zod';
import { AUDIT_ACTIONS } from '../../audit-actions.ts';
import { uuid } from './common.ts';

/**
 * A bound given as a day (YYYY-MM-DD, a UTC day) or an instant with its offset. `from` starts at
 * the beginning of its day, `to` includes its whole day, so from=to=a day means that day.
 */
const day = z.iso.date();
const instant = z.iso.datetime({ offset: true });
const bound = (edge: 'start' | 'end') =>
  z.union([day, instant]).transform((value) => {
    if (!day.safeParse(value).success) return new Date(value);
    const start = new Date(`${value}T00:00:00.000Z`);
    return edge === 'start' ? start : new Date(start.getTime() + 86_400_000);
  });

export const auditQuery = z
  .object({
    actor: uuid.optional(),
    organisation: uuid.optional(),
    document: uuid.optional(),
    action: z.enum(AUDIT_ACTIONS).optional(),
    from: bound('start').optional(),
    /** exclusive upper bound once transformed */
    to: bound('end').optional(),
    /** the id of the last entry of the previous page */
    before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict()
  .refine((query) => !query.from || !query.to || query.from < query.to, { message: 'from must come before to', path: ['to'] });

export type AuditQuery = z.output<typeof auditQuery>;
export type AuditFilter = Pick<AuditQuery, 'actor' | 'organisation' | 'document' | 'action' | 'from' | 'to'>;
/** the filters as the client sends them (days or instants as text) */
export type AuditRequest = z.input<typeof auditQuery>;
