import { Show } from 'solid-js';
import { t } from '../../i18n/index.ts';
import { clampWidth, keyboardResize, type ShownColumn } from '../../lib/grid-columns.ts';

/**
 * A column's header with, for resizable columns, a handle on its end edge: drag it, or focus it
 * and use the arrows (Shift for bigger steps, Home and End for the narrowest and widest); a
 * double click gives the default width back. Right to left, the end edge and the arrows mirror.
 */
export function ColumnHeader(props: { column: ShownColumn; label: string; hiddenLabel?: boolean; class?: string; onWidth: (width: number | null) => void }) {
  const rtl = () => document.documentElement.dir === 'rtl';
  const drag = (event: PointerEvent) => {
    if (event.button !== 0) return;
    event.preventDefault();
    const handle = event.currentTarget as HTMLElement;
    handle.setPointerCapture(event.pointerId);
    const startX = event.clientX;
    const startWidth = props.column.width;
    const sign = rtl() ? -1 : 1;
    const move = (next: PointerEvent) => props.onWidth(clampWidth(props.column.spec, startWidth + sign * (next.clientX - startX)));
    const end = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', end);
      handle.removeEventListener('pointercancel', end);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
  };
  const keys = (event: KeyboardEvent) => {
    const width = keyboardResize(event.key, event.shiftKey, rtl(), props.column.spec, props.column.width);
    if (width === null) return;
    event.preventDefault();
    event.stopPropagation();
    props.onWidth(width);
  };
  return (
    <th scope="col" class={props.class} data-column={props.column.id}>
      <Show when={props.hiddenLabel} fallback={<span class="column-label">{props.label}</span>}>
        <span class="visually-hidden">{props.label}</span>
      </Show>
      <Show when={props.column.spec.resizable}>
        {/* biome-ignore lint/a11y/useSemanticElements: a focusable splitter with a value (the column width); <hr> can take neither */}
        <span
          class="column-resize"
          role="separator"
          aria-orientation="vertical"
          tabindex="0"
          data-testid={`resize-${props.column.id}`}
          aria-label={t('gridLayout.resize', { column: props.label })}
          title={t('gridLayout.resize', { column: props.label })}
          aria-valuenow={props.column.width}
          aria-valuemin={props.column.spec.min}
          aria-valuemax={props.column.spec.max}
          onPointerDown={drag}
          onKeyDown={keys}
          onDblClick={() => props.onWidth(null)}
        />
      </Show>
    </th>
  );
}
