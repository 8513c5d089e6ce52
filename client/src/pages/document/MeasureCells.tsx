import { For, Show, onCleanup, onMount } from 'solid-js';
import * as Y from 'yjs';
import { cellText, findMeasure, MEASURE_STATUSES, measureText, type MeasureStatus, type MeasureTextField } from '../../../../shared/doc-schema.ts';
import { bindText } from '../../lib/text-binding.ts';
import { MeasureStatusBadge } from '../../components/Badges.tsx';
import { OrganisationMultiPicker, OrganisationSelect } from '../../components/OrganisationPicker.tsx';
import { formatDate, formatMoney, formatPercent, organisationName, t } from '../../i18n/index.ts';
import { organisationById, organisationLabel } from '../../state/directory.ts';

/** One cell per field: an input bound to the Y.Doc when editable, formatted text otherwise. */

export function TextCell(props: { id?: string; doc: Y.Doc; measureId: string; field: MeasureTextField; label: string; value: string; editable: boolean }) {
  return (
    <Show when={props.editable} fallback={<span class="cell-text" dir="auto">{props.value || '—'}</span>}>
      <BoundText {...props} />
    </Show>
  );
}

/**
 * A textarea bound to the cell's Y.Text (lib/text-binding.ts): typing merges with what others
 * type in the same cell. Rebinds when the cell is replaced (an old client writing a string).
 */
function BoundText(props: { id?: string; doc: Y.Doc; measureId: string; field: MeasureTextField; label: string; value: string }) {
  let field!: HTMLTextAreaElement;
  onMount(() => {
    const map = findMeasure(props.doc, props.measureId);
    if (!map) return;
    let unbind: (() => void) | null = null;
    const bind = () => {
      unbind?.();
      unbind = null;
      const value = map.get(props.field);
      if (value instanceof Y.Text) unbind = bindText(field, value);
      else field.value = cellText(value);
    };
    const onKeys = (event: Y.YMapEvent<unknown>) => event.keysChanged.has(props.field) && bind();
    bind();
    map.observe(onKeys);
    onCleanup(() => {
      map.unobserve(onKeys);
      unbind?.();
    });
  });
  // A cell still holding a string becomes a Y.Text before the first keystroke, not during it.
  const ensureText = () => measureText(props.doc, props.measureId, props.field);
  return <textarea ref={field} id={props.id} class="cell-input" dir="auto" rows="2" aria-label={props.label} data-field={props.field} onFocus={ensureText} />;
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
