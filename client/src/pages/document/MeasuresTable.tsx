import { For, Match, Show, Switch, createEffect, createMemo, createSignal, onCleanup } from 'solid-js';
import type * as Y from 'yjs';
import type { MeasureFields } from '../../../../shared/doc-schema.ts';
import { EmptyState } from '../../components/Feedback.tsx';
import { collator, formatNumber, t } from '../../i18n/index.ts';
import { todayIso } from '../../lib/dates.ts';
import { shownColumns, withColumn, type ColumnSpec, type MeasureColumnId } from '../../lib/grid-columns.ts';
import { focusCell, gridMove } from '../../lib/grid-keys.ts';
import { addMeasure } from '../../lib/measures.ts';
import { arrangeMeasures, DEFAULT_VIEW, type GridItem, type MeasureViewOptions } from '../../lib/measure-view.ts';
import { lineOffsets, windowOf } from '../../lib/row-window.ts';
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
import { createRowPool, type RowSlot } from './row-pool.ts';

const VIEW_KEY = 'tansiq.measuresView';
/** Beyond this many lines only those in view are rendered (rows of a fixed height in the table). */
const VIRTUAL_FROM = 80;
/** heights of a row and of a group's heading in a long plan's table (tables.css) */
const LINE_HEIGHT = 76;
const GROUP_HEIGHT = 44;
/** a card's height until one is measured */
const CARD_HEIGHT = 420;
/** pixels rendered beyond each edge of the view, and the number of rows the window moves by */
const OVERSCAN = 600;
const WINDOW_STEP = 4;

