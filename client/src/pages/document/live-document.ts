import { createResource, type Resource } from 'solid-js';
import { documents } from '../../api/endpoints.ts';
import { loadedValue } from '../../components/Feedback.tsx';
import type { TansiqDocument } from '../../api/types.ts';
import { useResync, useRoom, useServerEvent } from '../../realtime/socket.ts';
import { rememberDocumentTitle } from '../../state/titles.ts';

export interface LiveDocument {
  document: Resource<TansiqDocument>;
  mutate: (document: TansiqDocument) => void;
  refetch: () => void;
  accessLost: (revoked: boolean) => void;
}

/**
 * A document's metadata, kept current: the document room tells of status changes (someone moved
 * it through the workflow, a commission decided on it) and other changes; the page reads it again.
 */
export function createLiveDocument(id: () => string): LiveDocument {
  const [document, { mutate, refetch }] = createResource(id, async (documentId) => {
    const found = await documents.get(documentId);
    rememberDocumentTitle(found.id, found.title);
    return found;
  });
  const mine = (event: { documentId: string }) => event.documentId === id();
  useRoom(() => ({ type: 'document', id: id() }));
  useServerEvent('document:status_changed', (event) => mine(event) && void refetch());
  useServerEvent('document:updated', (event) => mine(event) && void refetch());
  useServerEvent('access:revoked', (event) => {
    const current = loadedValue(document);
    if (mine(event) && current) mutate({ ...current, access: 'view', availableTransitions: [] });
  });
  useResync(() => void refetch());
  return {
    document,
    mutate: (next) => mutate(next),
    refetch: () => void refetch(),
    accessLost: (revoked) => {
      const current = loadedValue(document);
      if (revoked && current) mutate({ ...current, access: 'view', availableTransitions: [] });
      else void refetch();
    },
  };
}
