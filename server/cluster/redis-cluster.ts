import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { collabChannel, CollabMessageKind, decodeCollabMessage, encodeCollabMessage, type CollabMessageKindValue } from './collab-channel.ts';

export interface ClusterDocumentHandler {
  /** an update another process applied */
  remoteUpdate(update: Uint8Array): void;
  /** an awareness frame from a connection on another process */
  remoteAwareness(frame: Uint8Array): void;
  /** another process opened the document and lacks what is not in `stateVector` */
  syncRequested(stateVector: Uint8Array): void;
}

const ACCESS_CHANNEL = 'tansiq:access';

/** What a relayed access change concerns: one person, or one document's grants. */
export type AccessScope = { userId: string } | { documentId: string };

/**
 * Fan-out between Tansiq processes that share one PostgreSQL database and one Redis. Each process
 * subscribes to the channels of the documents it has open; the process that accepted an update
 * stores it, every other one only relays it to its own connections.
 */
export class RedisCluster {
  readonly processId = randomBytes(16);
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly documents = new Map<string, ClusterDocumentHandler>();
  private accessListener: ((scope: AccessScope) => void) | null = null;

  constructor(
    readonly url: string,
    private readonly logger: Logger,
  ) {
    const options = { maxRetriesPerRequest: null, enableAutoPipelining: true, lazyConnect: false };
    this.publisher = new Redis(url, options);
    this.subscriber = new Redis(url, options);
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error) => this.logger.warn({ err: error }, 'redis connection problem'));
    }
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel.toString(), message));
    void this.subscriber.subscribe(ACCESS_CHANNEL);
  }

  /** Clients for other uses of the same Redis (the socket.io adapter). */
  duplicate(): Redis {
    return this.publisher.duplicate();
  }

  async openDocument(documentId: string, handler: ClusterDocumentHandler): Promise<void> {
    this.documents.set(documentId, handler);
    await this.subscriber.subscribe(collabChannel(documentId));
  }

  async closeDocument(documentId: string): Promise<void> {
    this.documents.delete(documentId);
    await this.subscriber.unsubscribe(collabChannel(documentId));
  }

  publish(documentId: string, kind: CollabMessageKindValue, payload: Uint8Array): void {
    this.publisher.publish(collabChannel(documentId), encodeCollabMessage(kind, this.processId, payload)).catch((error) => {
      this.logger.error({ err: error, documentId }, 'could not publish to other processes');
    });
  }

  /** A right or credential may have ended: every process re-checks its own live connections. */
  publishAccessChange(scope: AccessScope): void {
    const message = 'userId' in scope ? { userId: scope.userId } : { documentId: scope.documentId };
    void this.publisher.publish(ACCESS_CHANNEL, JSON.stringify({ ...message, from: this.processId.toString('hex') })).catch((error) => {
      this.logger.error({ err: error }, 'could not relay an access change to other processes');
    });
  }

  onAccessChange(listener: (scope: AccessScope) => void): void {
    this.accessListener = listener;
  }

  private receive(channel: string, message: Buffer): void {
    if (channel === ACCESS_CHANNEL) {
      try {
        const parsed = JSON.parse(message.toString()) as { documentId?: unknown; userId?: unknown; from?: unknown };
        if (parsed.from === this.processId.toString('hex')) return;
        if (typeof parsed.userId === 'string') this.accessListener?.({ userId: parsed.userId });
        else if (typeof parsed.documentId === 'string') this.accessListener?.({ documentId: parsed.documentId });
      } catch {
        // not ours
      }
      return;
    }
    const documentId = channel.slice('tansiq:collab:'.length);
    const handler = this.documents.get(documentId);
    const decoded = decodeCollabMessage(message);
    if (!handler || !decoded || decoded.sender.equals(this.processId)) return;
    switch (decoded.kind) {
      case CollabMessageKind.update:
        return handler.remoteUpdate(decoded.payload);
      case CollabMessageKind.awareness:
        return handler.remoteAwareness(decoded.payload);
      case CollabMessageKind.syncRequest:
        return handler.syncRequested(decoded.payload);
    }
  }

  async close(): Promise<void> {
    this.documents.clear();
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
  }
}
