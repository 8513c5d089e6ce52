import { useSearchParams } from '@solidjs/router';
import { For, Match, Show, Switch, createEffect, on, onCleanup } from 'solid-js';
import type { TansiqDocument } from '../../api/types.ts';
import { Notice } from '../../components/Feedback.tsx';
import { t, type MessageKey } from '../../i18n/index.ts';
import { organisationColor } from '../../lib/colors.ts';
import { session } from '../../state/session.ts';
import { openCollabSession, type PeerUser } from './collab-session.ts';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { createMeasuresStore } from './measures-store.ts';
import { MeasuresTable } from './MeasuresTable.tsx';
import { Presence } from './Presence.tsx';
import { RichTextEditor } from './RichTextEditor.tsx';
import { Timeline } from './Timeline.tsx';

type View = 'text' | 'measures' | 'timeline';

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

/** Owns the live session of one document for as long as it is on screen. */
export function DocumentWorkspace(props: { documentId: string; document: TansiqDocument; onAccessLost: (revoked: boolean) => void }) {
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
  // The server's word beats the access read at page load: let the page update what it shows.
  createEffect(on(live.editsRefused, (refused) => refused && props.onAccessLost(false), { defer: true }));
  createEffect(on(live.refused, (reason) => reason === 'forbidden' && props.onAccessLost(true), { defer: true }));
  const [params, setParams] = useSearchParams<{ view?: string }>();
  const hasMeasures = () => props.document.kind === 'action_plan';
  const views = (): View[] => (hasMeasures() ? ['text', 'measures', 'timeline'] : ['text']);
  const view = (): View => (views().includes(params.view as View) ? (params.view as View) : 'text');
  const readOnlyReason = (): MessageKey | null => {
    const refused = live.refused();
    if (refused) return `collab.refused.${refused}`;
    if (props.document.archived) return 'document.readOnly.archived';
    if (props.document.access === 'comment') return 'document.readOnly.comment';
    if (props.document.access === 'view') return 'document.readOnly.view';
    if (live.editsRefused()) return 'document.readOnly.refused';
    return null;
  };
  const editable = () => readOnlyReason() === null;

  return (
    <section class="workspace" aria-label={t('document.content')}>
      <div class="workspace-bar">
        <Show when={views().length > 1}>
          <div class="tabs" role="tablist" aria-label={t('document.views')} onKeyDown={(event) => moveBetweenTabs(event, views(), view(), (name) => setParams({ view: name === 'text' ? undefined : name }))}>
            <For each={views()}>
              {(name) => (
                <button type="button" role="tab" id={`tab-${name}`} aria-selected={view() === name} tabindex={view() === name ? 0 : -1} aria-controls="view-panel" class="tab"
                  onClick={() => setParams({ view: name === 'text' ? undefined : name })}>
                  {t(`document.view.${name}`)}
                </button>
              )}
            </For>
          </div>
        </Show>
        <div class="live-state">
          <Presence peers={live.peers()} />
          <ConnectionBadge state={live.connection()} />
        </div>
      </div>
      <Show when={readOnlyReason()}>{(reason) => <Notice kind="warning"><span data-testid="read-only">{t(reason())}</span></Notice>}</Show>
      <div id="view-panel" role={views().length > 1 ? 'tabpanel' : undefined} aria-labelledby={views().length > 1 ? `tab-${view()}` : undefined}>
        <Switch>
          <Match when={view() === 'text'}>
            <RichTextEditor session={live} me={me} editable={editable()} label={t('document.body')} />
          </Match>
          <Match when={view() === 'measures'}>
            <MeasuresTable doc={live.doc} rows={measures.rows} editable={editable()} />
          </Match>
          <Match when={view() === 'timeline'}>
            <Timeline rows={measures.rows} />
          </Match>
        </Switch>
      </div>
    </section>
  );
}
