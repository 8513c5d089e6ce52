import { For, Show, createMemo, createSignal } from 'solid-js';
import type { TextAnchor, Thread } from '../../../api/comments.ts';
import { EmptyState, ErrorBox, Loading, Notice } from '../../../components/Feedback.tsx';
import { t } from '../../../i18n/index.ts';
import { currentUser } from '../../../state/session.ts';
import { CommentThread } from './CommentThread.tsx';
import type { CommentsStore } from './comments-store.ts';
import { NewThread } from './NewThread.tsx';
import { filterThreads, type ThreadFilter } from './thread-list.ts';

export interface CommentsPanelProps {
  store: CommentsStore;
  /** why I may not write, or null when I may */
  readOnlyReason: string | null;
  /** the live session this page is shown in */
  sessionId: string | null;
  hasSelection: boolean;
  takeSelection: () => TextAnchor | null;
  measure: { id: string; title: string } | null;
  onClearMeasure: () => void;
  activeId: string | null;
  onSelect: (threadId: string) => void;
  isDetached: (thread: Thread) => boolean;
  measureTitle: (measureId: string) => string | null;
}

/** The comment threads of the document beside its content: filters, a new thread, the list. */
export function CommentsPanel(props: CommentsPanelProps) {
  const [filter, setFilter] = createSignal<ThreadFilter>(props.sessionId ? 'session' : 'open');
  const filters = (): ThreadFilter[] => (props.sessionId ? ['open', 'resolved', 'mine', 'session', 'all'] : ['open', 'resolved', 'mine', 'all']);
  // "This session" means nothing once the page is no longer shown in a live session.
  const effective = (): ThreadFilter => (filter() === 'session' && !props.sessionId ? 'open' : filter());
  const shown = createMemo(() =>
    filterThreads(props.store.threads(), effective(), { myUserId: currentUser()?.id ?? null, sessionId: props.sessionId, measureId: props.measure?.id ?? null }),
  );
  const canWrite = () => props.readOnlyReason === null;
  return (
    <section class="comments-panel" aria-labelledby="comments-heading" data-testid="comments-panel">
      <div class="panel-heading">
        <h2 id="comments-heading">{t('comments.title')}</h2>
        <label class="visually-hidden" for="comment-filter">
          {t('comments.filter')}
        </label>
        <select id="comment-filter" class="compact" value={effective()} onChange={(event) => setFilter(event.currentTarget.value as ThreadFilter)}>
          <For each={filters()}>
            {(name) => (
              <option value={name} selected={name === effective()}>
                {t(`comments.filter.${name}`)}
              </option>
            )}
          </For>
        </select>
      </div>
      <Show when={props.measure}>
        {(measure) => (
          <p class="chip measure-filter">
            <span dir="auto">{t('comments.onMeasure', { title: measure().title })}</span>
            <button type="button" class="chip-remove" aria-label={t('comments.allThreads')} title={t('comments.allThreads')} onClick={() => props.onClearMeasure()}>
              ×
            </button>
          </p>
        )}
      </Show>
      <Show
        when={canWrite()}
        fallback={
          <Notice>
            <span data-testid="comments-read-only">{props.readOnlyReason}</span>
          </Notice>
        }>
        <NewThread hasSelection={props.hasSelection} takeSelection={props.takeSelection} measure={props.measure} onCreate={(body, anchor) => props.store.create(body, anchor)} />
      </Show>
      <p class="visually-hidden" role="status" aria-live="polite" data-testid="comment-announcer">
        {props.store.lastArrival() ? t('comments.arrived', { person: props.store.lastArrival()!.author }) : ''}
      </p>
      <ErrorBox error={props.store.error()} onRetry={() => void props.store.reload()} />
      <Show when={!props.store.loading()} fallback={<Loading />}>
        <p class="muted small" role="status">
          {t('comments.count', { count: shown().length })}
        </p>
        <Show when={shown().length > 0} fallback={<EmptyState title={t('comments.none')} />}>
          <div class="thread-list">
            <For each={shown()}>
              {(thread) => (
                <CommentThread
                  thread={thread}
                  store={props.store}
                  canWrite={canWrite()}
                  active={props.activeId === thread.id}
                  detached={props.isDetached(thread)}
                  measureTitle={props.measureTitle}
                  onSelect={() => props.onSelect(thread.id)}
                />
              )}
            </For>
          </div>
        </Show>
      </Show>
    </section>
  );
}
