import { z } from 'zod';
import { text } from './common.ts';

export const createTokenSchema = z.strictObject({
  name: text(100),
  /** days until the token stops working; omitted means it lasts until revoked */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
