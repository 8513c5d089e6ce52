import { A } from '@solidjs/router';
import { For, Show, createResource, type Resource } from 'solid-js';
import { ApiError } from '../../api/client.ts';
import { measures, type MeasureFilters } from '../../api/endpoints.ts';
import type { MeasureSummary } from '../../api/types.ts';
import { MeasureStatusBadge, OverdueBadge } from '../../components/Badges.tsx';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback.tsx';
import { formatDate, formatNumber, formatPercent, t, type MessageKey } from '../../i18n/index.ts';
import { indicatorProgress, indicatorSummary } from '../../../../shared/indicator.ts';
import { isAdmin, session } from '../../state/session.ts';

/** The endpoint is being built: until it exists (404), the lists are simply empty. */
const load = async (filters: MeasureFilters): Promise<MeasureSummary[]> => {
  try {
    return await measures.list(filters);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return [];
    throw error;
  }
};

export function MeasureLists() {
  const organisation = () => session()?.organisation.id;
  const [mine, mineActions] = createResource(organisation, (id) => load({ organisation: id }));
  const [overdue, overdueActions] = createResource(organisation, (id) => load(isAdmin() ? { overdue: true } : { organisation: id, overdue: true }));
  return (
    <div class="two-columns">
      <MeasureListCard id="my-measures" title="dashboard.myMeasures" empty="dashboard.noMeasures" data={mine} retry={mineActions.refetch} />
      <MeasureListCard id="overdue-measures" title="dashboard.overdue" empty="dashboard.noOverdue" data={overdue} retry={overdueActions.refetch} />
    </div>
  );
}

function MeasureListCard(props: { id: string; title: MessageKey; empty: MessageKey; data: Resource<MeasureSummary[]>; retry: () => void }) {
  return (
    <section class="section card" aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>{t(props.title)}</h2>
      <ErrorBox error={props.data.error} onRetry={props.retry} />
      <Show when={!props.data.error}>
        <Show when={props.data()} fallback={<Loading />}>
          {(rows) => (
            <Show when={rows().length > 0} fallback={<EmptyState title={t(props.empty)} />}>
              <ul class="measure-list">
                <For each={rows().slice(0, 12)}>
                  {(measure) => (
                    <li classList={{ overdue: measure.overdue }}>
                      <A href={`/documents/${measure.documentId}?view=measures#measure-${measure.id}`} dir="auto" class="strong-link">
                        {measure.title || t('measures.untitled')}
                      </A>
                      <span class="muted small" dir="auto">
                        {measure.documentTitle}
                      </span>
                      <span class="measure-meta">
                        <MeasureStatusBadge status={measure.status} />
                        <Show when={measure.overdue}>
                          <OverdueBadge />
                        </Show>
                        <span>{t('measures.dueOn', { date: formatDate(measure.due) })}</span>
                        <span>{formatPercent(measure.progress)}</span>
                        <Show when={indicatorSummary(measure, (value) => formatNumber(value))}>
                          {(summary) => (
                            <span class="indicator-meta" data-testid="dashboard-indicator" title={measure.indicator || t('measures.indicator')}>
                              {t('indicator.short', { values: summary() })}
                              <Show when={indicatorProgress(measure) !== null}> ({t('indicator.progress', { percent: formatPercent(indicatorProgress(measure)! * 100) })})</Show>
                            </span>
                          )}
                        </Show>
                      </span>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </Show>
    </section>
  );
}
