import { For, Match, Show, Switch, createMemo, createSignal, onCleanup, onMount } from 'solid-js';
import type * as Y from 'yjs';
import type { MeasureFields } from '../../../../shared/doc-schema.ts';
import { EmptyState } from '../../components/Feedback.tsx';
import { collator, formatNumber, t } from '../../i18n/index.ts';
import { todayIso } from '../../lib/dates.ts';
import { shownColumns, withColumn, type ColumnSpec, type MeasureColumnId } from '../../lib/grid-columns.ts';
import { focusCell, gridMove } from '../../lib/grid-keys.ts';
import { addMeasure } from '../../lib/measures.ts';
import { arrangeMeasures, DEFAULT_VIEW, visibleWindow, type GridItem, type MeasureViewOptions } from '../../lib/measure-view.ts';
import { organisationLabel } from '../../state/directory.ts';
import { preference } from '../../state/preferences.ts';
import { createBlockSelection } from './block-selection.ts';
import { ColumnHeader } from './ColumnHeader.tsx';
import { ColumnsMenu } from './ColumnsMenu.tsx';
import { MeasureRow } from './MeasureRow.tsx';
import { MeasureDetail } from './indicators/MeasureDetail.tsx';
import type { IndicatorHistoryStore } from './indicators/history-store.ts';
import { MeasuresToolbar } from './MeasuresToolbar.tsx';
import { PastePreview } from './PastePreview.tsx';

const VIEW_KEY = 'tansiq.measuresView';
/** Beyond this many lines only those in view are rendered, each of a fixed height. */
const VIRTUAL_FROM = 80;
const LINE_HEIGHT = 76;

function storedView(): MeasureViewOptions {
  try {
    return { ...DEFAULT_VIEW, ...JSON.parse(globalThis.localStorage?.getItem(VIEW_KEY) ?? '{}'), query: '' };
  } catch {
    return DEFAULT_VIEW;
  }
}

/**
 * The action plan's measures as a grid: sticky header and first column, sorted, grouped and
 * filtered per viewer (remembered in this browser), cells bound to the Y.Doc. Long plans render
 * only the lines in view; a phone shows a card per measure (tables.css).
 */
