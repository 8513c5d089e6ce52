import { For, Show, createMemo } from 'solid-js';
import type { OrganisationProgress } from '../../api/types.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { formatNumber, isRtl, t } from '../../i18n/index.ts';
import { STATUS_COLORS, STATUS_ORDER, placeX, stackSegments, textAt, totalMeasures, truncate } from '../../lib/chart.ts';
import { organisationLabel } from '../../state/directory.ts';

const WIDTH = 760;
const LABEL = 230;
const GAP = 12;
const OVERDUE = 90;
const ROW = 30;
const BAR = 18;
const BAND = WIDTH - LABEL - GAP - OVERDUE;

/** Stacked bars of measures by status per organisation, overdue count at the end; mirrored in Arabic. */
export function ProgressChart(props: { rows: OrganisationProgress[] }) {
  const rows = createMemo(() =>
    [...props.rows].sort((a, b) => totalMeasures(b.measures) - totalMeasures(a.measures)).map((row) => ({ ...row, name: organisationLabel(row.organisationId) })),
  );
  const scale = createMemo(() => BAND / Math.max(1, ...rows().map((row) => totalMeasures(row.measures))));
  const height = () => rows().length * ROW + 8;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${WIDTH} ${height()}`} role="img" aria-labelledby="progress-chart-title" class="chart-svg" direction={isRtl() ? 'rtl' : 'ltr'}>
        <title id="progress-chart-title">{t('progress.chartTitle')}</title>
        <For each={rows()}>
          {(row, index) => {
            const y = () => index() * ROW + 4;
            const label = () => textAt(0, WIDTH, isRtl());
            const overdueText = () => textAt(LABEL + GAP + BAND + 8, WIDTH, isRtl());
            return (
              <g class="chart-row">
                <text x={label().x} y={y() + BAR - 4} text-anchor={label().anchor} class="chart-label">
                  <title>{row.name}</title>
                  {truncate(row.name, 30)}
                </text>
                <For each={stackSegments(row.measures, scale())}>
                  {(segment) => (
                    <rect
                      x={placeX(LABEL + GAP + segment.offset, segment.length, WIDTH, isRtl())}
                      y={y()}
                      width={Math.max(segment.length - 1, 1)}
                      height={BAR}
                      fill={STATUS_COLORS[segment.status]}>
                      <title>{`${row.name} — ${t(`measureStatus.${segment.status}`)}: ${formatNumber(segment.count)}`}</title>
                    </rect>
                  )}
                </For>
                <Show when={row.overdue > 0}>
                  <text x={overdueText().x} y={y() + BAR - 4} text-anchor={overdueText().anchor} class="chart-overdue">
                    {t('progress.overdueShort', { count: row.overdue })}
                  </text>
                </Show>
              </g>
            );
          }}
        </For>
      </svg>
      <figcaption>
        <ul class="legend">
          <For each={STATUS_ORDER}>
            {(status) => (
              <li>
                <svg viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">
                  <rect width="12" height="12" rx="2" fill={STATUS_COLORS[status]} />
                </svg>
                {t(`measureStatus.${status}`)}
              </li>
            )}
          </For>
        </ul>
      </figcaption>
      <ProgressTable rows={rows()} />
    </figure>
  );
}

/** The same numbers as a table, for screen readers and for people who prefer figures. */
function ProgressTable(props: { rows: (OrganisationProgress & { name: string })[] }) {
  return (
    <details class="chart-data">
      <summary>{t('progress.showTable')}</summary>
      <DataTable
        class="compact"
        columns={[t('progress.organisation'), ...STATUS_ORDER.map((status) => t(`measureStatus.${status}`)), t('measures.overdue'), t('progress.documents')]}
        rows={props.rows}>
        {(row) => (
          <tr>
            <th scope="row">{row.name}</th>
            <For each={STATUS_ORDER}>{(status) => <td class="number">{formatNumber(row.measures[status] ?? 0)}</td>}</For>
            <td class="number">{formatNumber(row.overdue)}</td>
            <td class="number">{formatNumber(row.documents)}</td>
          </tr>
        )}
      </DataTable>
    </details>
  );
}
