import { createResource, createRoot } from 'solid-js';
import { organisations as organisationsApi } from '../api/endpoints.ts';
import type { Organisation } from '../api/types.ts';
import { organisationName } from '../i18n/index.ts';
import { session } from './session.ts';

/** The organisations directory, loaded once per session and shared by every page. */
const directory = createRoot(() => {
  const [list, { refetch, mutate }] = createResource(
    () => session()?.user.id,
    () => organisationsApi.list(),
  );
  return { list, refetch, mutate };
});

export const organisationList = (): Organisation[] => directory.list() ?? [];
export const refreshOrganisations = () => directory.refetch();

export function organisationById(id: string | null | undefined): Organisation | undefined {
  if (!id) return undefined;
  return organisationList().find((organisation) => organisation.id === id);
}

export const organisationLabel = (id: string | null | undefined): string => organisationName(organisationById(id));

/** Sorted by name in the current language, for pickers. */
export function sortedOrganisations(): Organisation[] {
  return [...organisationList()].sort((a, b) => organisationName(a).localeCompare(organisationName(b)));
}
