import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import type { Logger } from 'pino';
import type { Database } from '../../db/schema.ts';
import { organisationColor } from '../../shared/colors.ts';
import type { Actor } from '../auth/actor.ts';
import type { AwarenessUser } from './awareness-registry.ts';
import { CloseCode } from '../../shared/close-codes.ts';
import { CollabConnection, type CollabSocket } from './connection.ts';
import { KeyedDebouncer } from './debouncer.ts';
import { Compactor } from './compactor.ts';
import { DocumentStore, type LoadedDocument } from './document-store.ts';
import { DEFAULT_PENDING_REPAIR_MS } from './pending-watch.ts';
import type { CollabLimits } from './limits.ts';
import { observeUnstored, type CollabMetrics } from './metrics.ts';
import { RelayPace } from './relay-pace.ts';
import { projectDocument } from './projection.ts';
import { projectionLags, projectionMark } from './projection-mark.ts';
import { writeProjection } from './projection-writer.ts';
import { Room } from './room.ts';
import { recordIndicatorValues } from './indicator-history-store.ts';
import type { IndicatorValueChange, WriterClaim } from './indicator-history.ts';
import { recordWriterClaims } from './writer-claims-store.ts';
import { within } from '../deadline.ts';
import { CollabMessageKind } from '../cluster/collab-channel.ts';
import { ConcurrencyLimit } from './concurrency-limit.ts';
import type { RedisCluster } from '../cluster/redis-cluster.ts';
import type { DomainEvents } from '../events/bus.ts';

export interface HubOptions {
  db: Kysely<Database>;
  logger: Logger;
  metrics: CollabMetrics;
  limits: CollabLimits;
  /** how long an unused document stays in memory after its last connection left */
  unloadDelayMs: number;
  /** compact a document's log once this many entries accumulated */
  compactAfterEntries: number;
  /** under load, group commits start at most this often */
  flushIntervalMs?: number;
  /** a document stuck this long on missing dependencies fetches them (default DEFAULT_PENDING_REPAIR_MS) */
  pendingRepairMs?: number;
  /** past this many bytes accepted and not yet stored, new edits are refused ("retry later") */
  maxUnstoredBytes?: number;
  projectionWaitMs: number;
  projectionMaxWaitMs: number;
  /** the domain event bus: measure status changes noticed by the projection go there */
  events?: DomainEvents;
}

export type JoinRefusal = { code: number; reason: string };

/** projections written at once by one process (the pool holds 10 connections by default) */
const MAX_CONCURRENT_PROJECTIONS = 3;

/**
 * The open documents of this process: one Room (one Y.Doc) per document however many
 * connections, loaded on first join and unloaded once the last one left and its writes are stored.
 */
export class CollabHub {
  readonly store: DocumentStore;
  private readonly rooms = new Map<string, Room>();
  /** rooms whose last connection left, while their writes, projection and compaction finish */
  private readonly unloading = new Map<string, Room>();
  /** the room of every open connection; the one place that says whether a connection still counts */
  private readonly roomOf = new Map<CollabConnection, Room>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  private readonly compactor: Compactor;
  /** how long busy documents' updates wait to leave together, from how busy the process is */
  private readonly relayPace: RelayPace;
  private readonly unloads = new Set<Promise<void>>();
  /** indicator history being written (awaited at close) */
  private readonly historyWrites = new Set<Promise<void>>();
  /** stored documents being read for connections still being admitted (see `prefetch`) */
  private readonly prefetches = new Map<string, { read: Promise<LoadedDocument>; holders: number }>();
  /**
   * Everyone with open connections: how many, and one copy of who they are shared by all their
   * connections (a person in a session may have several tabs; a thousand idle connections should
   * not hold a thousand copies of a dozen people).
   */
  private readonly people = new Map<string, { connections: number; actor: Actor; user: AwarenessUser }>();
  private readonly projections: KeyedDebouncer;
  private readonly projectionLimit = new ConcurrencyLimit(MAX_CONCURRENT_PROJECTIONS);
  /** checks of freshly loaded documents' projections (see `catchUpProjection`), awaited at close */
  private readonly projectionChecks = new Set<Promise<void>>();
  private closing = false;
  private closed = false;
  private cluster: RedisCluster | null = null;

