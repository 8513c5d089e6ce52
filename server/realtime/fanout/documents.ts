import { documentRoom } from '../rooms.ts';
import { ServerEvent } from '../../../shared/realtime.ts';
import type { Fanout } from './types.ts';

/** Document-level events go to the document's room: only sockets that passed the access check are there. */
export const documentFanout: Fanout = ({ io, events }) => {
  const stops = [
    events.on('document.status_changed', (event) =>
      io.to(documentRoom(event.documentId)).emit(ServerEvent.documentStatusChanged, {
        documentId: event.documentId,
        from: event.from,
        to: event.to,
        reason: event.reason,
        actorUserId: event.actorUserId,
      }),
    ),
    // Clients read the list again: suggestions are few and this keeps one source of their order.
    events.on('suggestion.changed', (event) => io.to(documentRoom(event.documentId)).emit(ServerEvent.suggestionsChanged, { documentId: event.documentId })),
    events.on('document.updated', (event) => io.to(documentRoom(event.documentId)).emit(ServerEvent.documentUpdated, { documentId: event.documentId })),
    events.on('measure.status_changed', (event) =>
      io.to(documentRoom(event.documentId)).emit(ServerEvent.measureStatusChanged, {
        documentId: event.documentId,
        measureId: event.measureId,
        title: event.title,
        from: event.from,
        to: event.to,
      }),
    ),
    events.on('measure.indicator_recorded', (event) =>
      io.to(documentRoom(event.documentId)).emit(ServerEvent.measureIndicatorRecorded, { documentId: event.documentId, measureId: event.measureId }),
    ),
    events.on('measure.overdue', (event) =>
      io.to(documentRoom(event.documentId)).emit(ServerEvent.measureOverdue, {
        documentId: event.documentId,
        measureId: event.measureId,
        title: event.title,
        due: event.due,
      }),
    ),
    events.on('version.named', (event) =>
      io.to(documentRoom(event.documentId)).emit(ServerEvent.versionNamed, { documentId: event.documentId, versionId: event.versionId, name: event.name }),
    ),
    // Editors see the content change through Yjs; this tells them why, and that the version list grew.
    events.on('version.restored', (event) =>
      io.to(documentRoom(event.documentId)).emit(ServerEvent.versionRestored, {
        documentId: event.documentId,
        versionId: event.versionId,
        name: event.name,
        backupVersionId: event.backupVersionId,
        actorUserId: event.actorUserId,
      }),
    ),
  ];
  return () => {
    for (const stop of stops) stop();
  };
};
