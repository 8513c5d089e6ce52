import { For, Match, Show, Switch, createMemo, createSignal, onCleanup } from 'solid-js';
import type * as Y from 'yjs';
import { setMeasureDates, type MeasureFields } from '../../../../../shared/doc-schema.ts';
import { EmptyState, Notice } from '../../../components/Feedback.tsx';
import { collator, formatDate, t } from '../../../i18n/index.ts';
import { todayIso, dayNumber } from '../../../lib/dates.ts';
import type { MeasureDates } from '../../../lib/gantt-edit.ts';
import { ganttLines, type GanttLine } from '../../../lib/gantt-rows.ts';
import { ZOOMS, ganttScale, spans, TIERS, xOfDay, type Zoom } from '../../../lib/gantt-scale.ts';
import { visibleWindow } from '../../../lib/measure-view.ts';
import { organisationLabel } from '../../../state/directory.ts';
import { GanttBar } from './GanttBar.tsx';
import { GanttHeader } from './GanttHeader.tsx';
import { GanttLegend } from './GanttLegend.tsx';

/** Every line (group header or measure) is this tall (gantt.css), so only those in view are drawn. */
const LINE_HEIGHT = 36;

/** The label column: wide beside a desktop chart, narrow (and still sticky) on a phone. */
const labelWidth = (box: number) => (box < 640 ? 128 : box < 1000 ? 260 : 340);

/**
 * A plan's measures on a calendar, grouped by lead organisation: bars from start to due filled by
 * progress, milestones, today, a two-tier time scale with three zooms. Editors drag bars (or use
 * the keyboard) to change dates, written to the shared Y.Doc so everyone sees them move.
 */
