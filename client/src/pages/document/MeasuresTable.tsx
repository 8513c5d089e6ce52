import { For, Match, Show, Switch, createMemo, createSignal, onCleanup, onMount } from 'solid-js';
import type * as Y from 'yjs';
import type { MeasureFields } from '../../../../shared/doc-schema.ts';
import { EmptyState } from '../../components/Feedback.tsx';
import { collator, t } from '../../i18n/index.ts';
import { todayIso } from '../../lib/dates.ts';
import { focusCell, gridMove } from '../../lib/grid-keys.ts';
import { addMeasure } from '../../lib/measures.ts';
import { arrangeMeasures, DEFAULT_VIEW, visibleWindow, type GridItem, type MeasureViewOptions } from '../../lib/measure-view.ts';
import { organisationLabel } from '../../state/directory.ts';
import { MeasureRow } from './MeasureRow.tsx';
import { MeasureDetail } from './indicators/MeasureDetail.tsx';
import type { IndicatorHistoryStore } from './indicators/history-store.ts';
import { MeasuresToolbar } from './MeasuresToolbar.tsx';
import { PastePreview } from './PastePreview.tsx';

const VIEW_KEY = 'tansiq.measuresView';
/** Beyond this many lines only those in view are rendered, each of a fixed height. */
const VIRTUAL_FROM = 80;
const LINE_HEIGHT = 76;
/** widths of the columns (a long plan lays out with fixed widths: no measuring of every row) */
const COLUMN_WIDTHS = ['3rem', '22rem', '20rem', '19rem', '10rem', '10rem', '11rem', '8rem', '18rem', '15rem', '18rem', '11rem'];
const COLUMNS = COLUMN_WIDTHS.length;

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

  const onKeys = (event: KeyboardEvent) => {
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
        <MeasuresToolbar options={options()} onChange={change} shown={shown()} total={props.rows.length} />
        <div class="table-scroll grid-scroll" ref={scroller} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} onPaste={onPaste}>
          <table class="data-table measures-table" classList={{ 'read-only': !props.editable, virtual: virtual() }}>
            <caption class="visually-hidden">{t('measures.title')}</caption>
            <colgroup>
              <For each={COLUMN_WIDTHS}>{(width) => <col style={{ 'inline-size': width }} />}</For>
            </colgroup>
            <thead>
              <tr>
                <th scope="col" class="narrow">#</th>
                <th scope="col" class="wide sticky">{t('measures.measure')}</th>
                <th scope="col">{t('measures.lead')}</th>
                <th scope="col">{t('measures.partners')}</th>
                <th scope="col">{t('measures.start')}</th>
                <th scope="col">{t('measures.due')}</th>
                <th scope="col">{t('measures.status')}</th>
                <th scope="col">{t('measures.progress')}</th>
                <th scope="col" class="wide">{t('measures.indicator')}</th>
                <th scope="col">{t('measures.budget')}</th>
                <th scope="col" class="wide">{t('grid.notes')}</th>
                <th scope="col"><span class="visually-hidden">{t('common.actions')}</span></th>
              </tr>
            </thead>
            <tbody onKeyDown={onKeys}>
              <Show when={range().start > 0}>
                <tr class="spacer" aria-hidden="true" style={{ height: `${range().start * LINE_HEIGHT}px` }}><td colSpan={COLUMNS} /></tr>
              </Show>
              <For each={visible()}>
                {(line) => (
                  <Switch>
                    <Match when={'kind' in line && line}>
                      {(group) => (
                        <tr class="group-row">
                          <th scope="colgroup" colSpan={COLUMNS}>
                            <span class="group-name">{groupLabel(group())}</span> <span class="muted small">{t('grid.groupCount', { count: group().count })}</span>
                          </th>
                        </tr>
                      )}
                    </Match>
                    <Match when={!('kind' in line) && line}>
                      {(measure) => (
                        <MeasureRow doc={props.doc} measure={measure()} position={positions().get(measure().id) ?? 0} count={props.rows.length} editable={props.editable} movable={movable()}
                          comments={props.commentCounts.get(measure().id) ?? 0} onComments={() => props.onComments(measure())}
                          history={props.indicatorHistory.of(measure().id)} onDetail={() => setDetailId(measure().id)} />
                      )}
                    </Match>
                  </Switch>
                )}
              </For>
              <Show when={range().end < items().length}>
                <tr class="spacer" aria-hidden="true" style={{ height: `${(items().length - range().end) * LINE_HEIGHT}px` }}><td colSpan={COLUMNS} /></tr>
              </Show>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}