  constructor(private readonly options: HubOptions) {
    const { metrics } = options;
    this.store = new DocumentStore(
      options.db,
      options.logger,
      {
        committed: (_id, bytes, lag) => {
          metrics.bytesStored.inc(bytes);
          metrics.durabilityLagSeconds.observe(lag);
        },
        flushed: (_rows, seconds) => metrics.flushSeconds.observe(seconds),
        committedThrough: (sequence) => this.cluster?.committed(sequence),
        flushFailed: () => metrics.failedFlushes.inc(),
      },
      options.flushIntervalMs,
      options.maxUnstoredBytes,
    );
    observeUnstored(metrics, () => this.store.unstored());
    this.relayPace = new RelayPace((windowMs) => metrics.relayWindowMs.set(windowMs));
    this.compactor = new Compactor(this.store, options.logger, metrics, options.compactAfterEntries);
    this.projections = new KeyedDebouncer(options.projectionWaitMs, options.projectionMaxWaitMs, (id) => this.project(id));
  }

  /**
   * While the edits already accepted cannot be stored (database failing, disk full or failing),
   * a new connection is told at once to retry later: what it would type could not be kept, and
   * a document that must be read back from storage cannot be read whole. Asks nothing of the
   * database, so it answers however stuck that is.
   */
  storageRefusal(): JoinRefusal | null {
    if (this.store.writeProblem === null) return null;
    return { code: CloseCode.retryLater, reason: 'Edits cannot be stored right now; retrying.' };
  }

  /** Checks the per-document and per-user limits; join right after, without awaiting in between. */
  admissionRefusal(documentId: string, actor: Actor): JoinRefusal | null {
    if (this.closing) return { code: CloseCode.serverShutdown, reason: 'The server is restarting.' };
    const unstorable = this.storageRefusal();
    if (unstorable) return unstorable;
    const room = this.rooms.get(documentId);
    if (room && room.connections.size >= this.options.limits.maxConnectionsPerDocument) {
      return { code: CloseCode.tooManyConnections, reason: 'This document has too many connections.' };
    }
    if ((this.people.get(actor.userId)?.connections ?? 0) >= this.options.limits.maxConnectionsPerUser) {
      return { code: CloseCode.tooManyConnections, reason: 'You have too many open connections.' };
    }
    return null;
  }

  /**
   * Starts reading a document that is not open while a connection to it is still being admitted,
   * so the access check and the read of a long document overlap instead of following each other.
   * The next room opened for the document takes the read: no room existed since it began, and
   * every change made in this process goes through a room, so it is current (other processes'
   * changes are caught up with when the room links to the cluster). Call the returned release once
   * the admission is over, admitted or not: a read nobody holds is forgotten, never used later.
   */
  prefetch(documentId: string): () => void {
    if (this.closing || this.rooms.has(documentId)) return () => {};
    let entry = this.prefetches.get(documentId);
    if (!entry) {
      const read = this.store.loadCurrent(documentId);
      // Whoever takes it reports a failure; one nobody takes is not an error.
      read.catch(() => {});
      entry = { read, holders: 0 };
      this.prefetches.set(documentId, entry);
    }
    entry.holders++;
    const held = entry;
    return () => {
      if (--held.holders === 0 && this.prefetches.get(documentId) === held) this.prefetches.delete(documentId);
    };
  }

  join(documentId: string, socket: CollabSocket, actor: Actor, level: CollabConnection['level'], organisationCode: string): CollabConnection {
    const person = this.person(actor, organisationCode);
    person.connections++;
    const connection = new CollabConnection(socket, person.actor, level, person.user, this.options.limits, this.dropSlowConsumer);
    const room = this.openRoom(documentId);
    this.roomOf.set(connection, room);
    this.options.metrics.connections.inc();
    room.join(connection);
    return connection;
  }

  /**
   * The shared copy of who this is, renewed when their name, organisation or role changed. The
   * collaboration core asks only who someone is, never how they signed in (token or session).
   */
  private person(actor: Actor, organisationCode: string) {
    const known = this.people.get(actor.userId);
    if (known && sameIdentity(known.actor, actor) && known.user.organisationCode === organisationCode) return known;
    const user: AwarenessUser = {
      id: actor.userId,
      name: actor.name,
      organisationId: actor.organisationId,
      organisationCode,
      color: organisationColor(actor.organisationId),
    };
    const person = { connections: known?.connections ?? 0, actor, user };
    this.people.set(actor.userId, person);
    return person;
  }

  private readonly dropSlowConsumer = (slow: CollabConnection) => {
    this.options.metrics.refused.inc({ reason: 'slow_consumer' });
    this.options.logger.warn({ documentId: this.roomOf.get(slow)?.documentId, userId: slow.actor.userId }, 'dropping a connection that does not read');
    this.leave(slow);
  };

  receive(connection: CollabConnection, bytes: Uint8Array): void {
    this.roomOf.get(connection)?.receive(connection, bytes);
  }

