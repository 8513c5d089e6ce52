import { For, Show } from 'solid-js';
import { MEASURE_STATUSES, type MeasureStatus } from '../../../../shared/doc-schema.ts';
import { MeasureStatusBadge } from '../../components/Badges.tsx';
import { OrganisationMultiPicker, OrganisationSelect } from '../../components/OrganisationPicker.tsx';
import { formatDate, formatMoney, formatPercent, organisationName, t } from '../../i18n/index.ts';
import { organisationById, organisationLabel } from '../../state/directory.ts';

/** One cell per field: an input bound to the Y.Doc when editable, formatted text otherwise. */

export function TextCell(props: { id?: string; label: string; value: string; editable: boolean; onChange: (value: string) => void }) {
  return (
    <Show when={props.editable} fallback={<span dir="auto">{props.value || '—'}</span>}>
      <textarea id={props.id} class="cell-input" dir="auto" rows="2" aria-label={props.label} value={props.value} onInput={(e) => props.onChange(e.currentTarget.value)} />
    </Show>
  );
}

export function DateCell(props: { label: string; value: string | null; editable: boolean; onChange: (value: string | null) => void }) {
  return (
    <Show when={props.editable} fallback={<span class="nowrap">{formatDate(props.value)}</span>}>
      <input type="date" class="cell-input" aria-label={props.label} value={props.value ?? ''} onChange={(e) => props.onChange(e.currentTarget.value || null)} />
    </Show>
  );
}

export function StatusCell(props: { value: MeasureStatus; editable: boolean; onChange: (value: MeasureStatus) => void }) {
  return (
    <Show when={props.editable} fallback={<MeasureStatusBadge status={props.value} />}>
      <select class={`cell-input measure-select-${props.value}`} aria-label={t('measures.status')} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value as MeasureStatus)}>
        <For each={MEASURE_STATUSES}>{(status) => <option value={status}>{t(`measureStatus.${status}`)}</option>}</For>
      </select>
    </Show>
  );
}

export function ProgressCell(props: { value: number; editable: boolean; onChange: (value: number) => void }) {
  const clamp = (raw: string) => Math.min(100, Math.max(0, Math.round(Number(raw) || 0)));
  return (
    <div class="progress-cell">
      <Show when={props.editable} fallback={<span>{formatPercent(props.value)}</span>}>
        <input type="number" class="cell-input number" min="0" max="100" step="5" aria-label={t('measures.progress')} value={props.value} onChange={(e) => props.onChange(clamp(e.currentTarget.value))} />
      </Show>
      <progress max="100" value={props.value} aria-hidden="true" />
    </div>
  );
}

export function BudgetCell(props: { value: number | null; editable: boolean; onChange: (value: number | null) => void }) {
  const parse = (raw: string) => (raw.trim() === '' || !Number.isFinite(Number(raw)) || Number(raw) < 0 ? null : Number(raw));
  return (
    <Show when={props.editable} fallback={<span class="nowrap">{props.value === null ? '—' : formatMoney(props.value)}</span>}>
      <input type="number" class="cell-input number" min="0" step="1000" aria-label={t('measures.budgetLabel')} value={props.value ?? ''} onChange={(e) => props.onChange(parse(e.currentTarget.value))} />
    </Show>
  );
}

export function LeadCell(props: { value: string | null; editable: boolean; onChange: (value: string | null) => void }) {
  return (
    <Show when={props.editable} fallback={<span>{props.value ? organisationLabel(props.value) : '—'}</span>}>
      <OrganisationSelect label={t('measures.lead')} value={props.value} onChange={props.onChange} />
    </Show>
  );
}

export function PartnersCell(props: { value: string[]; lead: string | null; editable: boolean; onChange: (value: string[]) => void }) {
  return (
    <Show when={props.editable} fallback={<span>{props.value.map((id) => organisationName(organisationById(id))).join(', ') || '—'}</span>}>
      <OrganisationMultiPicker label={t('measures.partners')} value={props.value} exclude={props.lead} onChange={props.onChange} />
    </Show>
  );
}
