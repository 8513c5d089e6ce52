import type { DomainEvents } from '../events/bus.ts';
import type { AccessScope, RedisCluster } from '../cluster/redis-cluster.ts';
import type { LiveRegistry } from './registry.ts';

/**
 * The bus events after which a live connection may have lost a right or its credential, and what
 * they concern: everything about a person (logout, password change or reset, token revocation,
 * disabling, role or organisation change), or one document's grants (granted, lowered, removed,
 * lead changed, archived). With several processes each scope is relayed, in one kind of message,
 * to every other process, whose registry decides its own sync connections and sockets.
 */
export function watchLiveRights(events: DomainEvents, live: LiveRegistry, cluster?: RedisCluster): () => void {
  const changed = (scope: AccessScope) => {
    void live.recheck(scope);
    cluster?.publishAccessChange(scope);
  };
  const person = (event: { userId: string }) => changed({ userId: event.userId });
  const document = (event: { documentId: string }) => changed({ documentId: event.documentId });
  const stops = [
    events.on('user.access_changed', person),
    events.on('user.credentials_changed', person),
    events.on('document.access_changed', document),
    events.on('document.archived', document),
    events.on('document.updated', document),
  ];
  cluster?.onAccessChange((scope) => void live.recheck(scope));
  cluster?.onAccessMissed(() => void live.recheck({ everyone: true }));
  return () => {
    for (const stop of stops) stop();
  };
}
