import type { DomainEvents } from '../events/bus.ts';
import type { CollabHub } from './hub.ts';

/** Access changes reach open sync connections at once, without a reconnect. */
export function subscribeHubToAccessChanges(events: DomainEvents, hub: CollabHub): void {
  const refreshDocument = (event: { documentId: string }) => hub.refreshAccess({ documentId: event.documentId });
  events.on('document.access_changed', refreshDocument);
  events.on('document.archived', refreshDocument);
  events.on('document.updated', refreshDocument);
  events.on('user.access_changed', (event) => hub.refreshAccess({ userId: event.userId }));
}
