import { useSearchParams } from '@solidjs/router';
import { Show, createResource } from 'solid-js';
import { documents, type DocumentFilters as Filters } from '../../api/endpoints.ts';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback.tsx';
import { t } from '../../i18n/index.ts';
import { DocumentFilters } from './DocumentFilters.tsx';
import { DocumentList } from './DocumentList.tsx';

/** Documents visible to me; the filters live in the address so a filtered view can be shared. */
export function DocumentsSection() {
  const [params, setParams] = useSearchParams<{ kind?: string; status?: string; lead?: string; partner?: string; q?: string }>();
  const filters = (): Filters => ({
    kind: (params.kind ?? '') as Filters['kind'],
    status: (params.status ?? '') as Filters['status'],
    lead: params.lead ?? '',
    partner: params.partner ?? '',
    q: params.q ?? '',
  });
  const [list, { refetch }] = createResource(filters, (current) => documents.list(current));
  const update = (patch: Partial<Filters>) => setParams(Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v || undefined])), { replace: true });

  return (
    <section class="section" aria-labelledby="documents-heading">
      <h2 id="documents-heading">{t('documents.title')}</h2>
      <DocumentFilters value={filters()} onChange={update} />
      <ErrorBox error={list.error} onRetry={refetch} />
      <Show when={!list.error}>
        <Show when={list()} fallback={<Loading />}>
          {(result) => (
            <Show when={result().documents.length > 0} fallback={<EmptyState title={t('documents.none')} />}>
              <p class="muted count" aria-live="polite">
                {t('documents.count', { count: result().total })}
              </p>
              <DocumentList documents={result().documents} />
            </Show>
          )}
        </Show>
      </Show>
    </section>
  );
}
