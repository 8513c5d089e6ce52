import { For, Show } from 'solid-js';
import { formatNumber, t } from '../../../i18n/index.ts';
import { sparkline } from '../../../lib/sparkline.ts';

/**
 * The current value over time as a small SVG line (pure SVG, no library), with the target as a
 * dashed line when there is one. Read out as the list of values. Time runs left to right in
 * every language, as on any chart with a time axis.
 */
export function Sparkline(props: { values: number[]; target: number | null; width?: number; height?: number; dots?: boolean }) {
  const width = () => props.width ?? 96;
  const height = () => props.height ?? 24;
  const chart = () => sparkline(props.values, { width: width(), height: height(), pad: 3 }, props.target === null ? [] : [props.target]);
  const label = () => (props.values.length ? t('indicator.chart', { values: props.values.map((value) => formatNumber(value)).join(', ') }) : t('indicator.chartEmpty'));
  return (
    <svg class="sparkline" viewBox={`0 0 ${width()} ${height()}`} width={width()} height={height()} role="img" aria-label={label()} data-points={props.values.length}>
      <title>{label()}</title>
      <Show when={props.target !== null && props.values.length > 0}>
        <line class="sparkline-target" x1="0" x2={width()} y1={chart().reference(props.target!)} y2={chart().reference(props.target!)} />
      </Show>
      <path class="sparkline-line" d={chart().path} />
      <Show when={props.dots} fallback={<Show when={chart().points.at(-1)}>{(last) => <circle class="sparkline-dot" cx={last().x} cy={last().y} r="2.5" />}</Show>}>
        <For each={chart().points}>{(point) => <circle class="sparkline-dot" cx={point.x} cy={point.y} r="3" />}</For>
      </Show>
    </svg>
  );
}
