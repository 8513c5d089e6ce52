import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import {
  collabChannel,
  CollabMessageKind,
  COMMITS_CHANNEL,
  decodeCollabMessage,
  decodeRelayPayload,
  decodeSequence,
  encodeCollabMessage,
  encodeRelayPayload,
  encodeSequence,
  type CollabMessageKindValue,
} from './collab-channel.ts';
import { RelayOutbox } from './relay-outbox.ts';
import { DEFAULT_TAKEOVER_AFTER_MS, Takeover } from './takeover.ts';

export interface ClusterDocumentHandler {
  /** an update another process accepted (relayed before its commit) or holds */
  remoteUpdate(update: Uint8Array): void;
  /** an awareness frame from a connection on another process */
  remoteAwareness(frame: Uint8Array): void;
  /** another process opened the document and lacks what is not in `stateVector` */
  syncRequested(stateVector: Uint8Array): void;
  /** the document's state vector here, to ask the others for what it lacks */
  stateVector(): Uint8Array;
}

const ACCESS_CHANNEL = 'tansiq:access';
/** /readyz answers within a second: a Redis that has not answered a ping by then counts as lost */
const PING_TIMEOUT_MS = 500;

/** What a relayed access change concerns: one person, or one document's grants. */
export type AccessScope = { userId: string } | { documentId: string };

/**
 * Fan-out between Tansiq processes that share one PostgreSQL database and one Redis. Each process
 * subscribes to the channels of the documents it has open; the process that accepted an update
 * stores it and publishes it at once (with the others of its document accepted meanwhile),
 * every other one relays it to its own connections and holds it until the sender confirms its
 * commit, else stores it too (takeover.ts).
 *
 * Redis pub/sub keeps nothing for a subscriber that is away. While either connection is down,
 * nothing about documents is published (it would pile up in memory, then arrive to whoever happens
 * to be subscribed again); once both are back, every open document asks the others for what it
 * lacks and is asked in turn (CollabMessageKind.resync), which carries over whatever was missed.
 */
export class RedisCluster {
  readonly processId = randomBytes(16);
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly documents = new Map<string, ClusterDocumentHandler>();
  private accessListener: ((scope: AccessScope) => void) | null = null;
  private accessMissedListener: (() => void) | null = null;
  /** since when Redis has been out of reach (at start: not reached yet), null while connected */
  private lostSince: number | null = Date.now();
  private closing = false;
  private warned = false;
  /** what other processes relayed here before committing it, until they confirm it */
  readonly takeover: Takeover;
  /** the confirmation sent last, which `close` waits for (a QUIT could otherwise overtake it) */
  private lastConfirmation: Promise<unknown> = Promise.resolve();
  /** what this process relays to the others, and the commit confirmations it owes them */
  private readonly outbox = new RelayOutbox({
    relay: (documentId, sequence, updates) => this.publish(documentId, CollabMessageKind.relay, encodeRelayPayload(sequence, updates)),
    confirm: (sequence) => this.publishCommitted(sequence),
  });

