import { useParams } from '@solidjs/router';
import { createEffect, createSignal, onCleanup } from 'solid-js';
import { ErrorBox, WhenLoaded } from '../components/Feedback.tsx';
import { AgendaPanel } from './session/AgendaPanel.tsx';
import { createLiveSession } from './session/session-live.ts';
import { SessionHeader } from './session/SessionHeader.tsx';
import { SessionStage } from './session/SessionStage.tsx';

const LARGE_TYPE_KEY = 'tansiq.largeType';

/**
 * A commission session, live: the agenda with the current item, and that item's document beside
 * it. Participants follow the chair by default; they may step away to another item and rejoin.
 */
export function SessionPage() {
  const params = useParams<{ id: string }>();
  const live = createLiveSession(() => params.id);
  const [following, setFollowing] = createSignal(true);
  const [viewedItemId, setViewedItemId] = createSignal<string | null>(null);
  const [largeType, setLargeType] = createSignal(globalThis.localStorage?.getItem(LARGE_TYPE_KEY) === '1');

  // Projector-friendly: the whole interface grows (rem units) while this page is open.
  createEffect(() => document.documentElement.classList.toggle('large-type', largeType()));
  onCleanup(() => document.documentElement.classList.remove('large-type'));
  const chooseLargeType = (large: boolean) => {
    setLargeType(large);
    globalThis.localStorage?.setItem(LARGE_TYPE_KEY, large ? '1' : '0');
  };

  const shownItemId = () => {
    const session = live.session();
    if (!session) return null;
    if (session.state === 'live' && following()) return session.currentItemId;
    return viewedItemId() ?? session.currentItemId;
  };
  const shown = () => live.session()?.items.find((item) => item.id === shownItemId()) ?? null;
  const view = (itemId: string) => {
    setViewedItemId(itemId);
    setFollowing(itemId === live.session()?.currentItemId);
  };
  const follow = (on: boolean) => {
    setFollowing(on);
    // Following again forgets the item looked at; once closed, the page shows only what one picks.
    setViewedItemId(on ? null : (live.session()?.currentItemId ?? null));
  };

  return (
    <div class="page session-page">
      <ErrorBox error={live.error()} onRetry={() => void live.reload()} />
      <WhenLoaded when={live.session()} error={live.error()}>
        {(session) => (
          <>
            <SessionHeader
              session={session()}
              busy={live.busy()}
              following={following()}
              largeType={largeType()}
              onStart={() => void live.start()}
              onClose={(language) => void live.close(language)}
              onFollow={follow}
              onLargeType={chooseLargeType}
            />
            <ErrorBox error={live.actionError()} />
            <div class="session-layout">
              <AgendaPanel
                session={session()}
                shownItemId={shownItemId()}
                busy={live.busy()}
                onMove={(itemId) => {
                  setFollowing(true);
                  void live.moveTo(itemId);
                }}
                onView={view}
                onDecide={live.decide}
              />
              <SessionStage session={session()} shown={shown()} following={following()} onRejoin={() => follow(true)} />
            </div>
          </>
        )}
      </WhenLoaded>
    </div>
  );
}
