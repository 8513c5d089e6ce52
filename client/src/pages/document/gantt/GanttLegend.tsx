import { For } from 'solid-js';
import { MEASURE_STATUSES } from '../../../../../shared/doc-schema.ts';
import { t } from '../../../i18n/index.ts';
import { STATUS_COLORS } from '../../../lib/chart.ts';

/** What the colours and shapes of the Gantt chart mean. */
export function GanttLegend() {
  return (
    <ul class="legend gantt-legend" aria-label={t('gantt.legend')}>
      <For each={MEASURE_STATUSES}>
        {(status) => (
          <li>
            <span class="gantt-swatch" style={{ '--status': STATUS_COLORS[status] }} aria-hidden="true" />
            {t(`measureStatus.${status}`)}
          </li>
        )}
      </For>
      <li>
        <span class="gantt-swatch progress" aria-hidden="true" />
        {t('gantt.progress')}
      </li>
      <li>
        <span class="gantt-swatch milestone" aria-hidden="true" />
        {t('gantt.milestone')}
      </li>
      <li>
        <span class="gantt-swatch today" aria-hidden="true" />
        {t('gantt.today')}
      </li>
      <li>
        <span class="gantt-swatch overdue" aria-hidden="true" />
        {t('gantt.overdue')}
      </li>
    </ul>
  );
}
