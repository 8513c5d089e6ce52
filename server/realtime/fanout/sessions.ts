import { recordAttendance } from '../../commands/sessions-guard.ts';
import { canSee, loadSessionView } from '../../queries/sessions.ts';
import { presentSession } from '../../presenters/session.ts';
import { sessionRoom } from '../rooms.ts';
import { ServerEvent } from '../../../shared/realtime.ts';
import type { SocketData } from '../socket-auth.ts';
import type { Fanout } from './types.ts';

const SESSION_ROOM_PREFIX = sessionRoom('');
const SESSION_EVENTS = ['session.updated', 'session.started', 'session.item_changed', 'session.decision_recorded', 'session.closed'] as const;

/**
 * Live session state. Every session event sends `session:state` to each socket following the
 * session, presented for that socket's actor: an item whose document they may not see arrives
 * with its agenda title only. A socket that subscribes gets the state at once (so a participant
 * who stepped away rejoins where the session is) and, while the session is live, counts as present.
 */
export const sessionFanout: Fanout = ({ io, db, events, logger }) => {
  // One task at a time per session, each reading the state when its turn comes: a slow read can
  // never deliver an older state after a newer one.
  const queues = new Map<string, Promise<void>>();
  const serially = (sessionId: string, task: () => Promise<void>) => {
    const next = (queues.get(sessionId) ?? Promise.resolve()).then(task).catch((error) => logger.error({ err: error, sessionId }, 'session fanout failed'));
    queues.set(sessionId, next);
    void next.then(() => {
      if (queues.get(sessionId) === next) queues.delete(sessionId);
    });
  };

  const broadcast = (sessionId: string) =>
    serially(sessionId, async () => {
      const view = await loadSessionView(db, sessionId);
      if (!view) return;
      for (const socket of await io.in(sessionRoom(sessionId)).fetchSockets()) {
        const { actor } = socket.data as SocketData;
        // Membership may have changed since the socket subscribed: check again, as on subscribe.
        if (!canSee(actor, view)) {
          socket.leave(sessionRoom(sessionId));
          continue;
        }
        // Whoever is following when the session goes (or is) live is present, not only later joiners.
        if (view.session.state === 'live') await recordAttendance(db, sessionId, actor.userId);
        socket.emit(ServerEvent.sessionState, presentSession(view, actor));
      }
    });

  const onJoin = (room: string, socketId: string) => {
    if (!room.startsWith(SESSION_ROOM_PREFIX)) return;
    const sessionId = room.slice(SESSION_ROOM_PREFIX.length);
    serially(sessionId, async () => {
      const socket = io.of('/').sockets.get(socketId);
      const view = await loadSessionView(db, sessionId);
      if (!socket || !view) return;
      const { actor } = socket.data as SocketData;
      // The subscribe's check may predate a change the last broadcast made before the socket was in the room.
      if (!canSee(actor, view)) {
        socket.leave(sessionRoom(sessionId));
        return;
      }
      if (view.session.state === 'live') await recordAttendance(db, sessionId, actor.userId);
      socket.emit(ServerEvent.sessionState, presentSession(view, actor));
    });
  };

  const adapter = io.of('/').adapter;
  adapter.on('join-room', onJoin);
  const stops = SESSION_EVENTS.map((type) => events.on(type, (event) => broadcast(event.sessionId)));
  return () => {
    adapter.off('join-room', onJoin);
    for (const stop of stops) stop();
  };
};