export function MeasuresTable(props: {
  doc: Y.Doc;
  rows: MeasureFields[];
  editable: boolean;
  /** open comment threads per measure id */
  commentCounts: Map<string, number>;
  onComments: (measure: MeasureFields) => void;
  indicatorHistory: IndicatorHistoryStore;
}) {
  // The measure whose details are open (its indicator, history and comments), by id.
  const [detailId, setDetailId] = createSignal<string | null>(null);
  const detailMeasure = () => props.rows.find((row) => row.id === detailId());
  const [options, setOptions] = createSignal<MeasureViewOptions>(storedView());
  const change = (patch: Partial<MeasureViewOptions>) => {
    setOptions({ ...options(), ...patch });
    const { query: _query, ...kept } = options();
    globalThis.localStorage?.setItem(VIEW_KEY, JSON.stringify(kept));
  };
  const items = createMemo(() => arrangeMeasures(props.rows, options(), { today: todayIso(), leadName: (id) => (id ? organisationLabel(id) : ''), collator: collator() }));
  const shown = () => items().filter((item) => item.kind === 'row').length;
  const movable = () => options().sort === 'order' && options().group === 'none';

  // Column widths and hidden columns: this person's, from the server, applied at once.
  const layout = preference('measures.grid');
  const columns = createMemo(() => shownColumns(layout.value()));
  // Ids change only when a column is hidden or shown, not while one is being resized: headers and
  // cells are keyed by them, so a drag never re-creates the handle it holds.
  const columnIds = createMemo(() => columns().map((column) => column.id), undefined, { equals: (a, b) => a.length === b.length && a.every((id, i) => id === b[i]) });
  const columnById = createMemo(() => new Map(columns().map((column) => [column.id, column])));
  const tableWidth = () => columns().reduce((sum, column) => sum + column.width, 0);
  const COLUMN_COUNT = () => columns().length;
  const columnLabel = (id: MeasureColumnId): string =>
    id === 'number' ? t('gridLayout.number') : id === 'notes' ? t('grid.notes') : id === 'actions' ? t('common.actions') : id === 'title' ? t('measures.measure') : t(`measures.${id}`);
  const setColumn = (column: ColumnSpec, change: { width?: number | null; hidden?: boolean }) => layout.set(withColumn(layout.value(), column, change));

  let scroller: HTMLDivElement | undefined;
  const [scrollTop, setScrollTop] = createSignal(0);
  const [viewport, setViewport] = createSignal({ height: 800, width: 1200 });
  onMount(() => {
    if (!scroller || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setViewport({ height: scroller!.clientHeight, width: scroller!.clientWidth }));
    observer.observe(scroller);
    onCleanup(() => observer.disconnect());
  });
  // Cards (narrow screens) have no fixed height: they are all rendered.
  const virtual = () => items().length > VIRTUAL_FROM && viewport().width > 640;
  const range = createMemo(() => (virtual() ? visibleWindow(items().length, scrollTop(), viewport().height, LINE_HEIGHT) : { start: 0, end: items().length }));
  // Lines keep their identity across changes (a row is the store's own object), so a cell being
  // typed in is never re-created under the caret when another row or a filter changes.
  const groups = new Map<string, Extract<GridItem, { kind: 'group' }>>();
  const positions = createMemo(() => new Map(props.rows.map((row, index) => [row.id, index])));
  const lines = createMemo(() =>
    items().map((item) => {
      if (item.kind === 'row') return item.measure;
      const key = `${item.group}:${item.key}:${item.count}`;
      if (!groups.has(key)) groups.set(key, item);
      return groups.get(key)!;
    }),
  );
  const visible = createMemo(() => lines().slice(range().start, range().end));

  const [copied, setCopied] = createSignal('');
  let copiedTimer: ReturnType<typeof setTimeout> | undefined;
  const selection = createBlockSelection({
    rows: () => items().flatMap((item) => (item.kind === 'row' ? [item.measure] : [])),
    columns: columnIds,
    context: () => ({
      number: (measure) => (positions().get(measure.id) ?? 0) + 1,
      organisationName: organisationLabel,
      statusName: (status) => t(`measureStatus.${status}`),
      plainNumber: (value) => formatNumber(value, { useGrouping: false, maximumFractionDigits: 2 }),
    }),
    onCopied: (count) => {
      setCopied(t('gridLayout.copied', { count }));
      clearTimeout(copiedTimer);
      copiedTimer = setTimeout(() => setCopied(''), 3000);
    },
  });

  const onKeys = (event: KeyboardEvent) => {
    if (selection.onKeyDown(event, document.documentElement.dir === 'rtl')) return;
    const move = gridMove(event, document.documentElement.dir === 'rtl');
    if (!move) return;
    const from = event.target as HTMLElement;
    if (move === 'edit') {
      const control = from.querySelector<HTMLElement>('textarea, input, select, button');
      if (control) {
        event.preventDefault();
        control.focus();
      }
      return;
    }
    if (move === 'leave') {
      const cell = from.closest('td');
      if (!cell) return;
      event.preventDefault();
      cell.tabIndex = -1;
      cell.focus();
      return;
    }
    if (focusCell(from, move)) event.preventDefault();
  };
  // A block of cells pasted on the grid (not into a field) is offered as new rows, with a preview.
  const [pasting, setPasting] = createSignal<string | null>(null);
  const onPaste = (event: ClipboardEvent) => {
    if (!props.editable || (event.target as HTMLElement).matches('input, textarea, select')) return;
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (!/[\t\n]/.test(text.trim())) return;
    event.preventDefault();
    setPasting(text);
  };
  const add = () => {
    const id = addMeasure(props.doc);
    queueMicrotask(() => document.getElementById(`measure-title-${id}`)?.focus());
  };
  const groupLabel = (item: Extract<GridItem, { kind: 'group' }>) => {
    if (item.group === 'lead') return item.key ? organisationLabel(item.key) : t('grid.noLead');
    if (item.group === 'status') return t(`measureStatus.${item.key as MeasureFields['status']}`);
    return item.key === 'overdue' ? t('measures.overdue') : t('grid.onTime');
  };
  return (
    <section class="measures" aria-labelledby="measures-heading">
      <div class="section-heading">
        <h2 id="measures-heading">{t('measures.title')}</h2>
        <Show when={props.editable}>
          <div class="actions">
            <button type="button" class="button subtle" onClick={() => setPasting('')} data-testid="paste-measures">
              {t('grid.paste')}
            </button>
            <button type="button" class="button primary" onClick={add} data-testid="add-measure">
              {t('measures.add')}
            </button>
          </div>
        </Show>
      </div>
      <Show when={detailMeasure()}>
        {(measure) => (
          <MeasureDetail doc={props.doc} measure={measure()} history={props.indicatorHistory.of(measure().id)} editable={props.editable}
            comments={props.commentCounts.get(measure().id) ?? 0} onComments={() => props.onComments(measure())} onClose={() => setDetailId(null)} />
        )}
      </Show>
      <Show when={pasting() !== null}>
        <PastePreview doc={props.doc} initialText={pasting()!} onClose={() => setPasting(null)} />
      </Show>
      <Show when={props.rows.length > 0} fallback={<EmptyState title={t('measures.none')} />}>
        <div class="grid-toolbar-row">
          <MeasuresToolbar options={options()} onChange={change} shown={shown()} total={props.rows.length} />
          <ColumnsMenu preference={layout.value()} label={(column) => columnLabel(column.id)} onHidden={(column, hidden) => setColumn(column, { hidden })} onReset={() => layout.set({ columns: {} })} />
          <span class="muted small" role="status" data-testid="grid-copied">{copied()}</span>
        </div>
        <div class="table-scroll grid-scroll" ref={scroller} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} onPaste={onPaste} onCopy={selection.onCopy}>
          <table class="data-table measures-table" classList={{ 'read-only': !props.editable, virtual: virtual() }} style={{ '--grid-width': `${tableWidth()}px` }}>
            <caption class="visually-hidden">{t('measures.title')}</caption>
            <colgroup>
              <For each={columnIds()}>{(id) => <col data-column={id} style={{ 'inline-size': `${columnById().get(id)?.width ?? 0}px` }} />}</For>
            </colgroup>
            <thead>
              <tr>
                <For each={columnIds()}>
                  {(id) => (
                    <ColumnHeader column={columnById().get(id)!} label={id === 'number' ? '#' : columnLabel(id)} hiddenLabel={id === 'actions'}
                      class={id === 'number' ? 'narrow' : id === 'title' ? 'wide sticky' : undefined} onWidth={(width) => setColumn(columnById().get(id)!.spec, { width })} />
                  )}
                </For>
              </tr>
            </thead>
            <tbody onKeyDown={onKeys} onPointerDown={selection.onPointerDown} onFocusIn={selection.onFocusIn}>
              <Show when={range().start > 0}>
                <tr class="spacer" aria-hidden="true" style={{ height: `${range().start * LINE_HEIGHT}px` }}><td colSpan={COLUMN_COUNT()} /></tr>
              </Show>
              <For each={visible()}>
                {(line) => (
                  <Switch>
                    <Match when={'kind' in line && line}>
                      {(group) => (
                        <tr class="group-row">
                          <th scope="colgroup" colSpan={COLUMN_COUNT()}>
                            <span class="group-name">{groupLabel(group())}</span> <span class="muted small">{t('grid.groupCount', { count: group().count })}</span>
                          </th>
                        </tr>
                      )}
                    </Match>
                    <Match when={!('kind' in line) && line}>
                      {(measure) => (
                        <MeasureRow doc={props.doc} measure={measure()} position={positions().get(measure().id) ?? 0} count={props.rows.length} editable={props.editable} movable={movable()}
                          comments={props.commentCounts.get(measure().id) ?? 0} onComments={() => props.onComments(measure())}
                          history={props.indicatorHistory.of(measure().id)} onDetail={() => setDetailId(measure().id)}
                          columns={columnIds()} selected={(column) => selection.isSelected(measure().id, column)} />
                      )}
                    </Match>
                  </Switch>
                )}
              </For>
              <Show when={range().end < items().length}>
                <tr class="spacer" aria-hidden="true" style={{ height: `${(items().length - range().end) * LINE_HEIGHT}px` }}><td colSpan={COLUMN_COUNT()} /></tr>
              </Show>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}
