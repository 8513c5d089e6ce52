import { For, Show, createSignal } from 'solid-js';
import type { Thread } from '../../../api/comments.ts';
import { ErrorBox } from '../../../components/Feedback.tsx';
import { t } from '../../../i18n/index.ts';
import { CommentComposer } from './CommentComposer.tsx';
import { CommentItem } from './CommentItem.tsx';
import type { CommentsStore } from './comments-store.ts';

/** A thread: what it is about (quoted text or a measure), its comments, a reply box, resolve / reopen. */
export function CommentThread(props: {
  thread: Thread;
  store: CommentsStore;
  canWrite: boolean;
  active: boolean;
  /** the text anchor no longer points at any text */
  detached: boolean;
  measureTitle: (measureId: string) => string | null;
  onSelect: () => void;
}) {
  const [replying, setReplying] = createSignal(false);
  const [error, setError] = createSignal<unknown>();
  const anchor = () => props.thread.anchor;
  const toggleResolved = async () => {
    setError(undefined);
    try {
      await props.store.setResolved(props.thread.id, !props.thread.resolved);
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <article
      id={`thread-${props.thread.id}`}
      class="thread"
      classList={{ active: props.active, resolved: props.thread.resolved }}
      data-testid="thread"
      aria-label={t('comments.threadBy', { name: props.thread.author.name })}>
      <Show when={anchor()}>
        {(current) => (
          <button type="button" class="thread-anchor" onClick={() => props.onSelect()} aria-pressed={props.active}>
            <Show when={current().type === 'text'} fallback={<MeasureAbout title={props.measureTitle((current() as { measureId: string }).measureId)} />}>
              <q dir="auto">{props.thread.anchorText ?? (current() as { quote: string }).quote}</q>
            </Show>
            <Show when={props.detached}>
              <span class="badge detached" data-testid="detached">
                {t('comments.detached')}
              </span>
            </Show>
          </button>
        )}
      </Show>
      <Show when={props.thread.resolved}>
        <span class="badge resolved-badge">{t('comments.resolved')}</span>
      </Show>
      <CommentItem
        comment={props.thread}
        canWrite={props.canWrite}
        onEdit={(body) => props.store.edit(props.thread.id, body)}
        onDelete={() => props.store.remove(props.thread.id)}
      />
      <Show when={props.thread.replies.length > 0}>
        <ol class="replies" aria-label={t('comments.replies')}>
          <For each={props.thread.replies}>
            {(reply) => (
              <li>
                <CommentItem comment={reply} canWrite={props.canWrite} onEdit={(body) => props.store.edit(reply.id, body)} onDelete={() => props.store.remove(reply.id)} />
              </li>
            )}
          </For>
        </ol>
      </Show>
      <Show when={props.canWrite}>
        <Show
          when={replying()}
          fallback={
            <div class="thread-actions">
              <button type="button" class="button subtle small" onClick={() => setReplying(true)}>
                {t('comments.reply')}
              </button>
              <button type="button" class="button subtle small" onClick={() => void toggleResolved()}>
                {props.thread.resolved ? t('comments.reopen') : t('comments.resolve')}
              </button>
            </div>
          }>
          <CommentComposer
            label={t('comments.replyLabel')}
            submitLabel={t('comments.reply')}
            autofocus
            onSubmit={async (body) => {
              await props.store.reply(props.thread.id, body);
              setReplying(false);
            }}
            onCancel={() => setReplying(false)}
          />
        </Show>
      </Show>
      <ErrorBox error={error()} />
    </article>
  );
}

/** What a measure thread is about: the measure's title, or that it was deleted. */
function MeasureAbout(props: { title: string | null }) {
  return (
    <Show
      when={props.title !== null}
      fallback={
        <span class="measure-deleted" data-testid="measure-deleted">
          {t('comments.measureDeleted')}
        </span>
      }>
      <span dir="auto">{t('comments.onMeasure', { title: props.title! })}</span>
    </Show>
  );
}
