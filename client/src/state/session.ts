import { createSignal } from 'solid-js';
import { ApiError, setCsrfToken, setUnauthenticatedHandler } from '../api/client.ts';
import { auth, users } from '../api/endpoints.ts';
import type { Locale } from '../api/types.ts';
import type { SessionInfo } from '../../../shared/api/users.ts';
import { setLocale } from '../i18n/index.ts';
import { forgetOfflineCopies } from '../lib/offline-copies.ts';

/** who is signed in, as the server answered the sign-in */
export type Session = Pick<SessionInfo, 'user' | 'organisation'>;

/** undefined while we do not know yet, null when nobody is signed in. */
const [session, setSession] = createSignal<Session | null | undefined>(undefined);
export { session };

export const currentUser = () => session()?.user;
export const isAdmin = () => session()?.user.role === 'admin';

function adopt(info: SessionInfo): void {
  setCsrfToken(info.csrfToken);
  setSession({ user: info.user, organisation: info.organisation });
  setLocale(info.user.locale);
}

setUnauthenticatedHandler(() => {
  setCsrfToken(null);
  setSession(null);
});

export async function loadSession(): Promise<void> {
  try {
    adopt(await auth.me());
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) setSession(null);
    else {
      setSession(null);
      throw error;
    }
  }
}

export async function signIn(email: string, password: string): Promise<void> {
  adopt(await auth.login(email, password));
}

export async function signOut(): Promise<void> {
  try {
    await auth.logout();
  } finally {
    setCsrfToken(null);
    setSession(null);
    // A shared computer must not keep documents for the next person.
    await forgetOfflineCopies();
  }
}

export function replaceCurrentUser(user: Session['user']): void {
  const current = session();
  if (current) setSession({ ...current, user });
}

/** Changes the interface language and, when signed in, remembers it in the profile. */
export async function chooseLocale(next: Locale): Promise<void> {
  setLocale(next);
  const user = currentUser();
  if (user && user.locale !== next) replaceCurrentUser(await users.update(user.id, { locale: next }));
}
