import { useSearchParams } from '@solidjs/router';
import { For, Match, Show, Switch, createEffect, createSignal, on, onCleanup } from 'solid-js';
import type { TansiqDocument } from '../../api/types.ts';
import { Notice } from '../../components/Feedback.tsx';
import { t } from '../../i18n/index.ts';
import { organisationColor } from '../../lib/colors.ts';
import { session } from '../../state/session.ts';
import { openCollabSession, type PeerUser } from './collab-session.ts';
import { createCommentsController } from './comments/comments-controller.ts';
import { threadOf } from './comments/thread-list.ts';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { DocumentSidePanel, type SideTab } from './DocumentSidePanel.tsx';
import { Gantt } from './gantt/Gantt.tsx';
import { createMeasuresStore } from './measures-store.ts';
import { createIndicatorHistory } from './indicators/history-store.ts';
import { MeasuresTable } from './MeasuresTable.tsx';
import { PrintMeasures } from './files/PrintMeasures.tsx';
import { Presence } from './Presence.tsx';
import { RichTextEditor } from './RichTextEditor.tsx';
import { readOnlyReasons } from './read-only.ts';
import { createSuggestionsController } from './suggestions/suggestions-controller.ts';
import type { Suggestion } from '../../api/suggestions.ts';

type View = 'text' | 'measures' | 'timeline';

const hasMeasuresKind = (document: TansiqDocument) => document.kind === 'action_plan';

/** ARIA tabs: arrow keys (mirrored in right-to-left), Home and End move to and select a tab. */
function moveBetweenTabs(event: KeyboardEvent, views: View[], current: View, select: (view: View) => void): void {
  const index = views.indexOf(current);
  const rtl = document.documentElement.dir === 'rtl';
  const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[event.key as 'ArrowRight' | 'ArrowLeft'];
  const target = event.key === 'Home' ? 0 : event.key === 'End' ? views.length - 1 : step !== undefined ? (index + step + views.length) % views.length : -1;
  if (target < 0) return;
  event.preventDefault();
  select(views[target]!);
  queueMicrotask(() => document.getElementById(`tab-${views[target]}`)?.focus());
}

/**
 * Owns the live session of one document for as long as it is on screen: the content (text,
 * measures, timeline) and, beside it, its comment threads and versions.
 */
