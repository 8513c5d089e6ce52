import { For } from 'solid-js';
import { MEASURE_STATUSES, type MeasureStatus } from '../../../../shared/doc-schema.ts';
import { OrganisationSelect } from '../../components/OrganisationPicker.tsx';
import { t } from '../../i18n/index.ts';
import { MEASURE_GROUPS, MEASURE_SORTS, type MeasureGroup, type MeasureSort, type MeasureViewOptions } from '../../lib/measure-view.ts';

/** Sort, group and filter the grid: what this person sees, never a change to the document. */
export function MeasuresToolbar(props: { options: MeasureViewOptions; onChange: (patch: Partial<MeasureViewOptions>) => void; shown: number; total: number }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: filters laid out in one toolbar row; a fieldset would draw a frame and need a legend the design does not show
    <div class="grid-toolbar" role="group" aria-label={t('measures.title')}>
      <input
        type="search"
        class="grid-search"
        placeholder={t('grid.search')}
        aria-label={t('grid.search')}
        value={props.options.query}
        onInput={(e) => props.onChange({ query: e.currentTarget.value })}
      />
      <select
        aria-label={t('measures.status')}
        value={props.options.status ?? ''}
        onChange={(e) => props.onChange({ status: (e.currentTarget.value || null) as MeasureStatus | null })}>
        <option value="">{t('grid.allStatuses')}</option>
        <For each={MEASURE_STATUSES}>
          {(status) => (
            <option value={status} selected={status === props.options.status}>
              {t(`measureStatus.${status}`)}
            </option>
          )}
        </For>
      </select>
      <OrganisationSelect label={t('measures.lead')} value={props.options.lead} emptyLabel={t('grid.allLeads')} onChange={(lead) => props.onChange({ lead })} />
      <label class="inline-check">
        <input type="checkbox" checked={props.options.overdueOnly} onChange={(e) => props.onChange({ overdueOnly: e.currentTarget.checked })} /> {t('grid.overdueOnly')}
      </label>
      <label class="inline-field">
        <span>{t('grid.sort')}</span>
        <select value={props.options.sort} onChange={(e) => props.onChange({ sort: e.currentTarget.value as MeasureSort })}>
          <For each={MEASURE_SORTS}>
            {(sort) => (
              <option value={sort} selected={sort === props.options.sort}>
                {t(`grid.sort.${sort}`)}
              </option>
            )}
          </For>
        </select>
      </label>
      <label class="inline-field">
        <span>{t('grid.group')}</span>
        <select value={props.options.group} onChange={(e) => props.onChange({ group: e.currentTarget.value as MeasureGroup })}>
          <For each={MEASURE_GROUPS}>
            {(group) => (
              <option value={group} selected={group === props.options.group}>
                {t(`grid.group.${group}`)}
              </option>
            )}
          </For>
        </select>
      </label>
      <span class="muted small" aria-live="polite">
        {t('grid.shown', { shown: props.shown, total: props.total })}
      </span>
    </div>
  );
}
