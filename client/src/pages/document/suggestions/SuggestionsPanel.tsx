import { For, Show, createSignal } from 'solid-js';
import type { Suggestion } from '../../../api/suggestions.ts';
import { Avatar } from '../../../components/Avatar.tsx';
import { EmptyState, ErrorBox, Notice } from '../../../components/Feedback.tsx';
import { formatDateTime, formatNumber, t } from '../../../i18n/index.ts';
import { organisationColor } from '../../../lib/colors.ts';
import type { SuggestionsController } from './suggestions-controller.ts';
import { describeSuggestion } from './suggestion-labels.ts';

/** The open suggestions beside the text: who, when, what; accept or reject each or all; discuss one. */
export function SuggestionsPanel(props: {
  controller: SuggestionsController;
  canDecide: boolean;
  myUserId: string | null;
  /** why I cannot suggest, or null */
  note: string | null;
  onDiscuss: (suggestion: Suggestion, body: string) => Promise<void>;
  onOpenThread: (threadId: string) => void;
}) {
  const list = () => props.controller.list();
  const [discussing, setDiscussing] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  let panel!: HTMLElement;
  const run = async (call: () => Promise<void>, from?: Element) => {
    // The pressed button is disabled while busy, then gone: the focus must not fall to the page.
    const cards = () => [...panel.querySelectorAll<HTMLElement>('[data-testid=suggestion]')];
    const card = from?.closest<HTMLElement>('[data-testid=suggestion]');
    const index = card ? cards().indexOf(card) : -1;
    setBusy(true);
    try {
      await call();
    } finally {
      setBusy(false);
      if (index >= 0 && (!document.activeElement || document.activeElement === document.body)) {
        const next = cards()[Math.min(index, cards().length - 1)];
        (next?.querySelector<HTMLElement>('button:not(:disabled)') ?? panel.querySelector<HTMLElement>('#suggestions-heading'))?.focus();
      }
    }
  };
  return (
    <section ref={panel} class="suggestions-panel" aria-labelledby="suggestions-heading" data-testid="suggestions-panel">
      <div class="panel-heading">
        <h2 id="suggestions-heading" tabindex="-1">
          {t('suggestions.title')}
        </h2>
        <span class="muted small" role="status">
          {t('suggestions.count', { count: formatNumber(list().length) })}
        </span>
      </div>
      <Show when={props.note}>{(note) => <Notice>{note()}</Notice>}</Show>
      <ErrorBox error={props.controller.error()} />
      <Show when={props.canDecide && list().length > 1}>
        <div class="button-row">
          <button type="button" class="button small" disabled={busy()} onClick={() => void run(props.controller.acceptAll)} data-testid="accept-all">
            {t('suggestions.acceptAll')}
          </button>
          <button type="button" class="button subtle small" disabled={busy()} onClick={() => void run(props.controller.rejectAll)}>
            {t('suggestions.rejectAll')}
          </button>
        </div>
      </Show>
      <Show when={list().length > 0} fallback={<EmptyState title={t('suggestions.empty')} />}>
        <ol class="suggestion-list">
          <For each={list()}>
            {(suggestion) => {
              const color = organisationColor(suggestion.author.organisationId);
              const own = () => suggestion.author.id === props.myUserId;
              const [body, setBody] = createSignal('');
              return (
                // biome-ignore lint/a11y/useKeyWithClickEvents: a pointer shortcut: from the keyboard, the caret in the suggested text makes it active, and the card's buttons act
                <li
                  id={`suggestion-${suggestion.id}`}
                  class="suggestion-card"
                  classList={{ active: props.controller.activeId() === suggestion.id }}
                  data-testid="suggestion"
                  data-suggestion-id={suggestion.id}
                  onClick={() => props.controller.select(suggestion.id)}>
                  <div class="suggestion-meta">
                    <Avatar name={suggestion.author.name} color={color} size="small" />
                    <span class="suggestion-author">{suggestion.author.name}</span>
                    <time class="muted small" datetime={suggestion.createdAt}>
                      {formatDateTime(suggestion.createdAt)}
                    </time>
                  </div>
                  <p class="suggestion-what" dir="auto">
                    {describeSuggestion(suggestion)}
                  </p>
                  <div class="button-row">
                    <Show when={props.canDecide}>
                      <button
                        type="button"
                        class="button small"
                        disabled={busy()}
                        data-testid="accept-suggestion"
                        onClick={(event) => {
                          event.stopPropagation();
                          void run(() => props.controller.accept(suggestion.id), event.currentTarget);
                        }}>
                        {t('suggestions.accept')}
                      </button>
                      <button
                        type="button"
                        class="button subtle small"
                        disabled={busy()}
                        data-testid="reject-suggestion"
                        onClick={(event) => {
                          event.stopPropagation();
                          void run(() => props.controller.reject(suggestion.id), event.currentTarget);
                        }}>
                        {t('suggestions.reject')}
                      </button>
                    </Show>
                    <Show when={own() && !props.canDecide}>
                      <button
                        type="button"
                        class="button subtle small"
                        disabled={busy()}
                        onClick={(event) => {
                          event.stopPropagation();
                          void run(() => props.controller.reject(suggestion.id));
                        }}>
                        {t('suggestions.withdraw')}
                      </button>
                    </Show>
                    <Show
                      when={suggestion.threadId}
                      fallback={
                        <button
                          type="button"
                          class="button subtle small"
                          aria-expanded={discussing() === suggestion.id}
                          onClick={(event) => {
                            event.stopPropagation();
                            setDiscussing(discussing() === suggestion.id ? null : suggestion.id);
                          }}>
                          {t('suggestions.discuss')}
                        </button>
                      }>
                      {(threadId) => (
                        <button
                          type="button"
                          class="button subtle small"
                          onClick={(event) => {
                            event.stopPropagation();
                            props.onOpenThread(threadId());
                          }}>
                          {t('suggestions.openThread')}
                        </button>
                      )}
                    </Show>
                  </div>
                  <Show when={discussing() === suggestion.id}>
                    <form
                      class="suggestion-discuss"
                      onSubmit={(event) => {
                        event.preventDefault();
                        if (!body().trim()) return;
                        void run(async () => {
                          await props.onDiscuss(suggestion, body().trim());
                          setDiscussing(null);
                        });
                      }}>
                      <label class="visually-hidden" for={`discuss-${suggestion.id}`}>
                        {t('suggestions.discussLabel')}
                      </label>
                      <textarea
                        id={`discuss-${suggestion.id}`}
                        rows={2}
                        dir="auto"
                        value={body()}
                        onInput={(event) => setBody(event.currentTarget.value)}
                        placeholder={t('suggestions.discussLabel')}
                        onClick={(event) => event.stopPropagation()}
                      />
                      <button type="submit" class="button small" disabled={busy() || !body().trim()}>
                        {t('suggestions.send')}
                      </button>
                    </form>
                  </Show>
                </li>
              );
            }}
          </For>
        </ol>
      </Show>
    </section>
  );
}
