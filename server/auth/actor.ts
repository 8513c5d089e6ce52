import type { Locale, Role } from '../../db/schema.ts';

/** The authenticated person behind a request, socket or Slack action. */
export interface Actor {
  userId: string;
  organisationId: string;
  role: Role;
  name: string;
  email: string;
  locale: Locale;
  via: 'session' | 'token';
  /** set when authenticated by the session cookie */
  session?: { idHash: string; csrfToken: string };
  /** set when authenticated by an API token */
  tokenId?: string;
  /** when the session or token in use expires (null: a token without expiry); live connections end then */
  expiresAt?: Date | null;
}

export const isAdmin = (actor: Pick<Actor, 'role'>) => actor.role === 'admin';
