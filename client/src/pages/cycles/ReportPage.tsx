import { useParams } from '@solidjs/router';
import { For, Show, createMemo, createResource } from 'solid-js';
import { cycles } from '../../api/cycles.ts';
import { EmptyState, ErrorBox, WhenLoaded, loadedValue } from '../../components/Feedback.tsx';
import { dateTimeFormat, organisationName, t } from '../../i18n/index.ts';
import { useResync, useServerEvent } from '../../realtime/socket.ts';
import { session } from '../../state/session.ts';
import { CycleStatusBadge } from './CycleBadges.tsx';
import { ReportForm } from './ReportForm.tsx';

export const formatDay = (iso: string) => dateTimeFormat({ dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`));

/** A focal point's page: the measures their organisation leads in a cycle, each with its report. */
export function ReportPage() {
  const params = useParams<{ id: string }>();
  const organisationId = () => session()?.organisation?.id ?? session()?.user.organisationId;
  const [dashboard, { refetch: refetchDashboard }] = createResource(
    () => params.id,
    (id) => cycles.dashboard(id),
  );
  const [reports, { refetch }] = createResource(
    () => (organisationId() ? { id: params.id, organisation: organisationId()! } : null),
    (source) => cycles.reports(source.id, source.organisation),
  );
  // A report of another organisation (one I partner on) or the cycle closing: read the list again.
  useServerEvent('cycle:changed', (event) => {
    if (event.cycleId !== params.id) return;
    if (event.reportId === null) {
      void refetchDashboard();
      void refetch();
    } else void refetchDashboard();
  });
  useResync(() => {
    void refetch();
    void refetchDashboard();
  });
  const mine = createMemo(() => loadedValue(dashboard)?.completeness.find((line) => line.organisationId === organisationId()));
  const closed = () => loadedValue(dashboard)?.cycle.status === 'closed';
  return (
    <div class="page cycle-report-page">
      <ErrorBox
        error={dashboard.error ?? reports.error}
        onRetry={() => {
          void refetch();
          void refetchDashboard();
        }}
      />
      <WhenLoaded when={dashboard()} error={dashboard.error}>
        {(view) => (
          <>
            <div class="page-heading">
              <div>
                <h1>{t('cycles.report.title', { period: view().cycle.period })}</h1>
                <p class="hint">
                  {organisationName(session()?.organisation)} · {t('cycles.dueOn', { date: formatDay(view().cycle.dueOn) })}
                </p>
              </div>
              <CycleStatusBadge status={view().cycle.status} />
            </div>
            <Show when={mine()}>
              {(line) => (
                <p class="report-progress-line" role="status">
                  {t('cycles.report.counts', { submitted: line().submitted + line().accepted, total: line().total })}
                </p>
              )}
            </Show>
            <Show when={closed()}>
              <div class="notice info" role="status">
                {t('cycles.report.closed')}
              </div>
            </Show>
          </>
        )}
      </WhenLoaded>
      <Show when={loadedValue(reports)}>
        {(list) => (
          <Show when={list().length > 0} fallback={<EmptyState title={t('cycles.report.none')} />}>
            <div class="report-list">
              <For each={list()}>{(report) => <ReportForm report={report} readOnly={closed()} onChange={() => void refetchDashboard()} />}</For>
            </div>
          </Show>
        )}
      </Show>
    </div>
  );
}
