import type { Locale } from '../../api/types.ts';
import { createSignal, type Accessor } from 'solid-js';
import { sessions, type CommissionSession, type Decision } from '../../api/sessions.ts';
import { useResync, useRoom, useServerEvent } from '../../realtime/socket.ts';

export interface LiveSession {
  session: Accessor<CommissionSession | undefined>;
  error: Accessor<unknown>;
  actionError: Accessor<unknown>;
  busy: Accessor<boolean>;
  reload(): Promise<void>;
  start(): Promise<void>;
  moveTo(itemId: string): Promise<void>;
  decide(itemId: string, decision: Decision, text?: string): Promise<boolean>;
  close(language?: Locale): Promise<void>;
}

/**
 * A commission session as it stands, live: read once, then replaced by every `session:state` the
 * session room sends (start, current item, decisions, close), presented for me by the server.
 * Following the room is what counts me as present while the session runs.
 */
export function createLiveSession(id: () => string): LiveSession {
  const [session, setSession] = createSignal<CommissionSession>();
  const [error, setError] = createSignal<unknown>();
  const [actionError, setActionError] = createSignal<unknown>();
  const [busy, setBusy] = createSignal(false);

  // Being on the page while the session is live is being there: joining says so explicitly.
  const join = async () => {
    try {
      setSession(await sessions.attend(id()));
    } catch (failure) {
      setError(failure);
    }
  };
  const reload = async () => {
    try {
      const read = await sessions.get(id());
      setSession(read);
      setError(undefined);
      if (read.state === 'live') await join();
    } catch (failure) {
      setError(failure);
    }
  };
  useRoom(() => ({ type: 'session', id: id() }));
  useServerEvent('session:state', (state) => {
    if (state.id !== id()) return;
    const before = session()?.state;
    setSession(state);
    // On the page when the chair opens the session: I join it then.
    if (before && before !== 'live' && state.state === 'live') void join();
  });
  useResync(() => void reload());
  void reload();

  const run = async (action: () => Promise<CommissionSession>): Promise<boolean> => {
    setBusy(true);
    setActionError(undefined);
    try {
      setSession(await action());
      return true;
    } catch (failure) {
      setActionError(failure);
      return false;
    } finally {
      setBusy(false);
    }
  };

  return {
    session,
    error,
    actionError,
    busy,
    reload,
    start: async () => void (await run(() => sessions.start(id()))),
    moveTo: async (itemId) => void (await run(() => sessions.moveTo(id(), itemId))),
    decide: (itemId, decision, text) => run(() => sessions.decide(id(), itemId, decision, text)),
    close: async (language) => void (await run(() => sessions.close(id(), language))),
  };
}
