import { Show } from 'solid-js';
import type { MeasureFields } from '../../../../../shared/doc-schema.ts';
import { indicatorProgress, indicatorSummary } from '../../../../../shared/indicator.ts';
import type { IndicatorHistoryEntry } from '../../../api/indicators.ts';
import { formatNumber, formatPercent, t } from '../../../i18n/index.ts';
import { chartSeries } from '../../../lib/sparkline.ts';
import { Sparkline } from './Sparkline.tsx';

/** Under the indicator's name on a row or card: current / target unit, progress to target, the chart, a way to the details. */
export function IndicatorSummary(props: { measure: MeasureFields; history: IndicatorHistoryEntry[]; onOpen: () => void }) {
  const summary = () => indicatorSummary(props.measure, (value) => formatNumber(value));
  const progress = () => indicatorProgress(props.measure);
  const series = () =>
    chartSeries(
      props.history.map((entry) => entry.value),
      props.measure.indicatorCurrent,
    );
  const name = () => props.measure.title || t('measures.untitled');
  return (
    <div class="indicator-summary" data-testid="indicator-summary">
      <button type="button" class="indicator-open" onClick={() => props.onOpen()} title={t('indicator.details', { title: name() })}>
        {/* named by its content, so what is seen is part of what is heard */}
        <span class="visually-hidden">{t('indicator.details', { title: name() })} </span>
        <Sparkline values={series()} target={props.measure.indicatorTarget} />
        <span class="indicator-values" dir="auto" data-testid="indicator-values">
          {summary() || t('indicator.noValues')}
        </span>
        <Show when={progress() !== null}>
          <span class="indicator-progress" title={t('indicator.progress', { percent: formatPercent(progress()! * 100) })}>
            {formatPercent(progress()! * 100)}
          </span>
        </Show>
      </button>
    </div>
  );
}
