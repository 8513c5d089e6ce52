import { createRoot, createSignal } from 'solid-js';
import { documents } from '../api/endpoints.ts';
import { sessions } from '../api/sessions.ts';

/**
 * Titles of documents and sessions named by id (in notifications), fetched once each on demand.
 * An unknown or inaccessible object stays without a title; the caller shows a neutral word.
 */
const store = createRoot(() => {
  const [documentTitles, setDocumentTitles] = createSignal<Record<string, string | null>>({});
  const [sessionTitles, setSessionTitles] = createSignal<Record<string, string | null>>({});
  return { documentTitles, setDocumentTitles, sessionTitles, setSessionTitles };
});

const pendingDocuments = new Set<string>();
/** session ids asked for and not known yet: the next load of the list settles them */
const sessionsAsked = new Set<string>();
let sessionsLoading: Promise<void> | null = null;

export function documentTitle(id: string | null | undefined): string | null {
  if (!id) return null;
  const known = store.documentTitles();
  if (id in known) return known[id] ?? null;
  if (!pendingDocuments.has(id)) {
    pendingDocuments.add(id);
    void documents
      .get(id)
      .then((document) => document.title)
      .catch(() => null)
      .then((title) => store.setDocumentTitles((all) => ({ ...all, [id]: title })));
  }
  return null;
}

export function rememberDocumentTitle(id: string, title: string): void {
  store.setDocumentTitles((all) => ({ ...all, [id]: title }));
}

/**
 * Session titles come from the list (reading one live session would count as attending it). Each
 * load settles the ids asked for before it began: a title, or none (not visible to this person).
 * An id asked for during a load (a session created meanwhile) gets a load of its own after it.
 */
export function sessionTitle(id: string | null | undefined): string | null {
  if (!id) return null;
  const known = store.sessionTitles();
  if (id in known) return known[id] ?? null;
  sessionsAsked.add(id);
  loadSessionTitles();
  return null;
}

function loadSessionTitles(): void {
  if (sessionsLoading || sessionsAsked.size === 0) return;
  const asked = [...sessionsAsked];
  sessionsAsked.clear();
  sessionsLoading = sessions
    .list()
    .then((list) => {
      const titles: Record<string, string | null> = Object.fromEntries(list.map((session) => [session.id, session.title]));
      for (const id of asked) titles[id] ??= null;
      store.setSessionTitles((all) => ({ ...all, ...titles }));
    })
    .catch(() => {
      // Not reachable now: the same ids are asked again a little later.
      setTimeout(() => {
        for (const id of asked) sessionsAsked.add(id);
        loadSessionTitles();
      }, 5_000);
    })
    .finally(() => {
      sessionsLoading = null;
      loadSessionTitles();
    });
}
