import { A } from '@solidjs/router';
import { Match, Show, Switch } from 'solid-js';
import type { AgendaItem, CommissionSession } from '../../api/sessions.ts';
import { EmptyState, Notice } from '../../components/Feedback.tsx';
import { formatDateTime, formatNumber, t } from '../../i18n/index.ts';
import { DocumentView } from '../DocumentPage.tsx';
import { agendaItemTitle } from './AgendaItemCard.tsx';

/**
 * What is on screen beside the agenda: the document of the item shown (the current one while
 * following), a way back when I stepped away, the minutes once the session is closed.
 */
export function SessionStage(props: { session: CommissionSession; shown: AgendaItem | null; following: boolean; onRejoin: () => void }) {
  const current = () => props.session.currentItem;
  const currentNumber = () => props.session.items.findIndex((item) => item.id === props.session.currentItemId) + 1;
  const away = () => props.session.state === 'live' && !props.following && current() !== null && current()!.id !== props.shown?.id;
  return (
    <div class="session-stage">
      <Show when={props.session.state === 'closed'}>
        <Notice kind="success">
          <p>{t('session.closedOn', { date: formatDateTime(props.session.closedAt) })}</p>
          <Show when={props.session.minutesDocumentId} fallback={<p>{t('session.minutesPending')}</p>}>
            {(minutes) => (
              <p>
                <A href={`/documents/${minutes()}`} class="strong-link" data-testid="minutes-link">
                  {t('session.minutes')}
                </A>
              </p>
            )}
          </Show>
        </Notice>
      </Show>
      <Show when={away()}>
        <div class="notice warning away" role="status">
          <p>{t('session.movedOn', { number: formatNumber(currentNumber()), title: agendaItemTitle(current()!) })}</p>
          <button type="button" class="button small" onClick={() => props.onRejoin()}>
            {t('session.rejoin')}
          </button>
        </div>
      </Show>
      <Switch>
        <Match when={props.shown?.documentId} keyed>
          {(id) => <DocumentView documentId={id} sessionId={props.session.state === 'live' ? props.session.id : null} compact />}
        </Match>
        <Match when={props.shown}>
          <EmptyState title={t('session.noAccess')} />
        </Match>
        <Match when={props.session.state === 'planned'}>
          <EmptyState title={t('session.waiting', { time: formatDateTime(props.session.scheduledAt) })} />
        </Match>
        <Match when={props.session.state === 'live'}>
          <EmptyState title={t('session.noItem')} />
        </Match>
      </Switch>
    </div>
  );
}