  /** Forgets a connection (closed by the client, refused, revoked); safe to call more than once. */
  leave(connection: CollabConnection): void {
    const room = this.roomOf.get(connection);
    if (!room) return;
    this.roomOf.delete(connection);
    connection.closed = true;
    room.leave(connection);
    const person = this.people.get(connection.actor.userId);
    if (person && --person.connections <= 0) this.people.delete(connection.actor.userId);
    this.options.metrics.connections.dec();
    if (room.connections.size === 0 && this.rooms.get(room.documentId) === room) this.scheduleUnload(room);
  }

  private openRoom(documentId: string): Room {
    const timer = this.unloadTimers.get(documentId);
    if (timer) {
      clearTimeout(timer);
      this.unloadTimers.delete(documentId);
    }
    const existing = this.rooms.get(documentId);
    if (existing && existing.state !== 'failed') return existing;
    const stored = this.prefetches.get(documentId)?.read ?? this.store.loadCurrent(documentId);
    this.prefetches.delete(documentId);
    const room = new Room(
      documentId,
      {
        store: this.store,
        logger: this.options.logger,
        metrics: this.options.metrics,
        limits: this.options.limits,
        onChanged: (changed) => this.projections.schedule(changed.documentId),
        onStored: (stored) => this.compactor.afterAppend(stored),
        onIndicatorValues: (changed, changes) => this.recordIndicators(changed.documentId, changes),
        onWriterClaims: (changed, claims) => this.recordWriters(changed.documentId, claims),
        release: (connection) => this.leave(connection),
        onAccepted: (changed, update) => this.cluster?.relay(changed.documentId, update, this.store.queuedThrough),
        onLocalAwareness: (changed, frame) => this.cluster?.publish(changed.documentId, CollabMessageKind.awareness, frame),
        repair: (stuck) => this.repair(stuck),
        pendingRepairMs: this.options.pendingRepairMs ?? DEFAULT_PENDING_REPAIR_MS,
        relayWindowMs: () => this.relayPace.windowMs,
      },
      stored,
    );
    if (this.cluster)
      room.loaded.then(
        () => this.linkToCluster(room),
        () => {},
      );
    room.loaded.then(
      async () => this.catchUpProjection(room, (await stored).projectionMark),
      () => {},
    );
    this.rooms.set(documentId, room);
    this.options.metrics.openDocuments.inc();
    room.loaded.catch(() => {
      // A failed load leaves nothing behind: the next connection tries again from storage.
      if (this.rooms.get(documentId) === room) this.rooms.delete(documentId);
      for (const connection of [...room.connections]) this.leave(connection);
      this.options.metrics.openDocuments.dec();
      room.destroy();
    });
    return room;
  }

  /**
   * A document just loaded whose projection lags what is stored (edited by another process that
   * died before projecting, or by one that has not restarted since) is projected now, not at the
   * next edit. After the load, so opening the document never waits for it; tracked, so that
   * `close` waits for it (or gives up on it at its deadline) instead of closing the database under it.
   */
  private catchUpProjection(room: Room, recordedMark: Uint8Array | null): void {
    if (this.closing) return;
    const { documentId } = room;
    const check = (async () => {
      if (this.closed || room.state !== 'ready') return;
      if (!projectionLags(room.doc, recordedMark)) return;
      this.options.metrics.projectionCatchUps.inc();
      // Through the debouncer: one run per document at a time, and `close` runs what is left.
      this.projections.schedule(documentId);
      await this.projections.runNow(documentId);
    })()
      .catch((error) => this.options.logger.error({ err: error, documentId }, 'could not check whether a projection is up to date'))
      .finally(() => {
        this.projectionChecks.delete(check);
        this.options.metrics.projectionChecks.inc();
      });
    this.projectionChecks.add(check);
  }

  /** Settles once the projection checks of the documents loaded so far are done (tests, tools). */
  async projectionChecksSettled(): Promise<void> {
    await Promise.all(this.projectionChecks);
  }

  /**
   * With several processes: documents opened from now on relay to and from the others, and what
   * the others relayed and did not confirm committing is stored here (cluster/takeover.ts).
   */
  joinCluster(cluster: RedisCluster): void {
    this.cluster = cluster;
    cluster.takeover.storeWith((documentId, updates) => {
      for (const update of updates) {
        this.store
          .append(documentId, update)
          .catch((error: unknown) => this.options.logger.error({ err: error, documentId }, 'an update taken over from another process was not stored'));
      }
    });
  }

