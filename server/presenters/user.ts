import type { UserRow } from '../../db/schema.ts';
import type { PrivateUser, PublicUser, User } from '../../shared/api/users.ts';

/** Everyone may see who works where (for mentions and avatars); e-mail and status only for admins and self. */
export function presentUser(row: UserRow, options: { private: true }): PrivateUser;
export function presentUser(row: UserRow, options: { private: boolean }): User;
export function presentUser(row: UserRow, options: { private: boolean }): PublicUser | PrivateUser {
  const base: PublicUser = { id: row.id, name: row.name, organisationId: row.organisation_id, role: row.role, locale: row.locale };
  if (!options.private) return base;
  return {
    ...base,
    email: row.email,
    disabled: row.disabled_at !== null,
    invited: row.password_hash === null,
    createdAt: row.created_at.toISOString(),
  };
}
