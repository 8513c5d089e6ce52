import { For, Match, Switch } from 'solid-js';
import { formatNumber, t } from '../../i18n/index.ts';
import { CommentsPanel } from './comments/CommentsPanel.tsx';
import type { CommentsController } from './comments/comments-controller.ts';
import { filterThreads } from './comments/thread-list.ts';
import { VersionsPanel } from './versions/VersionsPanel.tsx';
import type { Suggestion } from '../../api/suggestions.ts';
import type { SuggestionsController } from './suggestions/suggestions-controller.ts';
import { SuggestionsPanel } from './suggestions/SuggestionsPanel.tsx';
import { currentUser } from '../../state/session.ts';
import { HistoryPanel } from './history/HistoryPanel.tsx';

export type SideTab = 'comments' | 'suggestions' | 'versions' | 'history';

/** Beside the content: the comment threads, or the versions. ARIA tabs, arrows mirrored in Arabic. */
export function DocumentSidePanel(props: {
  documentId: string;
  comments: CommentsController;
  tab: SideTab;
  onTab: (tab: SideTab) => void;
  commentReadOnly: string | null;
  canEdit: boolean;
  sessionId: string | null;
  measure: { id: string; title: string } | null;
  onClearMeasure: () => void;
  measureTitle: (id: string) => string | null;
  suggestions: SuggestionsController;
  canDecide: boolean;
  suggestNote: string | null;
  onDiscuss: (suggestion: Suggestion, body: string) => Promise<void>;
  onOpenThread: (threadId: string) => void;
}) {
  const tabs: SideTab[] = ['comments', 'suggestions', 'versions', 'history'];
  const openCount = () => filterThreads(props.comments.store.threads(), 'open', { myUserId: null, sessionId: null, measureId: null }).length;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const next = tabs[(tabs.indexOf(props.tab) + 1) % tabs.length]!;
    props.onTab(next);
    queueMicrotask(() => document.getElementById(`side-tab-${next}`)?.focus());
  };
  return (
    <aside class="side-panel" aria-label={t('side.label')}>
      <div class="tabs side-tabs" role="tablist" aria-label={t('side.label')} onKeyDown={onKeyDown}>
        <For each={tabs}>
          {(name) => (
            <button
              type="button"
              role="tab"
              id={`side-tab-${name}`}
              class="tab"
              aria-selected={props.tab === name}
              tabindex={props.tab === name ? 0 : -1}
              aria-controls="side-tab-panel"
              onClick={() => props.onTab(name)}>
              {t(`side.${name}`)}
              {name === 'comments' && openCount() > 0 ? (
                <span class="tab-count" data-testid="open-threads">
                  {formatNumber(openCount())}
                </span>
              ) : null}
              {name === 'suggestions' && props.suggestions.list().length > 0 ? (
                <span class="tab-count" data-testid="open-suggestions">
                  {formatNumber(props.suggestions.list().length)}
                </span>
              ) : null}
            </button>
          )}
        </For>
      </div>
      <div id="side-tab-panel" role="tabpanel" aria-labelledby={`side-tab-${props.tab}`}>
        <Switch>
          <Match when={props.tab === 'comments'}>
            <CommentsPanel
              store={props.comments.store}
              readOnlyReason={props.commentReadOnly}
              sessionId={props.sessionId}
              hasSelection={props.comments.hasSelection()}
              takeSelection={props.comments.takeSelection}
              measure={props.measure}
              onClearMeasure={props.onClearMeasure}
              activeId={props.comments.activeId()}
              onSelect={(id) => props.comments.select(id)}
              isDetached={props.comments.isDetached}
              measureTitle={props.measureTitle}
            />
          </Match>
          <Match when={props.tab === 'suggestions'}>
            <SuggestionsPanel
              controller={props.suggestions}
              canDecide={props.canDecide}
              myUserId={currentUser()?.id ?? null}
              note={props.suggestNote}
              onDiscuss={props.onDiscuss}
              onOpenThread={props.onOpenThread}
            />
          </Match>
          <Match when={props.tab === 'versions'}>
            <VersionsPanel documentId={props.documentId} canEdit={props.canEdit} />
          </Match>
          <Match when={props.tab === 'history'}>
            <HistoryPanel documentId={props.documentId} />
          </Match>
        </Switch>
      </div>
    </aside>
  );
}
