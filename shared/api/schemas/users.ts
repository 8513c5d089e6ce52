import { z } from 'zod';
import { ROLES } from '../../enums.ts';
import { MIN_PASSWORD_LENGTH } from '../users.ts';
import { locale, text, uuid, withoutControlCharacters } from './common.ts';

export const password = z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(256, 'must be at most 256 characters');

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'must be an e-mail address' }));

export const loginSchema = z.strictObject({
  email: z.string().max(254).refine(withoutControlCharacters, 'must not contain control characters'),
  password: z.string().max(256),
});

export const createUserSchema = z.strictObject({
  email,
  name: text(200),
  organisationId: uuid,
  role: z.enum(ROLES).default('member'),
  locale: locale.default('fr'),
  /** without a password the account exists (for grants and mentions) but cannot sign in until one is set */
  password: password.optional(),
});

/** What a user may change about themselves. */
export const updateOwnProfileSchema = z.strictObject({
  name: text(200).optional(),
  locale: locale.optional(),
  password: password.optional(),
  currentPassword: z.string().max(256).optional(),
  /** with a new password: keep your API tokens working (by default they are revoked with it) */
  keepTokens: z.boolean().optional(),
});

/** What an administrator may change about anyone. */
export const updateUserAsAdminSchema = updateOwnProfileSchema.extend({
  email: email.optional(),
  organisationId: uuid.optional(),
  role: z.enum(ROLES).optional(),
  disabled: z.boolean().optional(),
});

export const listUsersQuery = z.object({ organisationId: uuid.optional() });

export type LoginRequest = z.input<typeof loginSchema>;
export type CreateUserRequest = z.input<typeof createUserSchema>;
export type UpdateUserAsAdminRequest = z.input<typeof updateUserAsAdminSchema>;
