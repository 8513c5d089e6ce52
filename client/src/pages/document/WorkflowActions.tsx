import { For, Show, createSignal } from 'solid-js';
import { documents } from '../../api/endpoints.ts';
import type { DocumentStatus, TansiqDocument } from '../../api/types.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorBox } from '../../components/Feedback.tsx';
import { isolate, t } from '../../i18n/index.ts';
import { reopenTarget } from '../../../../shared/workflow.ts';

/**
 * The status changes open to me now. Each asks for confirmation in a dialog, with an optional
 * comment (a required reason for sending back); the coordination unit may reopen an adopted or
 * closed document, with a reason.
 */
export function WorkflowActions(props: { document: TansiqDocument; onChange: (document: TansiqDocument) => void }) {
  const [asking, setAsking] = createSignal<DocumentStatus | 'reopen' | null>(null);
  const [error, setError] = createSignal<unknown>();
  const [busy, setBusy] = createSignal(false);

  const run = async (call: () => Promise<TansiqDocument>) => {
    setBusy(true);
    setError(undefined);
    try {
      props.onChange(await call());
      setAsking(null);
    } catch (failure) {
      setError(failure);
      setAsking(null);
    } finally {
      setBusy(false);
    }
  };
  const status = (value: DocumentStatus) => t(`status.${value}`);

  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of buttons, not of form fields: ARIA's group, as in the toolbar pattern; a fieldset is for fields
    <div class="workflow" role="group" aria-label={t('workflow.group')}>
      <For each={props.document.availableTransitions ?? []}>
        {(to) => (
          <button type="button" class={to === 'returned' ? 'button warning' : 'button'} disabled={busy()} onClick={() => setAsking(to)}>
            {t(`workflow.to.${to}`)}
          </button>
        )}
      </For>
      <Show when={props.document.canReopen}>
        <button type="button" class="button warning" disabled={busy()} onClick={() => setAsking('reopen')}>
          {t('reopen.action')}
        </button>
      </Show>
      <Show when={asking()} keyed>
        {(to) =>
          to === 'reopen' ? (
            <ConfirmDialog
              title={t('reopen.title')}
              textLabel={t('reopen.reason')}
              textRequired
              confirmLabel={t('reopen.confirm')}
              tone="warning"
              busy={busy()}
              onCancel={() => setAsking(null)}
              onConfirm={(reason) => void run(() => documents.reopen(props.document.id, reason))}>
              <p>
                {t('reopen.body', { title: isolate(props.document.title), from: status(props.document.status), to: status(reopenTarget(props.document.status) ?? 'in_review') })}
              </p>
            </ConfirmDialog>
          ) : (
            <ConfirmDialog
              title={t(`confirm.title.${to}`)}
              textLabel={to === 'returned' ? t('confirm.reason') : t('confirm.comment')}
              textRequired={to === 'returned'}
              confirmLabel={t(`workflow.to.${to}`)}
              tone={to === 'returned' ? 'warning' : 'primary'}
              busy={busy()}
              onCancel={() => setAsking(null)}
              onConfirm={(comment) => void run(() => documents.transition(props.document.id, to, comment || undefined))}>
              <p>{t('confirm.body', { title: isolate(props.document.title), from: status(props.document.status), to: status(to) })}</p>
            </ConfirmDialog>
          )
        }
      </Show>
      <ErrorBox error={error()} />
    </div>
  );
}