export function Gantt(props: { doc: Y.Doc; rows: MeasureFields[]; editable: boolean }) {
  const today = todayIso();
  const [zoom, setZoom] = createSignal<Zoom>('quarter');
  const [box, setBox] = createSignal(1000);
  const [boxHeight, setBoxHeight] = createSignal(900);
  const [scrollTop, setScrollTop] = createSignal(0);
  const [refused, setRefused] = createSignal(false);
  // The chart box appears once the plan has dated measures (after the document syncs): watch it from then.
  const observer = new ResizeObserver((entries) => {
    setBox(Math.round(entries[0]!.contentRect.width));
    setBoxHeight(Math.round(entries[0]!.contentRect.height));
  });
  onCleanup(() => observer.disconnect());
  const watchBox = (element: HTMLDivElement) => {
    setBox(element.clientWidth);
    setBoxHeight(element.clientHeight);
    observer.observe(element);
  };

  // The same line object for the same measure from one change to the next, so <For> keeps its
  // bar: a bar moved with the keyboard keeps focus, and scrolling builds only the lines coming in.
  let kept = new Map<unknown, GanttLine<MeasureFields>>();
  const lines = createMemo(() => {
    const next = new Map<unknown, GanttLine<MeasureFields>>();
    const result = ganttLines(props.rows, (id) => organisationLabel(id), collator().compare).map((line) => {
      const key = line.kind === 'measure' ? line.measure : `${line.lead}|${line.count}`;
      const same = kept.get(key) ?? line;
      next.set(key, same);
      return same;
    });
    kept = next;
    return result;
  });
  // A long plan draws the lines in view and a margin (the header's height is inside the margin).
  const range = createMemo(() => visibleWindow(lines().length, scrollTop(), boxHeight(), LINE_HEIGHT));
  const shown = createMemo(() => lines().slice(range().start, range().end));
  const dated = createMemo(() => props.rows.filter((row) => row.start || row.due));
  const labels = () => labelWidth(box());
  const scale = createMemo(() => ganttScale(dated(), today, zoom(), box() - labels() - 2));
  const todayX = () => xOfDay(scale(), dayNumber(today)) + scale().dayWidth / 2;
  const writeDates = (id: string, dates: Partial<MeasureDates>) => setRefused(!setMeasureDates(props.doc, id, dates));

  return (
    <section class="gantt" aria-labelledby="gantt-heading">
      <div class="gantt-toolbar">
        <h2 id="gantt-heading">{t('gantt.title')}</h2>
        {/* biome-ignore lint/a11y/useSemanticElements: a group of buttons, not of form fields: ARIA's group, as in the toolbar pattern; a fieldset is for fields */}
        <div class="gantt-zoom" role="group" aria-label={t('gantt.zoom')}>
          <For each={ZOOMS}>
            {(level) => (
              <button type="button" class="button subtle small" aria-pressed={zoom() === level} data-zoom={level} onClick={() => setZoom(level)}>
                {t(`gantt.zoom.${level}`)}
              </button>
            )}
          </For>
        </div>
      </div>
      <GanttLegend />
      <Show when={props.editable}>
        <p id="gantt-help" class="muted small gantt-help">
          {t('gantt.help')}
        </p>
      </Show>
      <Show when={refused()}>
        <Notice kind="warning">{t('gantt.dateRefused')}</Notice>
      </Show>
      <Show when={dated().length > 0} fallback={<EmptyState title={t('timeline.none')} />}>
        <div
          class="gantt-scroll"
          ref={watchBox}
          onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
          style={{ '--gantt-labels': `${labels()}px` }}
          data-testid="gantt">
          <div class="gantt-canvas" style={{ width: `${labels() + scale().width}px` }}>
            <GanttHeader scale={scale()} zoom={zoom()} />
            {/* biome-ignore lint/a11y/useSemanticElements: the chart's rows share it with gridlines and markers, which a <ul> may not hold */}
            <div class="gantt-body" role="list" aria-label={t('gantt.title')}>
              <For each={spans(scale(), TIERS[zoom()].lower)}>
                {(span) => <span class="gantt-gridline" style={{ 'inset-inline-start': `calc(var(--gantt-labels) + ${span.x}px)` }} />}
              </For>
              <span class="gantt-today" style={{ 'inset-inline-start': `calc(var(--gantt-labels) + ${todayX()}px)` }} title={t('timeline.today', { date: formatDate(today) })}>
                <span class="gantt-today-label">{t('gantt.today')}</span>
              </span>
              <div aria-hidden="true" style={{ height: `${range().start * LINE_HEIGHT}px` }} />
              <For each={shown()}>
                {(line) => (
                  <Switch>
                    <Match when={line.kind === 'group' && (line as Extract<GanttLine<MeasureFields>, { kind: 'group' }>)}>
                      {(group) => (
                        // biome-ignore lint/a11y/useSemanticElements: a row of the list above, which is not a <ul>
                        <div class="gantt-group" role="listitem">
                          <span class="gantt-group-name">
                            <span class="gantt-name" dir="auto" title={group().lead ? organisationLabel(group().lead) : t('grid.noLead')}>
                              {group().lead ? organisationLabel(group().lead) : t('grid.noLead')}
                            </span>
                          </span>
                          <span class="gantt-group-count">{group().count === 1 ? t('gantt.countOne') : t('gantt.countMany', { count: group().count })}</span>
                        </div>
                      )}
                    </Match>
                    <Match when={line.kind === 'measure' && (line as Extract<GanttLine<MeasureFields>, { kind: 'measure' }>).measure}>
                      {(measure) => (
                        // biome-ignore lint/a11y/useSemanticElements: a row of the list above, which is not a <ul>
                        <div class="gantt-row" role="listitem" data-row={measure().id}>
                          <div class="gantt-label">
                            {/* dir on the inner box: on the sticky box it would turn which side it sticks to. */}
                            <span class="gantt-name" dir="auto" title={measure().title || t('measures.untitled')}>
                              {measure().title || t('measures.untitled')}
                            </span>
                          </div>
                          <div class="gantt-track" style={{ width: `${scale().width}px` }}>
                            <GanttBar measure={measure()} scale={scale()} today={today} editable={props.editable} helpId="gantt-help" onDates={writeDates} />
                          </div>
                        </div>
                      )}
                    </Match>
                  </Switch>
                )}
              </For>
              <div aria-hidden="true" style={{ height: `${(lines().length - range().end) * LINE_HEIGHT}px` }} />
            </div>
          </div>
        </div>
      </Show>
      <Show when={props.rows.length > dated().length}>
        <p class="muted small">{t('timeline.undated', { count: props.rows.length - dated().length })}</p>
      </Show>
    </section>
  );
}
