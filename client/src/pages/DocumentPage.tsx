import { useParams } from '@solidjs/router';
import { Show, createResource } from 'solid-js';
import { documents } from '../api/endpoints.ts';
import { ErrorBox, Loading } from '../components/Feedback.tsx';
import { DocumentHeader } from './document/DocumentHeader.tsx';
import { DocumentWorkspace } from './document/DocumentWorkspace.tsx';

/** A document: its metadata and workflow, then its live content (text, measures, timeline). */
export function DocumentPage() {
  const params = useParams<{ id: string }>();
  const [document, { mutate, refetch }] = createResource(() => params.id, (id) => documents.get(id));
  return (
    <div class="page document-page">
      <ErrorBox error={document.error} onRetry={refetch} />
      <Show when={document()} fallback={<Show when={!document.error}><Loading /></Show>}>
        {(current) => (
          <>
            <DocumentHeader document={current()} onChange={mutate} />
            <Show when={current().id} keyed>
              {(id) => (
                <DocumentWorkspace
                  documentId={id}
                  document={current()}
                  onAccessLost={(revoked) => (revoked ? mutate({ ...current(), access: 'view', availableTransitions: [] }) : void refetch())}
                />
              )}
            </Show>
          </>
        )}
      </Show>
    </div>
  );
}
