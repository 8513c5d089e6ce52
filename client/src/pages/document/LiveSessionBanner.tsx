import { A } from '@solidjs/router';
import { Show, createResource } from 'solid-js';
import { sessions } from '../../api/sessions.ts';
import { loadedValue } from '../../components/Feedback.tsx';
import { t } from '../../i18n/index.ts';
import { useServerEvent } from '../../realtime/socket.ts';

/** On a document's own page: it is on screen in a live session right now, and a link to join it. */
export function LiveSessionBanner(props: { documentId: string }) {
  const [live, { refetch }] = createResource(
    () => props.documentId,
    async (documentId) => (await sessions.list({ state: 'live' })).find((session) => session.currentItem?.documentId === documentId) ?? null,
  );
  useServerEvent('notification', (notification) => notification.kind.startsWith('session_') && void refetch());
  return (
    <Show when={loadedValue(live)}>
      {(session) => (
        <div class="notice live-session-banner" role="status" data-testid="live-session-banner">
          <p>{t('session.liveBanner', { session: session().title })}</p>
          <A href={`/sessions/${session().id}`} class="button small">
            {t('session.join')}
          </A>
        </div>
      )}
    </Show>
  );
}