  private async linkToCluster(room: Room): Promise<void> {
    const cluster = this.cluster;
    if (!cluster || this.rooms.get(room.documentId) !== room) return;
    try {
      await cluster.openDocument(room.documentId, {
        remoteUpdate: (update) => room.applyRemoteUpdate(update),
        remoteAwareness: (frame) => room.relayRemoteAwareness(frame),
        syncRequested: (stateVector) => {
          if (room.state !== 'ready') return;
          const missing = Y.encodeStateAsUpdate(room.doc, stateVector);
          if (missing.length <= 2) return;
          // The asker holds the answer as stored (it is no relay): it leaves once what this
          // process queued for the document so far is committed. What it holds that others
          // relayed before their commit, this process stores if they do not confirm it (takeover.ts).
          void this.store.whenStored(room.documentId).then(() => cluster.publish(room.documentId, CollabMessageKind.update, missing));
        },
        stateVector: () => Y.encodeStateVector(room.doc),
      });
      // Subscribed first, then asked: whatever the others accepted meanwhile reaches us either way.
      cluster.publish(room.documentId, CollabMessageKind.syncRequest, Y.encodeStateVector(room.doc));
    } catch (error) {
      this.options.logger.error({ err: error, documentId: room.documentId }, 'could not join the other processes on a document');
    }
  }

  /**
   * A document stuck on missing dependencies (see PendingWatch) asks the other processes for what
   * it lacks and reads the stored document again: an update relayed between processes is stored by
   * its sender (or, if that one died first, by the processes it reached), so a lost message is in
   * storage, or with a process that answers.
   */
  private async repair(room: Room): Promise<void> {
    if (this.rooms.get(room.documentId) !== room) return;
    this.cluster?.publish(room.documentId, CollabMessageKind.syncRequest, Y.encodeStateVector(room.doc));
    const { parts } = await this.store.load(room.documentId);
    room.applyStoredAgain(parts);
  }

