import { Show, createSignal } from 'solid-js';
import { documents } from '../../api/endpoints.ts';
import { ErrorBox } from '../../components/Feedback.tsx';
import { t } from '../../i18n/index.ts';
import { createFormSubmit } from '../../lib/form-submit.ts';

/**
 * Shown instead of a document one cannot open: ask its lead organisation for access. The server
 * answers the same whether the document exists or not, so this says "cannot open, or does not exist".
 */
export function RequestAccess(props: { documentId: string }) {
  const [message, setMessage] = createSignal('');
  const [sent, setSent] = createSignal(false);
  const {
    submit: send,
    busy,
    error,
  } = createFormSubmit(async () => {
    await documents.requestAccess(props.documentId, message().trim() || undefined);
    setSent(true);
  });
  return (
    <section class="card request-access" aria-labelledby="request-access-heading">
      <h1 id="request-access-heading">{t('request.title')}</h1>
      <p>{t('request.body')}</p>
      <Show
        when={!sent()}
        fallback={
          <p class="notice success" role="status">
            {t('request.sent')}
          </p>
        }>
        <form onSubmit={send}>
          <label for="request-message">{t('request.message')}</label>
          <textarea id="request-message" dir="auto" rows="3" maxLength={1000} value={message()} onInput={(e) => setMessage(e.currentTarget.value)} />
          <div class="actions">
            <button type="submit" class="button primary" disabled={busy()}>
              {t('request.send')}
            </button>
          </div>
        </form>
      </Show>
      <ErrorBox error={error()} />
    </section>
  );
}
