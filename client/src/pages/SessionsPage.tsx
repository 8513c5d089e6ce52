import { Show, createResource, createSignal } from 'solid-js';
import { sessions } from '../api/sessions.ts';
import { ErrorBox, WhenLoaded } from '../components/Feedback.tsx';
import { t } from '../i18n/index.ts';
import { useServerEvent } from '../realtime/socket.ts';
import { isAdmin } from '../state/session.ts';
import { CommissionForm } from './sessions/CommissionForm.tsx';
import { SessionForm } from './sessions/SessionForm.tsx';
import { SessionList } from './sessions/SessionList.tsx';

/** The commission sessions I may see: live now, coming, closed. The secretariat plans them here. */
export function SessionsPage() {
  const [all, { refetch }] = createResource(() => sessions.list());
  const [form, setForm] = createSignal<'session' | 'commission' | null>(null);
  // A session that starts or closes elsewhere tells me through the bell: read the list again.
  useServerEvent('notification', (notification) => notification.kind.startsWith('session_') && void refetch());
  const group = (state: 'live' | 'planned' | 'closed') => (all() ?? []).filter((session) => session.state === state);
  const upcoming = () => group('planned').sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt));
  return (
    <div class="page sessions-page">
      <div class="page-heading">
        <h1>{t('sessions.title')}</h1>
        <Show when={isAdmin()}>
          <div class="actions">
            <button type="button" class="button" aria-expanded={form() === 'commission'} onClick={() => setForm(form() === 'commission' ? null : 'commission')}>
              {t('commissions.new')}
            </button>
            <button type="button" class="button primary" aria-expanded={form() === 'session'} onClick={() => setForm(form() === 'session' ? null : 'session')}>
              {t('sessions.new')}
            </button>
          </div>
        </Show>
      </div>
      <Show when={form() === 'commission'}>
        <CommissionForm onDone={() => setForm(null)} />
      </Show>
      <Show when={form() === 'session'}>
        <SessionForm onCancel={() => setForm(null)} />
      </Show>
      <ErrorBox error={all.error} onRetry={refetch} />
      <WhenLoaded when={all()} error={all.error}>
        <SessionList id="sessions-live" title={t('sessions.live')} sessions={group('live')} empty={t('sessions.noneLive')} />
        <SessionList id="sessions-upcoming" title={t('sessions.upcoming')} sessions={upcoming()} empty={t('sessions.noneUpcoming')} />
        <SessionList id="sessions-closed" title={t('sessions.closed')} sessions={group('closed')} empty={t('sessions.noneClosed')} />
      </WhenLoaded>
    </div>
  );
}
