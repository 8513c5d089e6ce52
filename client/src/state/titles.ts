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

/** Session titles come from the list (reading one live session would count as attending it). */
export function sessionTitle(id: string | null | undefined): string | null {
  if (!id) return null;
  const known = store.sessionTitles();
  if (id in known) return known[id] ?? null;
  if (!sessionsLoading) {
    sessionsLoading = sessions
      .list()
      .then((list) => void store.setSessionTitles((all) => ({ ...all, ...Object.fromEntries(list.map((s) => [s.id, s.title])) })))
      .catch(() => undefined)
      .finally(() => {
        // Later lookups of sessions created since may load the list again.
        setTimeout(() => (sessionsLoading = null), 5_000);
      });
  }
  return null;
}
