import { z } from 'zod';
import { LOCALES } from '../../enums.ts';
import { MAX_POSITION_CHARS } from '../comments.ts';

export const uuid = z.uuid({ message: 'must be a UUID' });
export const idParams = z.object({ id: uuid });
export const locale = z.enum(LOCALES);

/** Control characters other than newlines and tabs: never meaningful, and PostgreSQL refuses NUL. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
export const withoutControlCharacters = (value: string) => !CONTROL_CHARACTERS.test(value);

/** Trimmed, non-empty, bounded text without control characters (other than newlines and tabs). */
export const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`).refine(withoutControlCharacters, 'must not contain control characters');

export const pagination = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
};

/** base64 of an encoded Y.RelativePosition; whether it points into the document is checked against the Y.Doc. */
export const position = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_POSITION_CHARS, `must be at most ${MAX_POSITION_CHARS} characters`)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64 (an encoded Yjs relative position)');
