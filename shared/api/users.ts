/** People, sign-in and API tokens as the API presents them (server/presenters/user.ts, token.ts, routes/auth.ts). */
import type { Locale, Role } from '../enums.ts';
import type { Organisation } from './organisations.ts';

export const MIN_PASSWORD_LENGTH = 12;

/** What everyone may see of anyone (mentions, avatars). */
export interface PublicUser {
  id: string;
  name: string;
  organisationId: string;
  role: Role;
  locale: Locale;
}

/** What administrators and the person themselves see. */
export interface PrivateUser extends PublicUser {
  email: string;
  disabled: boolean;
  /** has no password yet: cannot sign in */
  invited: boolean;
  createdAt: string;
}

/** A user in a list: the private fields only for administrators and oneself. */
export type User = PublicUser & Partial<Omit<PrivateUser, keyof PublicUser>>;

/** POST /api/auth/login */
export interface SessionInfo {
  user: PrivateUser;
  organisation: Organisation;
  csrfToken: string | null;
}

/** GET /api/auth/me: the session, and how the request was authenticated */
export interface CurrentSession extends SessionInfo {
  via: 'session' | 'token';
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