export function DocumentWorkspace(props: { documentId: string; document: TansiqDocument; onAccessLost: (revoked: boolean) => void; sessionId?: string | null }) {
  const me: PeerUser = {
    id: session()?.user.id,
    name: session()?.user.name ?? '?',
    organisationId: session()?.organisation.id,
    organisationCode: session()?.organisation.code,
    color: organisationColor(session()?.organisation.id),
  };
  const live = openCollabSession(props.documentId, me);
  onCleanup(() => live.destroy());
  const measures = createMeasuresStore(live.doc);
  const comments = createCommentsController(props.documentId);
  const indicatorHistory = hasMeasuresKind(props.document) ? createIndicatorHistory(props.documentId) : { of: () => [], loaded: () => true };
  // The server's word beats the access read at page load: let the page update what it shows.
  createEffect(on(live.editsRefused, (refused) => refused && props.onAccessLost(false), { defer: true }));
  createEffect(on(live.refused, (reason) => reason === 'forbidden' && props.onAccessLost(true), { defer: true }));
  const [params, setParams] = useSearchParams<{ view?: string; comment?: string; measure?: string }>();
  const hasMeasures = () => props.document.kind === 'action_plan';
  const views = (): View[] => (hasMeasures() ? ['text', 'measures', 'timeline'] : ['text']);
  const view = (): View => (views().includes(params.view as View) ? (params.view as View) : 'text');
  const reasons = () => readOnlyReasons(props.document, live.refused(), live.editsRefused());
  const editable = () => reasons().edit === null;
  // Comment access suggests; an editor may choose to suggest too (a change to discuss first).
  const mustSuggest = () => props.document.access === 'comment' && !props.document.archived && !live.refused();
  const [suggesting, setSuggesting] = createSignal(false);
  const suggestActive = () => mustSuggest() || (editable() && suggesting());
  const suggestions = createSuggestionsController(props.documentId, { active: suggestActive, myColor: () => me.color });
  const discuss = async (suggestion: Suggestion, body: string) => {
    const anchor = suggestion.quote ? { type: 'text' as const, start: suggestion.start, end: suggestion.end, quote: suggestion.quote } : undefined;
    const thread = await comments.store.create(body, anchor);
    await suggestions.linkThread(suggestion.id, thread.id);
    openThread(thread.id);
  };
  const openThread = (threadId: string) => {
    setSideTab('comments');
    comments.select(threadId);
  };

  // The grid and the Gantt take the whole width: the panel starts folded there (a comment link reopens it).
  const [panelOpen, setPanelOpen] = createSignal(params.view !== 'measures' && params.view !== 'timeline');
  const [sideTab, setSideTab] = createSignal<SideTab>('comments');
  const [measureFilter, setMeasureFilter] = createSignal<string | null>(null);
  /** null once the measure is gone (its threads then say so) */
  const measureTitle = (id: string): string | null => {
    const row = measures.rows.find((candidate) => candidate.id === id);
    return row ? row.title || t('measures.untitled') : null;
  };
  comments.onReveal(() => {
    setPanelOpen(true);
    setSideTab('comments');
  });
  suggestions.onReveal(() => {
    setPanelOpen(true);
    setSideTab('suggestions');
  });

  // A link to a comment (from a notification) opens its thread.
  createEffect(() => {
    const wanted = params.comment;
    const thread = wanted ? threadOf(comments.store.threads(), wanted) : undefined;
    if (!thread) return;
    comments.reveal();
    comments.select(thread.id, 'editor');
    if (thread.anchor?.type === 'measure') setMeasureFilter(thread.anchor.measureId);
    setParams({ comment: undefined }, { replace: true });
  });
  // A link to a measure (an overdue notice) scrolls to its row.
  createEffect(() => {
    const wanted = params.measure;
    if (!wanted || view() !== 'measures' || !measures.rows.some((row) => row.id === wanted)) return;
    queueMicrotask(() => document.getElementById(`measure-${wanted}`)?.scrollIntoView({ block: 'center' }));
  });

  return (
    <section class="workspace" aria-label={t('document.content')}>
      <div class="workspace-bar">
        <Show when={views().length > 1}>
          <div
            class="tabs"
            role="tablist"
            aria-label={t('document.views')}
            onKeyDown={(event) => moveBetweenTabs(event, views(), view(), (name) => setParams({ view: name === 'text' ? undefined : name }))}>
            <For each={views()}>
              {(name) => (
                <button
                  type="button"
                  role="tab"
                  id={`tab-${name}`}
                  aria-selected={view() === name}
                  tabindex={view() === name ? 0 : -1}
                  aria-controls="view-panel"
                  class="tab"
                  onClick={() => setParams({ view: name === 'text' ? undefined : name })}>
                  {t(`document.view.${name}`)}
                </button>
              )}
            </For>
          </div>
        </Show>
        <div class="live-state">
          <Show when={view() === 'text' && editable()}>
            <button
              type="button"
              class="button subtle small suggest-toggle"
              aria-pressed={suggesting()}
              title={t('suggestions.modeHint')}
              data-testid="suggest-toggle"
              onClick={() => setSuggesting(!suggesting())}>
              {t('suggestions.mode')}
            </button>
          </Show>
          <Presence peers={live.peers()} />
          <ConnectionBadge state={live.connection()} />
          <button type="button" class="button subtle small" aria-expanded={panelOpen()} aria-controls="side-panel" onClick={() => setPanelOpen(!panelOpen())}>
            {panelOpen() ? t('side.hide') : t('side.show')}
          </button>
        </div>
      </div>
      <Show when={reasons().edit}>
        {(reason) => (
          <Notice kind={mustSuggest() ? 'info' : 'warning'}>
            <span data-testid="read-only">{t(reason())}</span>
          </Notice>
        )}
      </Show>
      <div class="workspace-body" classList={{ 'with-panel': panelOpen() }}>
        {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: labelled by its tab exactly when it is a tabpanel (more than one view) */}
        <div id="view-panel" class="workspace-main" role={views().length > 1 ? 'tabpanel' : undefined} aria-labelledby={views().length > 1 ? `tab-${view()}` : undefined}>
          <Switch>
            <Match when={view() === 'text'}>
              <RichTextEditor
                session={live}
                me={me}
                editable={editable() || mustSuggest()}
                suggesting={suggestActive()}
                label={t('document.body')}
                language={props.document.language ?? 'fr'}
                extensions={[comments.extension, suggestions.extension]}
                onEditor={(editor) => {
                  const detach = [comments.attachEditor(editor), suggestions.attachEditor(editor)];
                  return () => {
                    for (const stop of detach) stop();
                  };
                }}
              />
              <PrintMeasures rows={measures.rows} />
            </Match>
            <Match when={view() === 'measures'}>
              <MeasuresTable
                doc={live.doc}
                rows={measures.rows}
                editable={editable()}
                commentCounts={comments.openPerMeasure()}
                onComments={(measure) => {
                  setMeasureFilter(measure.id);
                  comments.reveal();
                }}
                indicatorHistory={indicatorHistory}
              />
            </Match>
            <Match when={view() === 'timeline'}>
              <Gantt doc={live.doc} rows={measures.rows} editable={editable()} />
            </Match>
          </Switch>
        </div>
        <Show when={panelOpen()}>
          <div id="side-panel" class="workspace-side">
            <DocumentSidePanel
              documentId={props.documentId}
              comments={comments}
              tab={sideTab()}
              onTab={setSideTab}
              commentReadOnly={reasons().comment ? t(reasons().comment!) : null}
              canEdit={editable()}
              sessionId={props.sessionId ?? null}
              measure={measureFilter() ? { id: measureFilter()!, title: measureTitle(measureFilter()!) ?? t('comments.deletedMeasureTitle') } : null}
              onClearMeasure={() => setMeasureFilter(null)}
              measureTitle={measureTitle}
              suggestions={suggestions}
              canDecide={editable()}
              suggestNote={mustSuggest() ? t('suggestions.commentAccess') : null}
              onDiscuss={discuss}
              onOpenThread={openThread}
            />
          </div>
        </Show>
      </div>
    </section>
  );
}
