import { z } from 'zod';
import { MAX_MENTIONS } from '../../mentions.ts';
import { position, text, uuid } from './common.ts';

export const MAX_COMMENT_CHARS = 10_000;

const quote = z
  .string()
  .max(2000, 'must be at most 2000 characters')
  .refine((value) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value), 'must not contain control characters');

export const anchorSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text'), start: position, end: position, quote }),
  z.strictObject({ type: z.literal('measure'), measureId: z.string().min(1).max(64) }),
]);

const mentionsSchema = z.strictObject({
  userIds: z.array(uuid).max(MAX_MENTIONS).default([]),
  organisationIds: z.array(uuid).max(MAX_MENTIONS).default([]),
});

export const createCommentSchema = z
  .strictObject({
    body: text(MAX_COMMENT_CHARS),
    /** the first comment of the thread this replies to; absent for a new thread */
    threadId: uuid.optional(),
    anchor: anchorSchema.optional(),
    sessionId: uuid.optional(),
    agendaItemId: uuid.optional(),
    mentions: mentionsSchema.optional(),
  })
  .refine((value) => !(value.threadId && value.anchor), { message: 'a reply has no anchor of its own: it belongs to its thread', path: ['anchor'] });

export const updateCommentSchema = z.strictObject({
  body: text(MAX_COMMENT_CHARS),
  mentions: mentionsSchema.optional(),
});

export const commentParams = z.object({ id: uuid, commentId: uuid });

export const listCommentsQuery = z.object({
  status: z.enum(['open', 'resolved', 'all']).default('all'),
  mine: z.enum(['true', 'false']).default('false'),
  session: uuid.optional(),
  measure: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export type CreateCommentInput = z.output<typeof createCommentSchema>;
export type UpdateCommentInput = z.output<typeof updateCommentSchema>;
export type ListCommentsQuery = z.output<typeof listCommentsQuery>;

export type CreateCommentRequest = z.input<typeof createCommentSchema>;
export type UpdateCommentRequest = z.input<typeof updateCommentSchema>;
export type ListCommentsRequest = z.input<typeof listCommentsQuery>;