type GroupLine = Extract<GridItem, { kind: 'group' }>;
/** a line of the grid: a measure, or the heading of a group */
type Line = MeasureFields | GroupLine;
const isGroup = (line: Line): line is GroupLine => 'kind' in line;
const lineKey = (line: Line): string => (isGroup(line) ? `g${line.group}:${line.key}` : `m${line.id}`);

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
    id === 'number'
      ? t('gridLayout.number')
      : id === 'notes'
        ? t('grid.notes')
        : id === 'actions'
          ? t('common.actions')
          : id === 'title'
            ? t('measures.measure')
            : t(`measures.${id}`);
  const setColumn = (column: ColumnSpec, change: { width?: number | null; hidden?: boolean }) => layout.set(withColumn(layout.value(), column, change));

  // Long plans render only the lines in view (and a margin), in row elements that are reused as
  // the window moves (row-pool.ts): a scroll changes a row or two, it builds none. Rows have a
  // fixed height in the table; on a phone, cards are measured as they are shown.
  let scroller: HTMLDivElement | undefined;
  let body: HTMLTableSectionElement | undefined;
  const [layoutMode, setLayoutMode] = createSignal<'table' | 'cards'>('table');
  const [view, setView] = createSignal({ top: 0, height: 800 }, { equals: (a, b) => a.top === b.top && a.height === b.height });
  let headHeight = 0;
  let viewportHeight = 800;
  /** where the lines start relative to the top of what is in view, read after the layout it needs is done */
  const readView = () => {
    if (!scroller || !body) return;
    if (layoutMode() === 'table') setView({ top: scroller.scrollTop - headHeight, height: viewportHeight });
    else setView({ top: -body.getBoundingClientRect().top, height: window.innerHeight });
  };
  // (The grid appears once the plan has measures: follow its frame from then on.)
  const [frame, setFrame] = createSignal<HTMLDivElement>();
  createEffect(() => {
    const element = frame();
    if (!element || typeof ResizeObserver === 'undefined') return;
    // The layout follows tables.css's container query: it sets --grid-layout to "cards" on a phone.
    const observer = new ResizeObserver(() => {
      setLayoutMode(getComputedStyle(element).getPropertyValue('--grid-layout').trim() === 'cards' ? 'cards' : 'table');
      viewportHeight = element.clientHeight;
      headHeight = element.querySelector('thead')?.offsetHeight ?? 0;
      readView();
    });
    observer.observe(element);
    onCleanup(() => observer.disconnect());
  });
  // Cards scroll with the page (or whichever box holds it): follow every scroll while cards show.
  createEffect(() => {
    if (layoutMode() !== 'cards') return;
    const onScroll = () => readView();
    window.addEventListener('scroll', onScroll, { capture: true, passive: true });
    window.addEventListener('resize', onScroll, { passive: true });
    onCleanup(() => {
      window.removeEventListener('scroll', onScroll, { capture: true });
      window.removeEventListener('resize', onScroll);
    });
  });
  // Lines keep their identity across changes (a row is the store's own object), so a cell being
  // typed in is never re-created under the caret when another row or a filter changes.
  const groups = new Map<string, GroupLine>();
  const positions = createMemo(() => new Map(props.rows.map((row, index) => [row.id, index])));
  const lines = createMemo(() =>
    items().map((item): Line => {
      if (item.kind === 'row') return item.measure;
      const key = `${item.group}:${item.key}:${item.count}`;
      if (!groups.has(key)) groups.set(key, item);
      return groups.get(key)!;
    }),
  );
  const windowed = () => lines().length > VIRTUAL_FROM;
  // Only a window of rows is in the DOM: screen readers learn the whole count and each row's place from these.
  const rowIndexOf = createMemo(() => new Map(lines().map((line, index) => [lineKey(line), index + 2])));
  // Heights of cards as measured, by line; the others are taken as the mean of those.
  const cardHeights = new Map<string, number>();
  const [measured, setMeasured] = createSignal(0);
  const offsets = createMemo(() => {
    const list = lines();
    if (layoutMode() === 'table') return lineOffsets(list.map((line) => (isGroup(line) ? GROUP_HEIGHT : LINE_HEIGHT)));
    measured();
    let sum = 0;
    for (const height of cardHeights.values()) sum += height;
    const estimate = cardHeights.size > 0 ? sum / cardHeights.size : CARD_HEIGHT;
    return lineOffsets(list.map((line) => cardHeights.get(lineKey(line)) ?? estimate));
  });
  const range = createMemo(
    () => {
      if (!windowed()) return { start: 0, end: lines().length };
      const { top, height } = view();
      const overscan = layoutMode() === 'table' ? OVERSCAN : Math.max(OVERSCAN, height);
      return windowOf(offsets(), top, height, overscan, layoutMode() === 'table' ? WINDOW_STEP : 1);
    },
    undefined,
    { equals: (a, b) => a.start === b.start && a.end === b.end },
  );
  const visible = createMemo(() => lines().slice(range().start, range().end));
  const spaceBefore = () => (windowed() ? offsets()[range().start]! : 0);
  const spaceAfter = () => (windowed() ? offsets()[lines().length]! - offsets()[range().end]! : 0);
  // A row that leaves the window while holding the focus gives it to the grid (which arrows and
  // Page keys still scroll) before it shows another measure: its editor must not stay open on it.
  const slots = createRowPool(visible, lineKey, (slot) => {
    if (slot.element?.contains(document.activeElement)) scroller?.focus({ preventScroll: true });
  });
  // On a phone each card shown is measured (once per measure it shows, and when it changes size).
  const rowOfElement = new WeakMap<Element, RowSlot<Line>>();
  const cardSizes =
    typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver((entries) => {
          let changed = false;
          let gap: number | null = null;
          for (const entry of entries) {
            const slot = rowOfElement.get(entry.target);
            if (!slot || !entry.target.isConnected) continue;
            gap ??= parseFloat(getComputedStyle(entry.target).marginBlockEnd) || 0;
            const height = (entry.borderBoxSize?.[0]?.blockSize ?? entry.target.getBoundingClientRect().height) + gap;
            if (height > 0 && cardHeights.get(slot.key) !== height) {
              cardHeights.set(slot.key, height);
              changed = true;
            }
          }
          if (changed) setMeasured((count) => count + 1);
        });
  onCleanup(() => cardSizes?.disconnect());
  const measuring = () => layoutMode() === 'cards' && windowed();
  /** Registers a line's element; while cards are measured, it is measured for each line it shows. */
  const track = (slot: RowSlot<Line>, element: HTMLElement) => {
    slot.element = element;
    rowOfElement.set(element, slot);
    if (!cardSizes) return;
    createEffect(() => {
      if (!measuring()) return cardSizes.unobserve(element);
      slot.line();
      // Observing anew reports the size at once, for the measure now shown.
      cardSizes.unobserve(element);
      cardSizes.observe(element);
    });
  };

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
  // A line of a long plan may be outside the window: scroll to it first, so that its row exists.
  const reveal = (id: string) => {
    const index = lines().findIndex((line) => !isGroup(line) && line.id === id);
    if (index < 0 || !windowed() || !scroller || !body) return;
    const top = offsets()[index]!;
    if (layoutMode() === 'table') scroller.scrollTop = top + headHeight - viewportHeight / 3;
    else window.scrollTo({ top: window.scrollY + body.getBoundingClientRect().top + top - window.innerHeight / 3 });
    readView();
  };
  const add = () => {
    const id = addMeasure(props.doc);
    queueMicrotask(() => {
      reveal(id);
      document.getElementById(`measure-title-${id}`)?.focus();
    });
  };
  const groupLabel = (item: GroupLine) => {
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
          <MeasureDetail
            doc={props.doc}
            measure={measure()}
            history={props.indicatorHistory.of(measure().id)}
            editable={props.editable}
            comments={props.commentCounts.get(measure().id) ?? 0}
            onComments={() => props.onComments(measure())}
            onClose={() => setDetailId(null)}
          />
        )}
      </Show>
      <Show when={pasting() !== null}>
        <PastePreview doc={props.doc} initialText={pasting()!} onClose={() => setPasting(null)} />
      </Show>
      <Show when={props.rows.length > 0} fallback={<EmptyState title={t('measures.none')} />}>
        <div class="grid-toolbar-row">
          <MeasuresToolbar options={options()} onChange={change} shown={shown()} total={props.rows.length} />
          <ColumnsMenu
            preference={layout.value()}
            label={(column) => columnLabel(column.id)}
            onHidden={(column, hidden) => setColumn(column, { hidden })}
            onReset={() => layout.set({ columns: {} })}
          />
          <span class="muted small" role="status" data-testid="grid-copied">
            {copied()}
          </span>
        </div>
        <div
          class="table-scroll grid-scroll"
          ref={(element) => {
            scroller = element;
            setFrame(element);
          }}
          tabIndex={-1}
          onScroll={readView}
          onPaste={onPaste}
          onCopy={selection.onCopy}>
          <table
            class="data-table measures-table"
            aria-rowcount={lines().length + 1}
            classList={{ 'read-only': !props.editable, virtual: windowed() && layoutMode() === 'table' }}
            style={{ '--grid-width': `${tableWidth()}px` }}>
            <caption class="visually-hidden">{t('measures.title')}</caption>
            <colgroup>
              <For each={columnIds()}>{(id) => <col data-column={id} style={{ 'inline-size': `${columnById().get(id)?.width ?? 0}px` }} />}</For>
            </colgroup>
            <thead>
              <tr aria-rowindex={1}>
                <For each={columnIds()}>
                  {(id) => (
                    <ColumnHeader
                      column={columnById().get(id)!}
                      label={id === 'number' ? '#' : columnLabel(id)}
                      hiddenLabel={id === 'actions'}
                      class={id === 'number' ? 'narrow' : id === 'title' ? 'wide sticky' : undefined}
                      onWidth={(width) => setColumn(columnById().get(id)!.spec, { width })}
                    />
                  )}
                </For>
              </tr>
            </thead>
            <tbody ref={body} onKeyDown={onKeys} onPointerDown={selection.onPointerDown} onFocusIn={selection.onFocusIn}>
              <Show when={spaceBefore() > 0}>
                <tr class="spacer" aria-hidden="true" style={{ height: `${spaceBefore()}px` }}>
                  <td colSpan={COLUMN_COUNT()} />
                </tr>
              </Show>
              <For each={slots()}>
                {(slot) => {
                  const line = slot.line;
                  return (
                    <Switch>
                      <Match when={isGroup(line()) && (line() as GroupLine)}>
                        {(group) => (
                          <tr class="group-row" aria-rowindex={rowIndexOf().get(lineKey(group()))} ref={(row) => track(slot, row)}>
                            <th scope="colgroup" colSpan={COLUMN_COUNT()}>
                              <span class="group-name">{groupLabel(group())}</span> <span class="muted small">{t('grid.groupCount', { count: group().count })}</span>
                            </th>
                          </tr>
                        )}
                      </Match>
                      <Match when={!isGroup(line()) && (line() as MeasureFields)}>
                        {(measure) => (
                          <MeasureRow
                            ref={(row) => track(slot, row)}
                            doc={props.doc}
                            measure={measure()}
                            position={positions().get(measure().id) ?? 0}
                            rowIndex={rowIndexOf().get(lineKey(measure()))}
                            count={props.rows.length}
                            editable={props.editable}
                            movable={movable()}
                            comments={props.commentCounts.get(measure().id) ?? 0}
                            onComments={() => props.onComments(measure())}
                            history={props.indicatorHistory.of(measure().id)}
                            onDetail={() => setDetailId(measure().id)}
                            columns={columnIds()}
                            selected={(column) => selection.isSelected(measure().id, column)}
                          />
                        )}
                      </Match>
                    </Switch>
                  );
                }}
              </For>
              <Show when={spaceAfter() > 0}>
                <tr class="spacer" aria-hidden="true" style={{ height: `${spaceAfter()}px` }}>
                  <td colSpan={COLUMN_COUNT()} />
                </tr>
              </Show>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}
