import type { CollabHub } from '../collab/hub.ts';
import type { DomainEvents } from '../events/bus.ts';
import type { RedisCluster } from './redis-cluster.ts';

/**
 * Access changes happen in the process that handled the request; sync connections to the same
 * document may live in any process. Every process re-checks its own ones.
 * (socket.io needs none of this: its Redis adapter reaches sockets in every process.)
 */
export function relayAccessChanges(events: DomainEvents, cluster: RedisCluster, hub: CollabHub): void {
  const publishDocument = (event: { documentId: string }) => cluster.publishAccessChange({ documentId: event.documentId });
  events.on('document.access_changed', publishDocument);
  events.on('document.archived', publishDocument);
  events.on('document.updated', publishDocument);
  events.on('user.access_changed', (event) => cluster.publishAccessChange({ userId: event.userId }));
  cluster.onAccessChange((change) => void hub.refreshAccess(change));
}
