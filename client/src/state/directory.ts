import { createResource, createRoot } from 'solid-js';
import { organisations as organisationsApi } from '../api/endpoints.ts';
import type { Organisation } from '../api/types.ts';
import { collator, locale, organisationName } from '../i18n/index.ts';
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

// Derived lists kept per directory list and language: every row of a long grid asks for them.
let byId: { list: Organisation[]; map: Map<string, Organisation> } | null = null;
let sorted: { list: Organisation[]; locale: string; sorted: Organisation[] } | null = null;

export function organisationById(id: string | null | undefined): Organisation | undefined {
  const list = organisationList();
  if (!id) return undefined;
  if (byId?.list !== list) byId = { list, map: new Map(list.map((organisation) => [organisation.id, organisation])) };
  return byId.map.get(id);
}

export const organisationLabel = (id: string | null | undefined): string => organisationName(organisationById(id));

/** Sorted by name in the current language, for pickers. */
export function sortedOrganisations(): Organisation[] {
  const list = organisationList();
  const language = locale();
  if (sorted?.list !== list || sorted.locale !== language) {
    const compare = collator();
    sorted = { list, locale: language, sorted: [...list].sort((a, b) => compare.compare(organisationName(a), organisationName(b))) };
  }
  return sorted.sorted;
}
