import { For, Show, onCleanup, onMount } from 'solid-js';
import * as Y from 'yjs';
import { cellText, CURRENCIES, MEASURE_STATUSES, measureText, type Currency, type MeasureStatus, type MeasureTextField } from '../../../../shared/doc-schema.ts';
import { measureMap } from '../../lib/measure-index.ts';
import { bindText } from '../../lib/text-binding.ts';
import { CellEntry } from './CellEntry.tsx';
import { MeasureStatusBadge } from '../../components/Badges.tsx';
import { OrganisationMultiPicker, OrganisationSelect } from '../../components/OrganisationPicker.tsx';
import { formatDate, formatMoney, formatPercent, organisationName, t } from '../../i18n/index.ts';
import { organisationById, organisationLabel } from '../../state/directory.ts';

/**
 * One cell per field. Editable cells show their value as formatted text and mount their editor
 * (a field bound to the Y.Doc) only when entered (CellEntry.tsx); read-only cells are text.
 */

export function TextCell(props: {
  id?: string;
  doc: Y.Doc;
  measureId: string;
  field: MeasureTextField;
  label: string;
  value: string;
  editable: boolean /** a form (the measure's detail): the field at once */;
  bound?: boolean;
}) {
  return (
    <Show
      when={props.editable}
      fallback={
        <span class="cell-text" dir="auto">
          {props.value || '—'}
        </span>
      }>
      <Show when={!props.bound} fallback={<BoundText {...props} />}>
        <CellEntry label={props.label} spoken={props.value || '—'} id={props.id} class="text-entry" editor={() => <BoundText {...props} />}>
          <span class="cell-text" dir="auto" data-field={props.field}>
            {props.value}
          </span>
        </CellEntry>
      </Show>
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
    const map = measureMap(props.doc, props.measureId);
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

/**
 * The browser's date picker (it shows the date as the browser's language does); text when
 * read-only. `min`/`max` keep the start on or before the due date; a date past them is refused
 * by `onChange` returning false, and the field shows the stored date again.
 */
export function DateCell(props: {
  label: string;
  value: string | null;
  min?: string | null;
  max?: string | null;
  editable: boolean;
  onChange: (value: string | null) => boolean | undefined;
}) {
  const shown = () => formatDate(props.value) || '—';
  return (
    <Show when={props.editable} fallback={<span class="nowrap">{shown()}</span>}>
      <CellEntry
        label={props.label}
        spoken={shown()}
        value={props.value ?? ''}
        pickerOnClick
        editor={() => (
          <input
            type="date"
            class="cell-input"
            aria-label={props.label}
            value={props.value ?? ''}
            min={props.min ?? undefined}
            max={props.max ?? undefined}
            onChange={(e) => {
              if (props.onChange(e.currentTarget.value || null) === false) e.currentTarget.value = props.value ?? '';
            }}
          />
        )}>
        <span class="nowrap">{shown()}</span>
      </CellEntry>
    </Show>
  );
}

export function StatusCell(props: { value: MeasureStatus; editable: boolean; onChange: (value: MeasureStatus) => void }) {
  return (
    <Show when={props.editable} fallback={<MeasureStatusBadge status={props.value} />}>
      <CellEntry
        label={t('measures.status')}
        spoken={t(`measureStatus.${props.value}`)}
        value={props.value}
        pickerOnClick
        editor={() => (
          <select
            class={`cell-input status-chip measure-${props.value}`}
            aria-label={t('measures.status')}
            value={props.value}
            onChange={(e) => props.onChange(e.currentTarget.value as MeasureStatus)}>
            <For each={MEASURE_STATUSES}>
              {(status) => (
                <option value={status} selected={status === props.value}>
                  {t(`measureStatus.${status}`)}
                </option>
              )}
            </For>
          </select>
        )}>
        <MeasureStatusBadge status={props.value} />
      </CellEntry>
    </Show>
  );
}

export function ProgressCell(props: { value: number; editable: boolean; onChange: (value: number) => void }) {
  const clamp = (raw: string) => Math.min(100, Math.max(0, Math.round(Number(raw) || 0)));
  return (
    <div class="progress-cell">
      <div class="progress-bar" role="img" aria-label={formatPercent(props.value)}>
        <span style={{ 'inline-size': `${props.value}%` }} />
      </div>
      <Show when={props.editable} fallback={<span class="progress-value">{formatPercent(props.value)}</span>}>
        <CellEntry
          label={t('measures.progress')}
          spoken={formatPercent(props.value)}
          value={String(props.value)}
          editor={() => (
            <input
              type="number"
              class="cell-input number"
              min="0"
              max="100"
              step="5"
              aria-label={t('measures.progress')}
              value={props.value}
              onChange={(e) => props.onChange(clamp(e.currentTarget.value))}
            />
          )}>
          <span class="progress-value">{formatPercent(props.value)}</span>
        </CellEntry>
      </Show>
    </div>
  );
}

/**
 * The amount formatted in the viewer's language with its currency; editing shows the bare
 * number and the currency, so no one types thousands separators.
 */
export function BudgetCell(props: {
  value: number | null;
  currency: Currency;
  editable: boolean;
  onChange: (value: number | null) => void;
  onCurrency: (value: Currency) => void;
}) {
  const parse = (raw: string) => (raw.trim() === '' || !Number.isFinite(Number(raw)) || Number(raw) < 0 ? null : Number(raw));
  const shown = () => (props.value === null ? '—' : formatMoney(props.value, props.currency));
  return (
    <Show when={props.editable} fallback={<span class="nowrap number-text">{shown()}</span>}>
      <CellEntry
        label={t('measures.budget')}
        spoken={shown()}
        value={props.value === null ? '' : String(props.value)}
        class="budget-entry"
        editor={() => (
          <div class="budget-cell">
            <input
              type="number"
              class="cell-input number"
              min="0"
              step="1000"
              aria-label={t('grid.budgetAmount')}
              value={props.value ?? ''}
              onChange={(e) => props.onChange(parse(e.currentTarget.value))}
            />
            <select class="cell-input currency" aria-label={t('grid.currency')} value={props.currency} onChange={(e) => props.onCurrency(e.currentTarget.value as Currency)}>
              <For each={CURRENCIES}>
                {(currency) => (
                  <option value={currency} selected={currency === props.currency}>
                    {currency}
                  </option>
                )}
              </For>
            </select>
          </div>
        )}>
        <span class="nowrap number-text">{shown()}</span>
      </CellEntry>
    </Show>
  );
}

export function LeadCell(props: { value: string | null; editable: boolean; onChange: (value: string | null) => void }) {
  const shown = () => (props.value ? organisationLabel(props.value) : '—');
  return (
    <Show when={props.editable} fallback={<span class="cell-text">{shown()}</span>}>
      <CellEntry
        label={t('measures.lead')}
        spoken={shown()}
        value={props.value ?? ''}
        pickerOnClick
        editor={() => <OrganisationSelect label={t('measures.lead')} value={props.value} onChange={props.onChange} />}>
        <span class="cell-text">{shown()}</span>
      </CellEntry>
    </Show>
  );
}

export function PartnersCell(props: { value: string[]; lead: string | null; editable: boolean; onChange: (value: string[]) => void }) {
  const names = () => props.value.map((id) => organisationName(organisationById(id)));
  return (
    <Show when={props.editable} fallback={<span class="cell-text">{names().join(', ') || '—'}</span>}>
      <CellEntry
        label={t('measures.partners')}
        spoken={names().join(', ') || '—'}
        value={props.value.join(',')}
        focus="select"
        editor={() => <OrganisationMultiPicker label={t('measures.partners')} value={props.value} exclude={props.lead} onChange={props.onChange} />}>
        {/* A space between chips: the visible text must read as the accessible name does (WCAG 2.5.3). */}
        <span class="chips">
          <For each={names()}>
            {(name) => (
              <>
                <span class="chip">{name}</span>{' '}
              </>
            )}
          </For>
        </span>
      </CellEntry>
    </Show>
  );
}
