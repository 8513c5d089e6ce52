import { Show, createEffect, createMemo, createSignal, on } from 'solid-js';
import type { MeasureFields } from '../../../../../shared/doc-schema.ts';
import { formatDate, formatPercent, isRtl, t } from '../../../i18n/index.ts';
import { STATUS_COLORS } from '../../../lib/chart.ts';
import { isOverdue } from '../../../lib/dates.ts';
import { changedDates, daysForPixels, dragModeAt, keyChange, shiftedDates, type DragMode, type MeasureDates } from '../../../lib/gantt-edit.ts';
import { estimateTextWidth, labelPlace } from '../../../lib/gantt-rows.ts';
import { barGeometry, type GanttScale } from '../../../lib/gantt-scale.ts';

interface Drag {
  /** the measure caught: the line may show another one before the drop (rows are kept by position) */
  id: string;
  pointerId: number;
  originX: number;
  mode: DragMode;
  base: MeasureDates;
}

/**
 * One measure on the chart: a bar filled by its progress and coloured by its status, or a
 * diamond for a milestone, with its label beside or inside it. When the reader may edit, the bar
 * is dragged (body: both dates; ends: start or due) or moved with the keyboard; while it moves
 * only this view changes, and the drop is one write through `onDates`.
 */
export function GanttBar(props: {
  measure: MeasureFields;
  scale: GanttScale;
  today: string;
  editable: boolean;
  helpId: string;
  onDates: (id: string, dates: Partial<MeasureDates>) => void;
}) {
  const [preview, setPreview] = createSignal<MeasureDates | null>(null);
  let drag: Drag | null = null;
  const dates = (): MeasureDates => preview() ?? { start: props.measure.start, due: props.measure.due };
  const geometry = () => barGeometry(props.scale, dates());
  const status = () => t(`measureStatus.${props.measure.status}`);
  const title = () => props.measure.title || t('measures.untitled');
  const description = createMemo(() => {
    const { start, due } = dates();
    return start && due
      ? t('gantt.barText', { title: title(), status: status(), start: formatDate(start), due: formatDate(due), progress: formatPercent(props.measure.progress) })
      : t('gantt.milestoneText', { title: title(), status: status(), due: formatDate(due ?? start) });
  });
  const label = createMemo(() => {
    const { start, due } = dates();
    const span = start && due ? t('gantt.span', { start: formatDate(start, 'medium'), due: formatDate(due, 'medium') }) : formatDate(due ?? start);
    return start && due ? `${formatPercent(props.measure.progress)} · ${span}` : span;
  });
  const place = createMemo(() => {
    const bar = geometry();
    if (!bar) return null;
    const box = bar.milestone ? { x: bar.x - 8, width: 16 } : bar;
    return labelPlace(box, props.scale.width, estimateTextWidth(label()) + 6); // + its padding
  });

  const end = (commit: boolean) => {
    const current = drag;
    const after = preview();
    drag = null;
    setPreview(null);
    if (!commit || !current || !after) return;
    const patch = changedDates(current.base, after);
    if (patch) props.onDates(current.id, patch);
  };
  // A remote change that puts another measure on this line ends the drag without writing.
  createEffect(
    on(
      () => props.measure.id,
      () => drag && end(false),
      { defer: true },
    ),
  );
  const onPointerDown = (event: PointerEvent) => {
    if (!props.editable || event.button !== 0 || drag) return;
    const element = event.currentTarget as HTMLElement;
    const rect = element.getBoundingClientRect();
    const offset = isRtl() ? rect.right - event.clientX : event.clientX - rect.left;
    const mode = geometry()?.milestone ? 'move' : dragModeAt(offset, rect.width);
    // On a touch screen the bar's body scrolls the chart; only its ends take a finger.
    if (event.pointerType === 'touch' && mode === 'move') return;
    event.preventDefault();
    element.focus();
    element.setPointerCapture(event.pointerId);
    drag = { id: props.measure.id, pointerId: event.pointerId, originX: event.clientX, mode, base: { start: props.measure.start, due: props.measure.due } };
  };
  const onPointerMove = (event: PointerEvent) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    setPreview(shiftedDates(drag.base, drag.mode, daysForPixels(event.clientX - drag.originX, props.scale.dayWidth, isRtl())));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (!props.editable) return;
    if (event.key === 'Escape' && drag) {
      event.preventDefault();
      end(false);
      return;
    }
    const change = keyChange(event, isRtl());
    if (!change || drag) return;
    event.preventDefault();
    const before = { start: props.measure.start, due: props.measure.due };
    const patch = changedDates(before, shiftedDates(before, change.mode, change.days));
    if (patch) props.onDates(props.measure.id, patch);
  };

  return (
    <Show when={geometry()}>
      {(bar) => (
        <>
          {/* biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/useAriaPropsSupportedByRole: a slider (keys move it) when editable, an image otherwise: the role is set below */}
          <div
            class={bar().milestone ? 'gantt-milestone' : 'gantt-bar'}
            classList={{ overdue: isOverdue({ due: dates().due, status: props.measure.status }, props.today), editable: props.editable, dragging: preview() !== null }}
            style={{
              'inset-inline-start': `${bar().milestone ? bar().x - 8 : bar().x}px`,
              width: bar().milestone ? undefined : `${bar().width}px`,
              '--status': STATUS_COLORS[props.measure.status],
            }}
            data-measure={props.measure.id}
            data-start={dates().start ?? ''}
            data-due={dates().due ?? ''}
            title={description()}
            role={props.editable ? 'slider' : 'img'}
            tabindex={props.editable ? 0 : undefined}
            aria-label={props.editable ? title() : description()}
            aria-valuetext={props.editable ? description() : undefined}
            aria-valuemin={props.editable ? props.scale.from : undefined}
            aria-valuemax={props.editable ? props.scale.to : undefined}
            aria-valuenow={props.editable ? Math.round(bar().x / props.scale.dayWidth) + props.scale.from : undefined}
            aria-describedby={props.editable ? props.helpId : undefined}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={() => end(true)}
            onPointerCancel={() => end(false)}
            onLostPointerCapture={() => drag && end(true)}
            onKeyDown={onKeyDown}>
            <Show when={!bar().milestone}>
              <span class="gantt-fill" style={{ width: `${props.measure.progress}%` }} />
              <Show when={props.editable}>
                <span class="gantt-handle start" />
                <span class="gantt-handle end" />
              </Show>
            </Show>
          </div>
          <span
            class={`gantt-bar-label ${place()?.side}`}
            style={{ 'inset-inline-start': `${place()?.x}px`, 'max-width': `${place()?.maxWidth}px` }}
            title={description()}
            aria-hidden="true">
            {label()}
          </span>
        </>
      )}
    </Show>
  );
}
