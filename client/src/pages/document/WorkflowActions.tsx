import { For, Show, createSignal } from 'solid-js';
import { documents } from '../../api/endpoints.ts';
import type { DocumentStatus, TansiqDocument } from '../../api/types.ts';
import { ErrorBox } from '../../components/Feedback.tsx';
import { t } from '../../i18n/index.ts';

/** The status changes open to me now; sending back ("returned") asks for a reason. */
export function WorkflowActions(props: { document: TansiqDocument; onChange: (document: TansiqDocument) => void }) {
  const [returning, setReturning] = createSignal(false);
  const [reason, setReason] = createSignal('');
  const [error, setError] = createSignal<unknown>();
  const [busy, setBusy] = createSignal(false);

  const move = async (to: DocumentStatus, why?: string) => {
    setBusy(true);
    setError(undefined);
    try {
      props.onChange(await documents.transition(props.document.id, to, why));
      setReturning(false);
      setReason('');
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="workflow">
      <For each={props.document.availableTransitions ?? []}>
        {(to) => (
          <button type="button" class={to === 'returned' ? 'button warning' : 'button'} disabled={busy()}
            onClick={() => (to === 'returned' ? setReturning(true) : void move(to))}>
            {t(`workflow.to.${to}`)}
          </button>
        )}
      </For>
      <Show when={returning()}>
        <form class="return-form" onSubmit={(e) => { e.preventDefault(); void move('returned', reason().trim()); }}>
          <label for="return-reason">{t('workflow.reason')}</label>
          <textarea id="return-reason" dir="auto" required rows="3" value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
          <div class="actions">
            <button type="submit" class="button warning" disabled={busy() || !reason().trim()}>{t('workflow.to.returned')}</button>
            <button type="button" class="button subtle" onClick={() => setReturning(false)}>{t('common.cancel')}</button>
          </div>
        </form>
      </Show>
      <ErrorBox error={error()} />
    </div>
  );
}
