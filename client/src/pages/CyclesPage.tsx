import { A } from '@solidjs/router';
import { For, Show, createResource, createSignal } from 'solid-js';
import { cycles, type Cycle } from '../api/cycles.ts';
import { EmptyState, ErrorBox, WhenLoaded } from '../components/Feedback.tsx';
import { t } from '../i18n/index.ts';
import { useResync, useServerEvent } from '../realtime/socket.ts';
import { commissionName } from '../state/commissions.ts';
import { isAdmin } from '../state/session.ts';
import { CycleStatusBadge } from './cycles/CycleBadges.tsx';
import { OpenCycleForm } from './cycles/OpenCycleForm.tsx';
import { formatDay } from './cycles/ReportPage.tsx';

/** The follow-up cycles: open ones first. The coordination unit opens a cycle here; focal points go to their reports. */
export function CyclesPage() {
  const [all, { refetch }] = createResource(() => cycles.list());
  const [opening, setOpening] = createSignal(false);
  useServerEvent('cycle:changed', (event) => event.reportId === null && void refetch());
  useResync(() => void refetch());
  const group = (status: Cycle['status']) => (all() ?? []).filter((cycle) => cycle.status === status);
  const item = (cycle: Cycle) => (
    <li class="cycle-item" data-cycle={cycle.id}>
      <div>
        <A href={isAdmin() ? `/cycles/${cycle.id}` : `/cycles/${cycle.id}/report`} class="cycle-link">
          {cycle.period}
        </A>
        <p class="hint">
          {t('cycles.window', { opens: formatDay(cycle.opensOn), due: formatDay(cycle.dueOn) })}
          <Show when={cycle.scope.commissionId}>{(id) => <> · {commissionName(id()) ?? ''}</>}</Show>
          {' · '}
          {t('cycles.reportCount', { count: cycle.reports ?? 0 })}
        </p>
      </div>
      <div class="actions">
        <CycleStatusBadge status={cycle.status} />
        <Show when={isAdmin()}>
          <A class="button subtle small" href={`/cycles/${cycle.id}/report`}>
            {t('cycles.myReports')}
          </A>
        </Show>
      </div>
    </li>
  );
  return (
    <div class="page cycles-page">
      <div class="page-heading">
        <div>
          <h1>{t('cycles.title')}</h1>
          <p class="hint">{t('cycles.intro')}</p>
        </div>
        <Show when={isAdmin()}>
          <button type="button" class="button primary" aria-expanded={opening()} onClick={() => setOpening(!opening())}>
            {t('cycles.open')}
          </button>
        </Show>
      </div>
      <Show when={opening()}>
        <OpenCycleForm onCancel={() => setOpening(false)} />
      </Show>
      <ErrorBox error={all.error} onRetry={refetch} />
      <WhenLoaded when={all()} error={all.error}>
        <Show when={(all() ?? []).length > 0} fallback={<EmptyState title={t('cycles.none')} />}>
          <section aria-labelledby="cycles-open">
            <h2 id="cycles-open">{t('cycles.openCycles')}</h2>
            <Show when={group('open').length > 0} fallback={<p class="hint">{t('cycles.noneOpen')}</p>}>
              <ul class="cycle-list">
                <For each={group('open')}>{item}</For>
              </ul>
            </Show>
          </section>
          <section aria-labelledby="cycles-closed">
            <h2 id="cycles-closed">{t('cycles.closedCycles')}</h2>
            <Show when={group('closed').length > 0} fallback={<p class="hint">{t('cycles.noneClosed')}</p>}>
              <ul class="cycle-list">
                <For each={group('closed')}>{item}</For>
              </ul>
            </Show>
          </section>
        </Show>
      </WhenLoaded>
    </div>
  );
}
