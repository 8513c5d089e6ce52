import { Show, createResource } from 'solid-js';
import { ApiError } from '../../api/client.ts';
import { dashboard } from '../../api/endpoints.ts';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback.tsx';
import { t } from '../../i18n/index.ts';
import { ProgressChart } from './ProgressChart.tsx';

/** Per-organisation progress of action plans; the endpoint may not exist yet (404 → empty state). */
export function ProgressSection() {
  const [data, { refetch }] = createResource(async () => {
    try {
      return await dashboard.get();
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return [];
      throw error;
    }
  });
  return (
    <section class="section" aria-labelledby="progress-heading">
      <h2 id="progress-heading">{t('progress.title')}</h2>
      <ErrorBox error={data.error} onRetry={refetch} />
      <Show when={!data.error}>
        <Show when={data()} fallback={<Loading />}>
          {(rows) => (
            <Show when={rows().some((row) => row.documents > 0 || Object.values(row.measures).some((n) => n > 0))} fallback={<EmptyState title={t('progress.none')} />}>
              <ProgressChart rows={rows()} />
            </Show>
          )}
        </Show>
      </Show>
    </section>
  );
}
