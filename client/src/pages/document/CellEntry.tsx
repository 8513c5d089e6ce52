import { Show, createSignal, type JSX } from 'solid-js';

const CONTROLS = 'textarea, input, select, button';

/**
 * An editable grid cell shown as formatted text until someone enters it. Rows are plain text, so
 * a long plan scrolls without building a bound field, a select of every organisation or a date
 * picker per cell; entering (focus by Tab, arrows, Enter, or a click) mounts the editor — the
 * Y.Text binding, the select — and focuses it, and leaving the cell shows the text again.
 *
 * The text is a button: it is in the tab order, a screen reader reads it as "label : value" in
 * its column, and Enter or Space enters it like a click does.
 */
export function CellEntry(props: {
  /** the column's name, for the accessible name of the text */
  label: string;
  /** what a screen reader says for the value (the shown text, or "—") */
  spoken: string;
  /** the formatted value */
  children: JSX.Element;
  /** the stored value (an ISO date, a status code), for tests and scripts reading the grid */
  value?: string;
  /** mounts the editor; it may hold several controls (an amount and its currency) */
  editor: () => JSX.Element;
  /** the id the text carries until entered (the editor's first field takes it while entered) */
  id?: string;
  class?: string;
  /** open the native picker of a select or date field entered by a click */
  pickerOnClick?: boolean;
  /** which control of the editor takes the focus (default: the first) */
  focus?: string;
}) {
  const [editing, setEditing] = createSignal(false);
  let box!: HTMLDivElement;
  let display: HTMLButtonElement | undefined;
  let byPointer = false;
  const enter = () => {
    if (editing()) return;
    setEditing(true);
    queueMicrotask(() => {
      const control = box.querySelector<HTMLElement>(props.focus ?? CONTROLS);
      if (!control) return;
      control.focus();
      if (byPointer && props.pickerOnClick && (control instanceof HTMLSelectElement || control instanceof HTMLInputElement)) {
        // Needs the click's user activation, which a microtask still has.
        try {
          control.showPicker();
        } catch {
          // not supported, or not allowed here: the field is focused, which is enough
        }
      }
      byPointer = false;
    });
  };
  const onFocusOut = (event: FocusEvent) => {
    if (event.target === display) return;
    const next = event.relatedTarget as Node | null;
    if (next && box.contains(next)) return;
    setEditing(false);
  };
  return (
    <div class={`cell-entry ${props.class ?? ''}`} ref={box} onFocusOut={onFocusOut} onPointerDown={(event) => (byPointer = !event.shiftKey)}>
      <Show
        when={editing()}
        fallback={
          <button
            type="button"
            ref={display}
            id={props.id}
            class="cell-display cell-value"
            data-value={props.value}
            aria-label={`${props.label} : ${props.spoken}`}
            onFocus={enter}
            onClick={enter}>
            {props.children}
          </button>
        }>
        {props.editor()}
      </Show>
    </div>
  );
}
