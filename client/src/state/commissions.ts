import { createResource, createRoot } from 'solid-js';
import { commissions as api, type Commission } from '../api/sessions.ts';
import { locale } from '../i18n/index.ts';
import { session } from './session.ts';

/** The commissions I sit on (all of them for admins), loaded once per session. */
const store = createRoot(() => {
  const [list, { refetch, mutate }] = createResource(
    () => session()?.user.id,
    () => api.list(),
  );
  return { list, refetch, mutate };
});

export const commissionList = (): Commission[] => store.list() ?? [];
export const refreshCommissions = () => store.refetch();

export function commissionName(id: string | null | undefined): string | null {
  const found = commissionList().find((commission) => commission.id === id);
  return found ? found.names[locale()] || found.names.fr : null;
}
