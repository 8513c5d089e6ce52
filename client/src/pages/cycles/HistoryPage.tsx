import { A, useSearchParams } from '@solidjs/router';
import { For, Show, createMemo, createResource } from 'solid-js';
import { cycles, type HistoryPeriod } from '../../api/cycles.ts';
import { EmptyState, ErrorBox, WhenLoaded, loadedValue } from '../../components/Feedback.tsx';
import { formatNumber, formatPercent, t } from '../../i18n/index.ts';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { ReportStateBadge } from './CycleBadges.tsx';

const BOX = { width: 560, height: 180, padX: 44, padY: 20 };

/** The points of one series across periods, null values skipped, on a fixed scale (0–100 or min–max). */
export function seriesPoints(values: ReadonlyArray<number | null>, range: { min: number; max: number }) {
  const step = values.length > 1 ? (BOX.width - 2 * BOX.padX) / (values.length - 1) : 0;
  const span = range.max - range.min || 1;
  return values.flatMap((value, index) =>
    value === null
      ? []
      : [{ x: values.length === 1 ? BOX.width / 2 : BOX.padX + step * index, y: BOX.padY + (BOX.height - 2 * BOX.padY) * (1 - (value - range.min) / span), value }],
  );
}

/** A small line chart of one series per period, period names along the bottom. */
function PeriodChart(props: {
  title: string;
  periods: HistoryPeriod[];
  values: Array<number | null>;
  range: { min: number; max: number };
  format: (value: number) => string;
  className: string;
}) {
  const points = () => seriesPoints(props.values, props.range);
  const xs = () =>
    seriesPoints(
      props.periods.map(() => 0),
      { min: 0, max: 1 },
    ).map((point) => point.x);
  return (
    <figure class={`history-chart ${props.className}`}>
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 ${BOX.width} ${BOX.height + 24}`} role="img" aria-label={props.title}>
        <line x1={BOX.padX} x2={BOX.width - BOX.padX} y1={BOX.height - BOX.padY} y2={BOX.height - BOX.padY} class="axis" />
        <text x={BOX.padX - 6} y={BOX.padY + 4} class="tick" text-anchor="end">
          {props.format(props.range.max)}
        </text>
        <text x={BOX.padX - 6} y={BOX.height - BOX.padY + 4} class="tick" text-anchor="end">
          {props.format(props.range.min)}
        </text>
        <path
          d={points()
            .map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x} ${point.y}`)
            .join(' ')}
          class="line"
        />
        <For each={points()}>
          {(point) => (
            <g>
              <circle cx={point.x} cy={point.y} r="4" class="dot" />
              <text x={point.x} y={point.y - 8} class="value" text-anchor="middle">
                {props.format(point.value)}
              </text>
            </g>
          )}
        </For>
        <For each={props.periods}>
          {(period, index) => (
            <text x={xs()[index()]} y={BOX.height + 14} class="period" text-anchor="middle">
              {period.period}
            </text>
          )}
        </For>
      </svg>
    </figure>
  );
}

/** A measure period by period; without its measure in the address, "page not found" (not "Loading…" for ever). */
export function HistoryPage() {
  const [search] = useSearchParams<{ documentId: string; measureId: string }>();
  return (
    <Show when={search.documentId && search.measureId} fallback={<NotFoundPage />}>
      <MeasureHistory />
    </Show>
  );
}

/** Progress and indicator over time, and each period's narrative. */
function MeasureHistory() {
  const [search] = useSearchParams<{ documentId: string; measureId: string }>();
  const [periods, { refetch }] = createResource(
    () => (search.documentId && search.measureId ? { documentId: search.documentId, measureId: search.measureId } : null),
    (source) => cycles.history(source.documentId, source.measureId),
  );
  const reported = createMemo(() => (loadedValue(periods) ?? []).map((period) => (period.reported ? period : null)));
  const indicatorRange = createMemo(() => {
    const list = loadedValue(periods) ?? [];
    const reportedValues = list.map((period) => (period.reported ? period.values.indicatorCurrent : null)).filter((value): value is number => value !== null);
    const values = [...reportedValues, ...list.flatMap((period) => [period.indicator.baseline, period.indicator.target])].filter((value): value is number => value !== null);
    return reportedValues.length === 0 ? null : { min: Math.min(0, ...values), max: Math.max(...values) };
  });
  const last = () => (loadedValue(periods) ?? []).at(-1);
  return (
    <div class="page history-page">
      <ErrorBox error={periods.error} onRetry={refetch} />
      <WhenLoaded when={periods()} error={periods.error}>
        {(list) => (
          <>
            <div class="page-heading">
              <div>
                <p class="hint">
                  <A href={`/documents/${search.documentId}?view=measures&measure=${encodeURIComponent(search.measureId ?? '')}`}>{t('cycles.history.toPlan')}</A>
                </p>
                <h1 dir="auto">{t('cycles.history.title', { measure: last()?.measureTitle ?? '—' })}</h1>
              </div>
            </div>
            <Show when={list().length > 0} fallback={<EmptyState title={t('cycles.history.none')} />}>
              <div class="history-charts">
                <Show when={reported().some((period) => period?.values.progress != null)}>
                  <PeriodChart
                    title={t('cycles.history.progress')}
                    periods={list()}
                    values={reported().map((period) => period?.values.progress ?? null)}
                    range={{ min: 0, max: 100 }}
                    format={formatPercent}
                    className="progress"
                  />
                </Show>
                <Show when={indicatorRange()}>
                  {(range) => (
                    <PeriodChart
                      title={t('cycles.history.indicator', { unit: last()?.indicator.unit || '—' })}
                      periods={list()}
                      values={reported().map((period) => period?.values.indicatorCurrent ?? null)}
                      range={range()}
                      format={(value) => formatNumber(value)}
                      className="indicator"
                    />
                  )}
                </Show>
              </div>
              <ol class="history-periods">
                <For each={[...list()].reverse()}>
                  {(period) => (
                    <li class="history-period" data-period={period.period}>
                      <div class="history-period-head">
                        <h2>{period.period}</h2>
                        <ReportStateBadge state={period.state} />
                        <Show when={period.reported && period.values.status}>
                          <span class={`badge measure-${period.values.status}`}>{t(`measureStatus.${period.values.status!}`)}</span>
                        </Show>
                        <Show when={period.reported && period.values.progress !== null}>
                          <span>{formatPercent(period.values.progress!)}</span>
                        </Show>
                      </div>
                      <Show when={period.reported} fallback={<p class="hint">{t('cycles.history.notReported')}</p>}>
                        <Show when={period.values.narrative}>
                          <p dir="auto">{period.values.narrative}</p>
                        </Show>
                        <Show when={period.values.blockers}>
                          <p dir="auto">
                            <strong>{t('cycles.field.blockers')}</strong> {period.values.blockers}
                          </p>
                        </Show>
                        <Show when={period.values.supportRequested}>
                          <p dir="auto">
                            <strong>{t('cycles.field.support')}</strong> {period.values.supportRequested}
                          </p>
                        </Show>
                      </Show>
                    </li>
                  )}
                </For>
              </ol>
            </Show>
          </>
        )}
      </WhenLoaded>
    </div>
  );
}
