import { z } from 'zod';
import { MAX_SUGGESTION_TEXT, SUGGESTION_KINDS, SUGGESTION_MARKS } from '../suggestions.ts';
import { position, uuid } from './common.ts';

const block = z.strictObject({
  type: z.enum(['paragraph', 'heading', 'list_item', 'bullet_item', 'ordered_item']).optional(),
  level: z.number().int().min(1).max(3).optional(),
  side: z.enum(['before', 'after']).optional(),
});

/**
 * One suggestion: `kind` 'text' (the default: characters or a mark inside one text node) or a
 * structural change. Whether its positions name what its kind needs is checked against the Y.Doc.
 */
export const createSuggestionSchema = z
  .strictObject({
    kind: z.enum(SUGGESTION_KINDS).default('text'),
    block: block.nullable().default(null),
    start: position,
    end: position,
    text: z.string().max(MAX_SUGGESTION_TEXT, `must be at most ${MAX_SUGGESTION_TEXT} characters`).default(''),
    mark: z
      .strictObject({ name: z.enum(SUGGESTION_MARKS), on: z.boolean() })
      .nullable()
      .default(null),
  })
  .refine((value) => !(value.mark && value.text !== ''), { message: 'a format change inserts no text', path: ['text'] })
  .refine((value) => value.kind === 'text' || value.mark === null, { message: 'only a text suggestion carries a mark', path: ['mark'] })
  .refine((value) => value.kind !== 'text' || value.block === null, { message: 'a text suggestion has no block', path: ['block'] });

/** Several at once (a change spanning paragraphs is one suggestion per paragraph). */
export const createSuggestionsSchema = z.strictObject({ suggestions: z.array(createSuggestionSchema).min(1).max(50) });

export const suggestionParams = z.object({ id: uuid, suggestionId: uuid });

export type CreateSuggestionInput = z.output<typeof createSuggestionSchema>;

/** PUT …/suggestions/:suggestionId/thread: the discussion thread opened about it */
export const linkThreadSchema = z.strictObject({ threadId: uuid });

export type CreateSuggestionRequest = z.input<typeof createSuggestionSchema>;
export type CreateSuggestionsRequest = z.input<typeof createSuggestionsSchema>;
export type LinkThreadRequest = z.input<typeof linkThreadSchema>;
