import { For, Show, createMemo } from 'solid-js';
import type { MeasureFields } from '../../../../shared/doc-schema.ts';
import { EmptyState } from '../../components/Feedback.tsx';
import { formatDate, formatMonth, isRtl, t } from '../../i18n/index.ts';
import { STATUS_COLORS, placeX, textAt, truncate } from '../../lib/chart.ts';
import { dayNumber, isOverdue, todayIso } from '../../lib/dates.ts';
import { barFor, dayOffset, labelStep, timelineRange } from '../../lib/timeline.ts';

const WIDTH = 960;
const LABEL = 250;
const GAP = 10;
const BAND = WIDTH - LABEL - GAP - 10;
const AXIS = 28;
const ROW = 28;
const BAR = 16;

/** Measures on a calendar: a bar from start to due, a diamond for a single date, today as a line. */
export function Timeline(props: { rows: MeasureFields[] }) {
  const today = todayIso();
  const dated = createMemo(() => props.rows.filter((row) => row.start || row.due));
  const range = createMemo(() => timelineRange(dated(), today));
  const x = (offset: number, length = 0) => placeX(LABEL + GAP + offset, length, WIDTH, isRtl());
  const height = () => AXIS + dated().length * ROW + 8;
  const todayX = () => x(dayOffset(dayNumber(today), range(), BAND));
  return (
    <section class="timeline" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t('timeline.title')}</h2>
      <Show when={dated().length > 0} fallback={<EmptyState title={t('timeline.none')} />}>
        <div class="chart-scroll">
          <svg viewBox={`0 0 ${WIDTH} ${height()}`} class="chart-svg timeline-svg" role="img" aria-labelledby="timeline-svg-title" direction={isRtl() ? 'rtl' : 'ltr'}>
            <title id="timeline-svg-title">{t('timeline.chartTitle')}</title>
            <For each={range().ticks}>
              {(tick, index) => (
                <g class="tick">
                  <line x1={x(dayOffset(tick, range(), BAND))} x2={x(dayOffset(tick, range(), BAND))} y1={AXIS - 6} y2={height()} />
                  <Show when={index() % labelStep(range(), BAND) === 0 && index() < range().ticks.length - 1}>
                    <text x={x(dayOffset(tick, range(), BAND)) + (isRtl() ? -4 : 4)} y={AXIS - 10} text-anchor="start">{formatMonth(tick)}</text>
                  </Show>
                </g>
              )}
            </For>
            <line class="today" x1={todayX()} x2={todayX()} y1={AXIS - 6} y2={height()}>
              <title>{t('timeline.today', { date: formatDate(today) })}</title>
            </line>
            <For each={dated()}>
              {(row, index) => {
                const y = () => AXIS + index() * ROW + 6;
                const bar = () => barFor(row, range(), BAND);
                const label = () => textAt(0, WIDTH, isRtl());
                const tip = () => `${row.title || t('measures.untitled')} — ${t(`measureStatus.${row.status}`)} — ${formatDate(row.start)} → ${formatDate(row.due)}`;
                return (
                  <g classList={{ 'timeline-row': true, overdue: isOverdue(row, today) }}>
                    <text x={label().x} y={y() + BAR - 3} text-anchor={label().anchor} class="chart-label">
                      <title>{row.title}</title>
                      {truncate(row.title || t('measures.untitled'), 34)}
                    </text>
                    <Show when={bar()}>
                      {(b) => (
                        <Show
                          when={!b().milestone}
                          fallback={<path d={diamond(x(b().offset), y() + BAR / 2)} fill={STATUS_COLORS[row.status]} class="bar"><title>{tip()}</title></path>}
                        >
                          <rect x={x(b().offset, b().length)} y={y()} width={b().length} height={BAR} rx="3" fill={STATUS_COLORS[row.status]} class="bar">
                            <title>{tip()}</title>
                          </rect>
                        </Show>
                      )}
                    </Show>
                  </g>
                );
              }}
            </For>
          </svg>
        </div>
      </Show>
      <Show when={props.rows.length > dated().length}>
        <p class="muted small">{t('timeline.undated', { count: props.rows.length - dated().length })}</p>
      </Show>
    </section>
  );
}

const diamond = (cx: number, cy: number, r = 8) => `M${cx} ${cy - r}L${cx + r} ${cy}L${cx} ${cy + r}L${cx - r} ${cy}Z`;
