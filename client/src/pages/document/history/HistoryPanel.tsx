import { For, Show, createResource } from 'solid-js';
import { activity } from '../../../api/activity.ts';
import { DocumentStatusBadge } from '../../../components/Badges.tsx';
import { EmptyState, ErrorBox, WhenLoaded } from '../../../components/Feedback.tsx';
import { formatDateTime, t } from '../../../i18n/index.ts';
import { useServerEvent } from '../../../realtime/socket.ts';
import { describeActivity } from './activity-text.ts';

/** The document's status history (who, when, from → to, why), then all its activity, from the audit log. */
export function HistoryPanel(props: { documentId: string }) {
  const [statuses, statusActions] = createResource(
    () => props.documentId,
    (id) => activity.list(id, { action: 'document.status_changed', limit: 100 }),
  );
  const [all, allActions] = createResource(
    () => props.documentId,
    (id) => activity.list(id, { limit: 100 }),
  );
  const refresh = () => {
    void statusActions.refetch();
    void allActions.refetch();
  };
  useServerEvent('document:status_changed', (event) => event.documentId === props.documentId && refresh());
  useServerEvent('suggestions:changed', (event) => event.documentId === props.documentId && refresh());
  useServerEvent('version:named', (event) => event.documentId === props.documentId && refresh());
  return (
    <section class="history-panel" aria-labelledby="history-heading" data-testid="history-panel">
      <div class="panel-heading">
        <h2 id="history-heading">{t('history.title')}</h2>
      </div>
      <h3 class="history-subtitle">{t('history.statusTitle')}</h3>
      <ErrorBox error={statuses.error} />
      <WhenLoaded when={statuses()} error={statuses.error}>
        {(page) => (
          <Show when={page().entries.length > 0} fallback={<p class="muted small">{t('history.noStatusChange')}</p>}>
            <ol class="status-history">
              <For each={page().entries}>
                {(entry) => (
                  <li data-testid="status-change">
                    <div class="status-change-line">
                      <Show when={entry.details.from}>{(from) => <DocumentStatusBadge status={from()} />}</Show>
                      <span aria-hidden="true" class="arrow">
                        →
                      </span>
                      <span class="visually-hidden">{t('history.to')}</span>
                      <Show when={entry.details.to}>{(to) => <DocumentStatusBadge status={to()} />}</Show>
                    </div>
                    <span class="muted small">
                      {entry.actor?.name ?? t('activity.someone')} · <time datetime={entry.at}>{formatDateTime(entry.at)}</time>
                    </span>
                    <Show when={entry.details.reason}>
                      {(reason) => (
                        <q class="status-reason" dir="auto">
                          {reason()}
                        </q>
                      )}
                    </Show>
                  </li>
                )}
              </For>
            </ol>
          </Show>
        )}
      </WhenLoaded>
      <h3 class="history-subtitle">{t('history.activityTitle')}</h3>
      <ErrorBox error={all.error} />
      <WhenLoaded when={all()} error={all.error}>
        {(page) => (
          <Show when={page().entries.length > 0} fallback={<EmptyState title={t('history.noActivity')} />}>
            <ol class="activity-list">
              <For each={page().entries}>
                {(entry) => (
                  <li data-testid="activity">
                    <span dir="auto">{describeActivity(entry)}</span>
                    <time class="muted small" datetime={entry.at}>
                      {formatDateTime(entry.at)}
                    </time>
                  </li>
                )}
              </For>
            </ol>
          </Show>
        )}
      </WhenLoaded>
    </section>
  );
}
