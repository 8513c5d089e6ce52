import { findComment } from '../../queries/comments.ts';
import { presentComment } from '../../presenters/comment.ts';
import { documentRoom } from '../rooms.ts';
import { ServerEvent } from '../../../shared/realtime.ts';
import type { Fanout } from './types.ts';

type CommentEventName = 'comment:created' | 'comment:updated' | 'comment:deleted' | 'comment:resolved';

/**
 * Comment changes go to the document's room (only sockets that passed the access check are in
 * it), each carrying the comment as it now is, presented as the REST API presents it: clients
 * upsert by id. Mentions reach people through notifications, not here.
 */
export const commentFanout: Fanout = ({ io, db, events, logger }) => {
  // Loading a comment is asynchronous: chain the sends of each document so that its sockets get
  // the events in the order they happened (created before updated, even under load).
  const queues = new Map<string, Promise<void>>();
  const relay = (name: CommentEventName) => (event: { documentId: string; commentId: string }) => {
    const send = async () => {
      const row = await findComment(db, event.commentId);
      if (row && row.document_id === event.documentId) io.to(documentRoom(event.documentId)).emit(name, presentComment(row));
    };
    const queued = (queues.get(event.documentId) ?? Promise.resolve()).then(send).catch((error) => logger.error({ err: error, event: name }, 'could not relay a comment event'));
    queues.set(event.documentId, queued);
    void queued.then(() => {
      if (queues.get(event.documentId) === queued) queues.delete(event.documentId);
    });
  };
  const stops = [
    events.on('comment.created', relay(ServerEvent.commentCreated)),
    events.on('comment.updated', relay(ServerEvent.commentUpdated)),
    events.on('comment.deleted', relay(ServerEvent.commentDeleted)),
    events.on('comment.resolved', relay(ServerEvent.commentResolved)),
  ];
  return () => {
    for (const stop of stops) stop();
  };
};
