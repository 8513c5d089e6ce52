import { For } from 'solid-js';
import { dateTimeFormat, t } from '../../../i18n/index.ts';
import { TIERS, spans, type GanttScale, type Span, type Zoom } from '../../../lib/gantt-scale.ts';

/** The time scale above the chart: two tiers (e.g. quarters over months), sticky at the top. */
export function GanttHeader(props: { scale: GanttScale; zoom: Zoom }) {
  const tiers = () => TIERS[props.zoom];
  return (
    <div class="gantt-head" aria-hidden="true">
      <div class="gantt-corner">{t('gantt.measure')}</div>
      <div class="gantt-scale" style={{ width: `${props.scale.width}px` }}>
        <For each={['upper', 'lower'] as const}>
          {(tier) => (
            <div class={`gantt-tier ${tier}`}>
              <For each={spans(props.scale, tiers()[tier])}>
                {(span) => (
                  <span class="gantt-span" style={{ 'inset-inline-start': `${span.x}px`, width: `${span.width}px` }} title={spanTitle(span)}>
                    {spanLabel(span, tier === 'upper')}
                  </span>
                )}
              </For>
            </div>
          )}
        </For>
      </div>
    </div>
  );
}

const format = (day: number, options: Intl.DateTimeFormatOptions) => dateTimeFormat({ ...options, timeZone: 'UTC' }).format(new Date(day * 86_400_000));

const quarterOf = (day: number) => String(Math.floor(new Date(day * 86_400_000).getUTCMonth() / 3) + 1);
const yearOf = (day: number) => String(new Date(day * 86_400_000).getUTCFullYear());

/** A span's label, shorter as it gets narrower; empty when even the shortest would not fit. */
function spanLabel(span: Span, upper: boolean): string {
  if (span.width < 14) return '';
  switch (span.unit) {
    case 'year':
      return yearOf(span.start);
    case 'quarter':
      return upper && span.width >= 70 ? t('gantt.quarter', { n: quarterOf(span.start), year: yearOf(span.start) }) : t('gantt.quarterShort', { n: quarterOf(span.start) });
    case 'month':
      if (upper) return format(span.start, { month: span.width >= 110 ? 'long' : 'short', year: 'numeric' });
      return format(span.start, { month: span.width >= 36 ? 'short' : 'narrow' });
    case 'week':
      return format(span.start, { day: 'numeric' });
  }
}

function spanTitle(span: Span): string {
  if (span.unit === 'year') return yearOf(span.start);
  if (span.unit === 'quarter') return t('gantt.quarter', { n: quarterOf(span.start), year: yearOf(span.start) });
  return format(span.start, span.unit === 'month' ? { month: 'long', year: 'numeric' } : { dateStyle: 'medium' });
}
