import { A, useParams } from '@solidjs/router';
import { For, Show, createMemo, createResource, createSignal } from 'solid-js';
import { cycles, type CompletenessLine, type CycleReport } from '../../api/cycles.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ErrorBox, Notice, WhenLoaded, loadedValue } from '../../components/Feedback.tsx';
import { errorMessage, formatNumber, formatPercent, locale, t } from '../../i18n/index.ts';
import { useResync, useServerEvent } from '../../realtime/socket.ts';
import { commissionName } from '../../state/commissions.ts';
import { organisationLabel } from '../../state/directory.ts';
import { CycleStatusBadge, StandingBadge } from './CycleBadges.tsx';
import { ReportRow } from './ReportRow.tsx';
import { formatDay } from './ReportPage.tsx';
import { downloads } from '../../api/files.ts';

/**
 * The coordination unit's view of a cycle: completeness per organisation (live), the late ones,
 * the reports to return or accept, reminders, and the close that writes the consolidated documents.
 */
export function CycleDashboardPage() {
  const params = useParams<{ id: string }>();
  const [dashboard, { refetch }] = createResource(
    () => params.id,
    (id) => cycles.dashboard(id),
  );
  const [reports, { refetch: refetchReports }] = createResource(
    () => params.id,
    (id) => cycles.reports(id),
  );
  const [filter, setFilter] = createSignal<string>('');
  const [stateFilter, setStateFilter] = createSignal<string>('');
  const [message, setMessage] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<unknown>(null);
  const [confirmClose, setConfirmClose] = createSignal(false);
  const [busy, setBusy] = createSignal(false);

  const refresh = () => {
    void refetch();
    void refetchReports();
  };
  useServerEvent('cycle:changed', (event) => event.cycleId === params.id && refresh());
  useResync(refresh);

  const totals = createMemo(() => {
    const lines = loadedValue(dashboard)?.completeness ?? [];
    const sum = (pick: (line: CompletenessLine) => number) => lines.reduce((total, line) => total + pick(line), 0);
    return {
      total: sum((l) => l.total),
      submitted: sum((l) => l.submitted + l.accepted),
      draft: sum((l) => l.draft + l.returned),
      notStarted: sum((l) => l.notStarted),
      organisations: lines.length,
      complete: lines.filter((l) => l.standing === 'submitted').length,
    };
  });
  const shown = createMemo(() =>
    (loadedValue(reports) ?? []).filter((report) => (!filter() || report.leadOrganisationId === filter()) && (!stateFilter() || report.state === stateFilter())),
  );
  const open = () => loadedValue(dashboard)?.cycle.status === 'open';

  const remind = async (organisationIds?: string[]) => {
    setFailure(null);
    try {
      const { organisationIds: reminded } = await cycles.remind(params.id, organisationIds);
      setMessage(reminded.length === 0 ? t('cycles.remindNone') : t('cycles.reminded', { count: reminded.length }));
    } catch (caught) {
      setFailure(caught);
    }
  };
  const close = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const closed = await cycles.close(params.id, locale());
      setMessage(t('cycles.closedWith', { count: closed.consolidatedDocumentIds.length }));
      setConfirmClose(false);
      refresh();
    } catch (caught) {
      setFailure(caught);
    } finally {
      setBusy(false);
    }
  };
  const replace = (next: CycleReport) => {
    void refetch();
    void refetchReports();
    return next;
  };

  return (
    <div class="page cycle-dashboard">
      <ErrorBox error={dashboard.error} onRetry={refresh} />
      <WhenLoaded when={dashboard()} error={dashboard.error}>
        {(view) => (
          <>
            <div class="page-heading">
              <div>
                <p class="hint">
                  <A href="/cycles">{t('cycles.title')}</A>
                </p>
                <h1>{t('cycles.dashboard.title', { period: view().cycle.period })}</h1>
                <p class="hint">
                  {t('cycles.window', { opens: formatDay(view().cycle.opensOn), due: formatDay(view().cycle.dueOn) })}
                  <Show when={view().cycle.scope.commissionId}>{(id) => <> · {commissionName(id()) ?? ''}</>}</Show>
                  <Show when={view().cycle.reminderDays.length > 0}>
                    {' '}
                    ·{' '}
                    {t('cycles.reminderDaysShown', {
                      days: `\u2066${view()
                        .cycle.reminderDays.map((day) => (day > 0 ? `+${day}` : String(day)))
                        .join(', ')}\u2069`,
                    })}
                  </Show>
                </p>
              </div>
              <div class="actions">
                <CycleStatusBadge status={view().cycle.status} />
                <Show when={open()}>
                  <button type="button" class="button" onClick={() => void remind()}>
                    {t('cycles.remindAll')}
                  </button>
                  <button type="button" class="button warning" onClick={() => setConfirmClose(true)}>
                    {t('cycles.close')}
                  </button>
                </Show>
              </div>
            </div>
            <Show when={message()}>{(text) => <Notice kind="success">{text()}</Notice>}</Show>
            <ErrorBox error={failure()} />

            <section class="cycle-summary" aria-labelledby="cycle-completeness">
              <h2 id="cycle-completeness">{t('cycles.completeness')}</h2>
              <p class="completeness-total" data-testid="completeness-total">
                {t('cycles.totals', { submitted: totals().submitted, total: totals().total, complete: totals().complete, organisations: totals().organisations })}
              </p>
              <CompletenessBar submitted={totals().submitted} draft={totals().draft} notStarted={totals().notStarted} />
              <DataTable
                class="completeness-table phone-cards"
                columns={[t('cycles.organisation'), t('cycles.standingLabel'), t('cycles.progressLabel'), t('cycles.counts')]}
                actionsLabel={t('cycles.actions')}
                rows={view().completeness}>
                {(line) => (
                  <tr data-organisation={line.organisationCode ?? ''} data-standing={line.standing}>
                    <th scope="row" dir="auto">
                      {organisationLabel(line.organisationId)}
                      <Show when={line.late}>
                        {' '}
                        <span class="badge overdue">{t('cycles.late')}</span>
                      </Show>
                    </th>
                    <td>
                      <StandingBadge standing={line.standing} />
                    </td>
                    <td class="completeness-cell">
                      <CompletenessBar submitted={line.submitted + line.accepted} draft={line.draft + line.returned} notStarted={line.notStarted} compact />
                    </td>
                    <td class="counts">
                      {t('cycles.countsLine', { submitted: line.submitted + line.accepted, draft: line.draft + line.returned, notStarted: line.notStarted, total: line.total })}
                    </td>
                    <td class="cycle-row-actions">
                      <button
                        type="button"
                        class="button subtle small"
                        onClick={() => {
                          setFilter(line.organisationId ?? '');
                          document.getElementById('cycle-reports')?.scrollIntoView({ block: 'start' });
                        }}>
                        {t('cycles.seeReports')}
                      </button>
                      <Show when={open() && line.standing !== 'submitted' && line.organisationId}>
                        <button type="button" class="button subtle small" onClick={() => void remind([line.organisationId!])}>
                          {t('cycles.remind')}
                        </button>
                      </Show>
                    </td>
                  </tr>
                )}
              </DataTable>
            </section>

            <section class="cycle-late" aria-labelledby="cycle-late-title">
              <h2 id="cycle-late-title">{t('cycles.lateOrganisations')}</h2>
              <Show
                when={view().lateOrganisations.length > 0}
                fallback={<p class="hint">{view().today > view().cycle.dueOn ? t('cycles.noneLate') : t('cycles.notDueYet', { date: formatDay(view().cycle.dueOn) })}</p>}>
                <ul class="chip-list" data-testid="late-organisations">
                  <For each={view().lateOrganisations}>
                    {(entry) => (
                      <li class="chip" dir="auto">
                        {organisationLabel(entry.organisationId)}
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </section>

            <Show when={view().consolidatedDocuments.length > 0}>
              <section aria-labelledby="cycle-consolidated">
                <h2 id="cycle-consolidated">{t('cycles.consolidated')}</h2>
                <ul class="link-list">
                  <For each={view().consolidatedDocuments}>
                    {(document) => (
                      <li>
                        <A href={`/documents/${document.id}`} dir="auto">
                          {document.title}
                        </A>
                      </li>
                    )}
                  </For>
                  {/* The plans as they stood at the period's due date, from the measures' recorded history. */}
                  <li>
                    <a href={downloads.followUpReport({ format: 'pdf', asOf: view().cycle.dueOn, commission: view().cycle.scope.commissionId ?? undefined })} download="">
                      {t('cycles.asOfReport', { date: formatDay(view().cycle.dueOn) })}
                    </a>
                  </li>
                </ul>
              </section>
            </Show>

            <section aria-labelledby="cycle-reports">
              <div class="section-heading">
                <h2 id="cycle-reports">{t('cycles.reports')}</h2>
                <div class="cycle-filters">
                  <label class="inline-field">
                    <span>{t('cycles.organisation')}</span>
                    <select value={filter()} onChange={(event) => setFilter(event.currentTarget.value)}>
                      <option value="">{t('cycles.all')}</option>
                      <For each={view().completeness}>{(line) => <option value={line.organisationId ?? ''}>{organisationLabel(line.organisationId)}</option>}</For>
                    </select>
                  </label>
                  <label class="inline-field">
                    <span>{t('cycles.stateLabel')}</span>
                    <select value={stateFilter()} onChange={(event) => setStateFilter(event.currentTarget.value)}>
                      <option value="">{t('cycles.all')}</option>
                      <For each={['not_started', 'draft', 'submitted', 'returned', 'accepted'] as const}>
                        {(state) => <option value={state}>{t(`cycles.state.${state}`)}</option>}
                      </For>
                    </select>
                  </label>
                </div>
              </div>
              <ErrorBox error={reports.error} onRetry={() => void refetchReports()} />
              <p class="hint">{t('cycles.shownCount', { count: formatNumber(shown().length) })}</p>
              <div class="report-rows">
                <For each={shown()}>{(report) => <ReportRow report={report} reviewable={open()} onChange={replace} onError={(caught) => setFailure(errorMessage(caught))} />}</For>
              </div>
            </section>
            <Show when={confirmClose()}>
              <ConfirmDialog
                title={t('cycles.closeTitle', { period: view().cycle.period })}
                confirmLabel={t('cycles.close')}
                tone="warning"
                busy={busy()}
                onConfirm={() => void close()}
                onCancel={() => setConfirmClose(false)}>
                <p>
                  {t('cycles.closeExplain', {
                    missing: totals().total - totals().submitted,
                    share: formatPercent(totals().total === 0 ? 0 : (100 * totals().submitted) / totals().total),
                  })}
                </p>
              </ConfirmDialog>
            </Show>
          </>
        )}
      </WhenLoaded>
    </div>
  );
}

/** Submitted / in draft / not started, as one bar (with the share in words for screen readers). */
export function CompletenessBar(props: { submitted: number; draft: number; notStarted: number; compact?: boolean }) {
  const total = () => props.submitted + props.draft + props.notStarted;
  const share = (value: number) => (total() === 0 ? 0 : (100 * value) / total());
  return (
    <div class="completeness-bar" classList={{ compact: props.compact }} role="img" aria-label={t('cycles.barLabel', { share: formatPercent(share(props.submitted)) })}>
      <span class="segment submitted" style={{ 'inline-size': `${share(props.submitted)}%` }} />
      <span class="segment draft" style={{ 'inline-size': `${share(props.draft)}%` }} />
      <span class="segment not-started" style={{ 'inline-size': `${share(props.notStarted)}%` }} />
      <Show when={!props.compact}>
        <span class="completeness-share">{formatPercent(share(props.submitted))}</span>
      </Show>
    </div>
  );
}
