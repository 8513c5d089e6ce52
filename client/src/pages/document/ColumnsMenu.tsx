import { For } from 'solid-js';
import type { MeasuresGridPreference } from '../../../../shared/user-preferences.ts';
import { t } from '../../i18n/index.ts';
import { isHidden, MEASURE_COLUMNS, type ColumnSpec } from '../../lib/grid-columns.ts';

/** "Columns": a checkbox per column that may be hidden, and a way back to the defaults. */
export function ColumnsMenu(props: {
  preference: MeasuresGridPreference | null;
  label: (column: ColumnSpec) => string;
  onHidden: (column: ColumnSpec, hidden: boolean) => void;
  onReset: () => void;
}) {
  return (
    <details class="columns-menu" data-testid="columns-menu">
      <summary class="button subtle">{t('gridLayout.columns')}</summary>
      <fieldset class="columns-menu-panel">
        <legend class="muted small">{t('gridLayout.columnsHint')}</legend>
        <For each={MEASURE_COLUMNS.filter((column) => column.hideable)}>
          {(column) => (
            <label class="inline-check">
              <input type="checkbox" checked={!isHidden(props.preference, column)} onChange={(e) => props.onHidden(column, !e.currentTarget.checked)} /> {props.label(column)}
            </label>
          )}
        </For>
        <button type="button" class="button subtle" onClick={() => props.onReset()}>
          {t('gridLayout.reset')}
        </button>
      </fieldset>
    </details>
  );
}