  private scheduleUnload(room: Room): void {
    if (this.closing || this.unloadTimers.has(room.documentId)) return;
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room.documentId);
      const unload = this.unload(room).finally(() => this.unloads.delete(unload));
      this.unloads.add(unload);
    }, this.options.unloadDelayMs);
    timer.unref();
    this.unloadTimers.set(room.documentId, timer);
  }

  private async unload(room: Room): Promise<void> {
    const { documentId } = room;
    if (room.connections.size > 0 || this.rooms.get(documentId) !== room) return;
    this.rooms.delete(documentId);
    this.unloading.set(documentId, room);
    try {
      await room.loaded.catch(() => {});
      if (room.state === 'ready') {
        room.settle();
        await this.store.whenStored(documentId);
        await this.projections.runNow(documentId);
        await this.compactor.beforeUnload(room);
      }
    } catch (error) {
      this.options.logger.error({ err: error, documentId }, 'error while unloading a document');
    } finally {
      if (this.unloading.get(documentId) === room) this.unloading.delete(documentId);
      if (room.state !== 'failed') this.options.metrics.openDocuments.dec();
      room.destroy();
      if (this.cluster && !this.rooms.has(documentId)) void this.cluster.closeDocument(documentId).catch(() => {});
    }
  }

  /**
   * Records changes of current indicator values as they happen, stamped by this process's clock,
   * then tells the document's readers (their charts fetch the history again).
   */
  private recordIndicators(documentId: string, changes: IndicatorValueChange[]): void {
    const write = recordIndicatorValues(this.options.db, documentId, changes, new Date())
      .then(() => {
        for (const change of changes)
          this.options.events?.emit({ type: 'measure.indicator_recorded', documentId, measureId: change.measureId, value: change.value, actorUserId: change.userId });
      })
      .catch((error) => this.options.logger.error({ err: error, documentId, changes: changes.length }, 'could not record indicator values'))
      .finally(() => this.historyWrites.delete(write));
    this.historyWrites.add(write);
  }

  /** Who writes under which client id (attribution in version comparisons); tracked like the indicator history. */
  private recordWriters(documentId: string, claims: WriterClaim[]): void {
    const write = recordWriterClaims(this.options.db, documentId, claims)
      .catch((error) => this.options.logger.error({ err: error, documentId, claims: claims.length }, 'could not record writers'))
      .finally(() => this.historyWrites.delete(write));
    this.historyWrites.add(write);
  }

  /**
   * Once the writer claims and indicator values handed on so far are recorded, and the document's
   * updates queued so far (which carry who deleted what) are committed — or their storage fails.
   */
  async writersRecorded(documentId: string): Promise<void> {
    await Promise.allSettled([...this.historyWrites, this.store.storedUnlessFailing(documentId)]);
  }

  /** Merges the document's log into its snapshot now (tests, tools). */
  compact(documentId: string): Promise<void> {
    return this.compactor.compact(documentId, () => this.rooms.get(documentId)?.liveDocument() ?? null);
  }

  private project(documentId: string): Promise<void> {
    // Documents opened together come due together: a few at a time keep pool connections (and
    // the event loop) free for the update log's commits, which the cross-process relay waits for.
    return this.projectionLimit.run(() => this.projectNow(documentId));
  }

  private async projectNow(documentId: string): Promise<void> {
    // While a document is reopened its new copy may still be loading; the old one is then current.
    const room = [this.rooms.get(documentId), this.unloading.get(documentId)].find((candidate) => candidate?.state === 'ready');
    if (!room) return;
    try {
      const recorded = await writeProjection(
        this.options.db,
        { documentId, lastEditorId: room.lastEditorId, lastEditedAt: room.lastEditedAt, mark: projectionMark(room.doc) },
        projectDocument(room.doc),
      );
      this.options.events?.publish(recorded);
    } catch (error) {
      this.options.logger.error({ err: error, documentId }, 'projection failed');
    }
  }

  /** The room a connection is in, while it counts (for the live-access checks). */
  roomOfConnection(connection: CollabConnection): Room | undefined {
    return this.roomOf.get(connection);
  }

  /**
   * Applies a change made by the server on behalf of `actorUserId` (loading the document if no one
   * has it open); every connection receives it and it is stored like a client's update.
   */
  async applyServerChange<T>(documentId: string, change: (doc: Y.Doc) => T, actorUserId: string): Promise<T> {
    if (this.closing) throw new Error('the collaboration hub is closing');
    const room = this.openRoom(documentId);
    try {
      await room.loaded;
      return room.applyServerChange(change, actorUserId);
    } finally {
      // Opened only for this change: unload it again once stored, as after a last connection.
      if (room.connections.size === 0 && this.rooms.get(documentId) === room) this.scheduleUnload(room);
    }
  }

  get metrics(): CollabMetrics {
    return this.options.metrics;
  }

  get limits(): CollabLimits {
    return this.options.limits;
  }

  get openDocuments(): number {
    return this.rooms.size + this.unloading.size;
  }

  room(documentId: string): Room | undefined {
    return this.rooms.get(documentId);
  }

  /**
   * Closes every connection, stores what is pending and projects what changed, within
   * `deadlineMs` even with the database gone: what is still unstored then is logged with its
   * count; its clients still hold it and send it to the next server.
   */
  async close(deadlineMs = 6_000): Promise<void> {
    const endBy = Date.now() + deadlineMs;
    this.closing = true;
    for (const timer of this.unloadTimers.values()) clearTimeout(timer);
    this.unloadTimers.clear();
    const connections = [...this.roomOf.keys()];
    // Every one closed before any leaves: a room would otherwise tell each of its connections
    // still open that the others are leaving (an awareness message per leaver to each of them).
    for (const connection of connections) connection.close(CloseCode.serverShutdown, 'The server is restarting.');
    for (const connection of connections) this.leave(connection);
    this.relayPace.stop();
    // What the rooms hold to apply with their next relay is applied and queued for storage now.
    for (const room of this.rooms.values()) if (room.state === 'ready') room.settle();
    const writeOut = async () => {
      await Promise.all(this.projectionChecks);
      // What other processes relayed and did not confirm yet is stored here unless they do soon.
      await this.cluster?.takeover.close();
      await this.store.flush();
      await this.projections.runAll();
      // All at once (projections and compactions keep to their own limits): one by one, a
      // thousand open documents spent the shutdown's budget waiting on each other's round trips.
      await Promise.all([...this.rooms.values()].map((room) => this.unload(room)));
      await Promise.all(this.unloads);
      await Promise.all(this.historyWrites);
      await this.compactor.settled();
    };
    const finished = await within(endBy - Date.now(), writeOut());
    this.closed = true;
    const unstored = await this.store.close(Math.max(0, endBy - Date.now()));
    if (unstored > 0) {
      this.options.logger.error(
        { unstoredUpdates: unstored },
        'stopping with updates not stored (the database did not take them); their clients still hold them and send them again',
      );
    } else if (!finished) {
      this.options.logger.warn('stopping before every projection and compaction finished; they are caught up at the next start');
    }
  }
}

const sameIdentity = (a: Actor, b: Actor) =>
  a.userId === b.userId && a.organisationId === b.organisationId && a.role === b.role && a.name === b.name && a.email === b.email && a.locale === b.locale;
