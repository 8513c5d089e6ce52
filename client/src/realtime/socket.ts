import { createEffect, createRoot, onCleanup } from 'solid-js';
import { io, type Socket } from 'socket.io-client';
import { SERVER_EVENT_NAMES, type ClientToServerEvents, type ServerEventName, type ServerEventPayload, type ServerToClientEvents } from '../../../shared/realtime.ts';
import { loadSession, session } from '../state/session.ts';
import { RoomRegistry, type Room } from './registry.ts';

/**
 * The tab's one socket.io connection (path /socket.io, the session cookie authenticates it).
 * Opened when someone signs in, closed at sign-out. Components follow rooms (a document, a
 * session) through `followRoom`; after a reconnection every followed room is subscribed again
 * and `onResync` listeners refetch what they may have missed meanwhile.
 */

type Handler<N extends ServerEventName> = (payload: ServerEventPayload<N>) => void;

const registry = new RoomRegistry();
const handlers = new Map<ServerEventName, Set<Handler<any>>>();
const resyncListeners = new Set<() => void>();
let socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;

function emitSubscribe(room: Room): void {
  socket?.timeout(10_000).emit('subscribe', room, (error, reply) => {
    // Refused (no access any more) or timed out: nothing to follow; a reconnection tries again.
    if (error || !reply || 'error' in reply) return;
  });
}

function open(): void {
  const next: Socket<ServerToClientEvents, ClientToServerEvents> = io({ path: '/socket.io', withCredentials: true, reconnectionDelayMax: 10_000 });
  socket = next;
  let connectedBefore = false;
  for (const name of SERVER_EVENT_NAMES) {
    next.on(name, (payload: unknown) => {
      for (const handler of handlers.get(name) ?? []) handler(payload as never);
    });
  }
  next.on('connect', () => {
    for (const room of registry.rooms()) emitSubscribe(room);
    if (connectedBefore) for (const listener of resyncListeners) listener();
    connectedBefore = true;
  });
  // The server ended this sign-in (and will not take the socket back): ask who we are, which
  // answers 401 and shows the sign-in page, the same way as any API call after a sign-out.
  next.on('auth:ended', () => void loadSession().catch(() => undefined));
}

function close(): void {
  socket?.removeAllListeners();
  socket?.disconnect();
  socket = null;
  registry.clear();
}

// One connection per signed-in person: a new sign-in (another account) gets a new one.
createRoot(() => {
  createEffect((previous: string | undefined) => {
    const userId = session()?.user.id;
    if (userId !== previous) {
      close();
      if (userId) open();
    }
    return userId;
  });
});

/** Listens to one server event until the returned function is called. */
export function onServerEvent<N extends ServerEventName>(name: N, handler: Handler<N>): () => void {
  let set = handlers.get(name);
  if (!set) handlers.set(name, (set = new Set()));
  set.add(handler);
  return () => set.delete(handler);
}

/** Called after each reconnection (not the first connection): refetch what events may have been missed. */
export function onResync(listener: () => void): () => void {
  resyncListeners.add(listener);
  return () => resyncListeners.delete(listener);
}

/** Follows a room until the returned function is called. */
export function followRoom(room: Room): () => void {
  if (registry.add(room) && socket?.connected) emitSubscribe(room);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (registry.remove(room) && socket?.connected) socket.emit('unsubscribe', room, () => undefined);
  };
}

/** In a component: listens to a server event for as long as the component lives. */
export function useServerEvent<N extends ServerEventName>(name: N, handler: Handler<N>): void {
  onCleanup(onServerEvent(name, handler));
}

export function useResync(listener: () => void): void {
  onCleanup(onResync(listener));
}

/** In a component: follows the room named by `room()` (none when it gives null), switching when it changes. */
export function useRoom(room: () => Room | null): void {
  createEffect(() => {
    const current = room();
    if (!current) return;
    const leave = followRoom(current);
    onCleanup(leave);
  });
}
