import { useParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { ErrorBox, WhenLoaded } from '../components/Feedback.tsx';
import { DocumentHeader } from './document/DocumentHeader.tsx';
import { DocumentWorkspace } from './document/DocumentWorkspace.tsx';
import { LiveSessionBanner } from './document/LiveSessionBanner.tsx';
import { PrintFrame } from './document/files/PrintFrame.tsx';
import { createLiveDocument } from './document/live-document.ts';
import { RequestAccess } from './document/RequestAccess.tsx';
import { ApiError } from '../api/client.ts';

/** A document one may not see answers "not found", like one that does not exist. */
const isNotFound = (error: unknown): boolean => error instanceof ApiError && error.status === 404;

/** A document: its metadata and workflow, then its live content (text, measures, timeline) with comments and versions. */
export function DocumentPage() {
  const params = useParams<{ id: string }>();
  return <DocumentView documentId={params.id} />;
}

/** One document, also shown inside a commission session (then `sessionId` tags what the panel filters). */
export function DocumentView(props: { documentId: string; sessionId?: string | null; compact?: boolean }) {
  const live = createLiveDocument(() => props.documentId);
  return (
    <div class="page document-page" classList={{ compact: props.compact }}>
      <Show when={!props.compact && isNotFound(live.document.error)} fallback={<ErrorBox error={live.document.error} onRetry={live.refetch} />}>
        <RequestAccess documentId={props.documentId} />
      </Show>
      <WhenLoaded when={live.document()} error={live.document.error}>
        {(current) => (
          <>
            <Show when={!props.compact}>
              <LiveSessionBanner documentId={current().id} />
            </Show>
            <Show when={!props.compact}>
              <PrintFrame document={current()} />
            </Show>
            <DocumentHeader document={current()} onChange={live.mutate} compact={props.compact} />
            <Show when={current().id} keyed>
              {(id) => <DocumentWorkspace documentId={id} document={current()} sessionId={props.sessionId} onAccessLost={live.accessLost} />}
            </Show>
          </>
        )}
      </WhenLoaded>
    </div>
  );
}
