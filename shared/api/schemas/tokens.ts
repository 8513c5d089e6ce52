import { z } from 'zod';
import { text } from './common.ts';

export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 365;

export const createTokenSchema = z.strictObject({
  name: text(100),
  /** days until the token stops working: every token ends, a year at most */
  expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).default(DEFAULT_TOKEN_DAYS),
  /** the owner's password, asked again: a session left open must not be enough to mint a token */
  password: z.string().max(256),
});

export type CreateTokenRequest = z.input<typeof createTokenSchema>;
