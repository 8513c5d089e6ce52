import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { CommissionSession } from '../../api/sessions.ts';
import { EmptyState } from '../../components/Feedback.tsx';
import { formatDateTime, t } from '../../i18n/index.ts';
import { commissionName } from '../../state/commissions.ts';
import { SessionStateBadge } from '../session/SessionStateBadge.tsx';

/** Sessions of one group (live, upcoming, closed) as a list of cards. */
export function SessionList(props: { title: string; sessions: CommissionSession[]; empty: string; id: string }) {
  return (
    <section class="section" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <Show when={props.sessions.length > 0} fallback={<EmptyState title={props.empty} />}>
        <ul class="session-cards">
          <For each={props.sessions}>
            {(session) => (
              <li class="session-card" classList={{ live: session.state === 'live' }} data-testid="session-card">
                <div class="session-card-title">
                  <A href={`/sessions/${session.id}`} class="strong-link" dir="auto">
                    {session.title}
                  </A>
                  <SessionStateBadge state={session.state} />
                </div>
                <p class="muted small">
                  {commissionName(session.commissionId) ?? t('sessions.commission')} · {formatDateTime(session.scheduledAt)}
                  {session.location ? ` · ${session.location}` : ''}
                </p>
                <p class="small">{t('sessions.itemCount', { count: session.items.length })}</p>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
