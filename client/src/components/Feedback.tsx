import { For, Show, type Accessor, type JSX, type Resource } from 'solid-js';
import { errorDetails, errorMessage, t } from '../i18n/index.ts';

/** A failed call, told in the person's language, with the server's validation details if any. */
export function ErrorBox(props: { error: unknown; onRetry?: () => void }) {
  return (
    <Show when={props.error}>
      <div class="notice error" role="alert">
        <p>{errorMessage(props.error)}</p>
        <Show when={errorDetails(props.error).length > 0}>
          <ul>
            <For each={errorDetails(props.error)}>{(line) => <li dir="auto">{line}</li>}</For>
          </ul>
        </Show>
        <Show when={props.onRetry}>
          <button type="button" class="button subtle" onClick={() => props.onRetry?.()}>
            {t('common.retry')}
          </button>
        </Show>
      </div>
    </Show>
  );
}

export function EmptyState(props: { title: string; children?: JSX.Element }) {
  return (
    <div class="empty-state">
      <p class="empty-title">{props.title}</p>
      {props.children}
    </div>
  );
}

export function Loading(props: { label?: string }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      {props.label ?? t('common.loading')}
    </p>
  );
}

/**
 * Its children once `when` holds something (a function child receives it, as with Show); until
 * then the Loading line, unless `error` says the load failed (an ErrorBox nearby tells why).
 * `when` is read only without an error: an errored resource throws when read, and nothing would
 * catch it (the page would not show the ErrorBox).
 */
export function WhenLoaded<T>(props: { when: T | undefined | null | false; error?: unknown; children: JSX.Element | ((value: Accessor<NonNullable<T>>) => JSX.Element) }) {
  return (
    <Show
      when={!props.error && props.when}
      fallback={
        <Show when={!props.error}>
          <Loading />
        </Show>
      }>
      {props.children}
    </Show>
  );
}

/**
 * A resource's value, or undefined while it loads and once it failed. Reading a failed resource
 * throws, and nothing catches it: a memo, a breadcrumb or a list outside WhenLoaded reads this
 * instead, so the page shows its ErrorBox rather than staying on "Loading…".
 */
export const loadedValue = <T,>(resource: Resource<T>): T | undefined => (resource.error ? undefined : resource());

export function Notice(props: { kind?: 'info' | 'success' | 'warning'; children: JSX.Element }) {
  return (
    <div class={`notice ${props.kind ?? 'info'}`} role="status">
      {props.children}
    </div>
  );
}