  constructor(
    readonly url: string,
    private readonly logger: Logger,
    takeoverAfterMs = DEFAULT_TAKEOVER_AFTER_MS,
  ) {
    this.takeover = new Takeover(takeoverAfterMs, logger);
    const options = { maxRetriesPerRequest: null, enableAutoPipelining: true, lazyConnect: false };
    this.publisher = new Redis(url, options);
    this.subscriber = new Redis(url, options);
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error) => {
        // Once per outage: the client retries (and fails) every few seconds until Redis returns.
        if (!this.warned) this.logger.warn({ err: error }, 'redis connection problem');
        this.warned = true;
      });
      client.on('close', () => this.connectionLost());
      client.on('ready', () => void this.connectionReady());
    }
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel.toString(), message));
    void this.subscriber.subscribe(ACCESS_CHANNEL, COMMITS_CHANNEL);
  }

  /** Clients for other uses of the same Redis (the socket.io adapter). */
  duplicate(): Redis {
    const client = this.publisher.duplicate();
    // The outage is reported once, by this cluster's own connections; without a listener every
    // failed reconnection attempt would print a warning of its own.
    client.on('error', () => {});
    return client;
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
    if (!this.connected) return;
    this.publisher.publish(collabChannel(documentId), encodeCollabMessage(kind, this.processId, payload)).catch((error) => {
      this.logger.error({ err: error, documentId }, 'could not publish to other processes');
    });
  }

  /**
   * An update accepted here, queued in this process's store as `sequence`: to the other processes
   * before its commit, with the others of its document accepted meanwhile (relay-outbox.ts).
   */
  relay(documentId: string, update: Uint8Array, sequence: number): void {
    if (this.connected) this.outbox.add(documentId, update, sequence);
  }

  /**
   * This process's store committed everything it queued up to `sequence`: the other processes stop
   * holding what it relayed up to there (told with the next relay, or shortly after).
   */
  committed(sequence: number): void {
    this.outbox.committed(sequence);
  }

  private publishCommitted(sequence: number): void {
    if (!this.connected) return;
    this.lastConfirmation = this.publisher
      .publish(COMMITS_CHANNEL, encodeCollabMessage(CollabMessageKind.committed, this.processId, encodeSequence(sequence)))
      .catch((error) => this.logger.error({ err: error }, 'could not confirm commits to other processes'));
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

  /** Told when Redis is back after an outage: access changes relayed meanwhile never arrived here. */
  onAccessMissed(listener: () => void): void {
    this.accessMissedListener = listener;
  }

  /** Null while both connections work; else why not, for /readyz. Answers within PING_TIMEOUT_MS. */
  async problem(): Promise<string | null> {
    for (const [role, client] of [
      ['publisher', this.publisher],
      ['subscriber', this.subscriber],
    ] as const) {
      if (client.status !== 'ready') return `Redis connection lost (${role}: ${client.status})`;
    }
    let timer: NodeJS.Timeout | undefined;
    const answered = await Promise.race([
      this.publisher.ping().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    return answered ? null : `Redis did not answer within ${PING_TIMEOUT_MS} ms`;
  }

  private get connected(): boolean {
    return this.publisher.status === 'ready' && this.subscriber.status === 'ready';
  }

  private connectionLost(): void {
    if (this.lostSince !== null || this.closing) return;
    this.lostSince = Date.now();
    this.logger.error('lost the connection to Redis: edits reach only the clients of the process they came to until it is back');
  }

  private async connectionReady(): Promise<void> {
    if (!this.connected || this.lostSince === null) return;
    const lostFor = Date.now() - this.lostSince;
    this.lostSince = null;
    this.warned = false;
    try {
      // The subscriber subscribed again as it came back (ioredis); a ping answered after those
      // subscriptions says they are in place, so no answer to the requests below can pass us by.
      await this.subscriber.ping();
    } catch {
      return;
    }
    // The subscriptions are in place again: whatever changes from now on arrives; what changed while
    // away did not, and is read from the database by deciding every live connection again.
    this.accessMissedListener?.();
    if (this.documents.size > 0) this.logger.info({ documents: this.documents.size, lostForMs: lostFor }, 'redis is back: catching up with the other processes');
    for (const [documentId, handler] of this.documents) this.publish(documentId, CollabMessageKind.resync, handler.stateVector());
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
    const decoded = decodeCollabMessage(message);
    if (!decoded || decoded.sender.equals(this.processId)) return;
    if (channel === COMMITS_CHANNEL) {
      if (decoded.kind === CollabMessageKind.committed) this.takeover.confirmed(decoded.sender.toString('hex'), decodeSequence(decoded.payload));
      return;
    }
    const documentId = channel.slice('tansiq:collab:'.length);
    const handler = this.documents.get(documentId);
    if (!handler) return;
    switch (decoded.kind) {
      case CollabMessageKind.update:
        return handler.remoteUpdate(decoded.payload);
      case CollabMessageKind.relay: {
        const { sequence, updates } = decodeRelayPayload(decoded.payload);
        for (const update of updates) handler.remoteUpdate(update);
        return this.takeover.held(decoded.sender.toString('hex'), documentId, sequence, updates);
      }
      case CollabMessageKind.committed:
        return;
      case CollabMessageKind.awareness:
        return handler.remoteAwareness(decoded.payload);
      case CollabMessageKind.syncRequest:
        return handler.syncRequested(decoded.payload);
      case CollabMessageKind.resync:
        handler.syncRequested(decoded.payload);
        return this.publish(documentId, CollabMessageKind.syncRequest, handler.stateVector());
    }
  }

  async close(): Promise<void> {
    // The store's last flush is done: its confirmation leaves before the connections close.
    this.outbox.flush();
    await this.lastConfirmation;
    this.closing = true;
    this.documents.clear();
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
  }
}
