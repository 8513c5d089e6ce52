import { createResource, createRoot } from 'solid-js';
import { users as usersApi } from '../api/endpoints.ts';
import type { User } from '../api/types.ts';
import { session } from './session.ts';

/** The people directory (names and organisations), loaded once per session: names in notifications, the mention picker. */
const people = createRoot(() => {
  const [list, { refetch }] = createResource(
    () => session()?.user.id,
    () => usersApi.list(),
  );
  return { list, refetch };
});

export const peopleList = (): User[] => people.list() ?? [];

export function personById(id: string | null | undefined): User | undefined {
  if (!id) return undefined;
  return peopleList().find((user) => user.id === id);
}

export const personName = (id: string | null | undefined): string => personById(id)?.name ?? '—';
