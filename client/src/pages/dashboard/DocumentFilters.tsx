import { For, createSignal, onCleanup } from 'solid-js';
import { DOCUMENT_KINDS, DOCUMENT_STATUSES } from '../../api/types.ts';
import type { DocumentFilters as Filters } from '../../api/endpoints.ts';
import { OrganisationSelect } from '../../components/OrganisationPicker.tsx';
import { t } from '../../i18n/index.ts';

/** Kind, status, lead, partner and a text search (sent 300 ms after typing stops). */
export function DocumentFilters(props: { value: Filters; onChange: (patch: Partial<Filters>) => void }) {
  const [text, setText] = createSignal(props.value.q ?? '');
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const typed = (value: string) => {
    setText(value);
    clearTimeout(timer);
    timer = setTimeout(() => props.onChange({ q: value.trim() }), 300);
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: a search form as HTML has long written it; the <search> element is too recent for the browsers ministries keep
    <form
      class="filters"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        props.onChange({ q: text().trim() });
      }}>
      <div class="field grow">
        <label for="filter-q">{t('filters.search')}</label>
        <input id="filter-q" type="search" dir="auto" value={text()} onInput={(e) => typed(e.currentTarget.value)} placeholder={t('filters.searchPlaceholder')} />
      </div>
      <div class="field">
        <label for="filter-kind">{t('filters.kind')}</label>
        <select id="filter-kind" value={props.value.kind ?? ''} onChange={(e) => props.onChange({ kind: e.currentTarget.value as Filters['kind'] })}>
          <option value="">{t('filters.all')}</option>
          <For each={DOCUMENT_KINDS}>{(kind) => <option value={kind}>{t(`kind.${kind}`)}</option>}</For>
        </select>
      </div>
      <div class="field">
        <label for="filter-status">{t('filters.status')}</label>
        <select id="filter-status" value={props.value.status ?? ''} onChange={(e) => props.onChange({ status: e.currentTarget.value as Filters['status'] })}>
          <option value="">{t('filters.all')}</option>
          <For each={DOCUMENT_STATUSES}>{(status) => <option value={status}>{t(`status.${status}`)}</option>}</For>
        </select>
      </div>
      <div class="field">
        <label for="filter-lead">{t('filters.lead')}</label>
        <OrganisationSelect
          id="filter-lead"
          valueKey="code"
          value={props.value.lead ?? ''}
          emptyLabel={t('filters.all')}
          onChange={(code) => props.onChange({ lead: code ?? '' })}
        />
      </div>
      <div class="field">
        <label for="filter-partner">{t('filters.partner')}</label>
        <OrganisationSelect
          id="filter-partner"
          valueKey="code"
          value={props.value.partner ?? ''}
          emptyLabel={t('filters.all')}
          onChange={(code) => props.onChange({ partner: code ?? '' })}
        />
      </div>
    </form>
  );
}
