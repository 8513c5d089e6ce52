import { Show, createSignal, createUniqueId, onCleanup, onMount, type JSX } from 'solid-js';
import { FormActions } from './FormActions.tsx';

/**
 * A modal confirmation (the native <dialog>: focus moves into it, Escape cancels, the page behind
 * is inert) with an optional or required text, for actions that are hard to take back. When it
 * goes, the focus goes back to what opened it (the element is removed, not closed, so the browser
 * would leave the focus on the page).
 */
export function ConfirmDialog(props: {
  title: string;
  children?: JSX.Element;
  /** the text field's label; absent: no text asked */
  textLabel?: string;
  textRequired?: boolean;
  confirmLabel: string;
  tone?: 'primary' | 'warning';
  busy?: boolean;
  onConfirm: (text: string) => void;
  onCancel: () => void;
  testId?: string;
}) {
  let dialog!: HTMLDialogElement;
  const [text, setText] = createSignal('');
  const id = `confirm-${createUniqueId()}`;
  const opener = document.activeElement as HTMLElement | null;
  onMount(() => dialog.showModal());
  onCleanup(() => {
    if (dialog.open) dialog.close();
    if (opener?.isConnected) queueMicrotask(() => opener.focus());
  });
  const blocked = () => Boolean(props.busy) || (Boolean(props.textRequired) && !text().trim());
  return (
    <dialog
      ref={dialog}
      class="confirm-dialog"
      aria-labelledby={`${id}-title`}
      data-testid={props.testId ?? 'confirm-dialog'}
      onCancel={(event) => {
        event.preventDefault();
        props.onCancel();
      }}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (!blocked()) props.onConfirm(text().trim());
        }}>
        <h2 id={`${id}-title`}>{props.title}</h2>
        {props.children}
        <Show when={props.textLabel}>
          <label for={`${id}-text`}>{props.textLabel}</label>
          <textarea id={`${id}-text`} dir="auto" rows="3" maxLength={2000} required={props.textRequired} value={text()} onInput={(event) => setText(event.currentTarget.value)} />
        </Show>
        <FormActions submitLabel={props.confirmLabel} tone={props.tone} disabled={blocked()} onCancel={() => props.onCancel()} />
      </form>
    </dialog>
  );
}
