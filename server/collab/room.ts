import type { Logger } from 'pino';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/close-codes.ts';
import type { CollabConnection } from './connection.ts';
import { applyStored, emptyUpdate, serverDoc, type DocumentStore, type LoadedDocument } from './document-store.ts';
import { decodeInboundFrame, type InboundFrame } from './inbound-frame.ts';
import type { CollabLimits } from './limits.ts';
import { permissionDenied, syncStep1, syncStep2, syncUpdate } from './messages.ts';
import type { CollabMetrics } from './metrics.ts';
import type { UpdateExtent } from './protocol/index.ts';
import { extentOf, isEmptyUpdate } from './update-check.ts';
import { LocalChanges } from './local-changes.ts';
import { measureMigration } from './measure-migration.ts';
import { leftDatesOutOfOrder } from '../../shared/doc-schema.ts';
import { IndicatorWatch, WriterClaims, type IndicatorValueChange, type WriterClaim } from './indicator-history.ts';
import { RoomAwareness } from './room-awareness.ts';
import { WireFrame } from './wire-frame.ts';
import { deletedSince, deleteSetLengths, deletionRanges, type DeletionRange } from './deletions.ts';
import { PendingWatch } from './pending-watch.ts';
import { overlapsDocument, updateChangesDocument } from './update-effect.ts';

type UpdateFrame = Extract<InboundFrame, { kind: 'update' | 'sync-step2' }>;
/** an update to relay: its frame when it already has one, and the connection it came from */
type OutgoingUpdate = { update: Uint8Array; frame: Uint8Array | null; origin: CollabConnection | null };
/**
 * An update waiting to be applied with the others of its relay (see `applyInbox`): a client's,
 * checked, with its frame; or another process's (`connection` null), which that process stores.
 */
type InboxUpdate = { connection: CollabConnection; update: Uint8Array; frame: Uint8Array } | { connection: null; update: Uint8Array; frame: null };

/** Where an update the document took came from, which decides what else it needs (see `Room.accept`). */
const NO_DELETIONS: readonly DeletionRange[] = [];

interface Acceptance {
  /** the client's frame, relayed as it came when the update is all new */
  frame?: Uint8Array | null;
  /** the connection it came from, which does not get it back */
  origin?: CollabConnection;
  /** stored elsewhere (another process's, which stores it; or read back from storage): not stored here */
  committed?: boolean;
  /** whose edit it is (counted, last editor); none for a change nobody typed (a migration, Yjs's own cleanup) */
  editor?: string;
  /** may change what the projection reads (a migration does not: the rows read the same) */
  project: boolean;
  /** the items it deleted, with who deleted them, when known apart from the document's transaction (the inbox) */
  deletions?: readonly DeletionRange[];
}

export interface RoomServices {
  store: DocumentStore;
  logger: Logger;
  metrics: CollabMetrics;
  limits: CollabLimits;
  /** the document changed through `editorUserId`; used to schedule the projection */
  onChanged(room: Room, editorUserId: string): void;
  /** measures' current indicator values changed, by the users named (see indicator-history.ts) */
  onIndicatorValues?(room: Room, changes: IndicatorValueChange[]): void;
  /** users seen writing under Yjs client ids new to this room (or now contested): to record */
  onWriterClaims?(room: Room, claims: WriterClaim[]): void;
  /** the tail of the update log grew; used to schedule compaction */
  onStored(room: Room): void;
  /** the room closed this connection (bad input, limits): the hub forgets it */
  release(connection: CollabConnection): void;
  /**
   * An update accepted here, just queued in the store: for the other processes (several processes
   * behind Redis), which hold it until its commit is confirmed (cluster/takeover.ts).
   */
  onAccepted?(room: Room, update: Uint8Array): void;
  /** an awareness frame accepted here, for the other processes */
  onLocalAwareness?(room: Room, frame: Uint8Array): void;
  /** the document has been stuck on missing dependencies for a while: fetch what it lacks */
  repair(room: Room): Promise<void>;
  /** how long a document may hold updates with missing dependencies before `repair` */
  pendingRepairMs: number;
  /** how long a busy document's updates wait to leave together (relay-pace.ts); none if absent */
  relayWindowMs?(): number;
}

type RoomState = 'loading' | 'ready' | 'failed' | 'closed';

/** stored state from which on building the copy is worth waiting for the first sync requests (firstRequests) */
const LARGE_STATE_BYTES = 64 * 1024;
const FIRST_REQUEST_WAIT_MS = 50;
/** how long a loaded document keeps the stored bytes it was built from to answer sync requests with (see `storedAnswer`) */
const STORED_ANSWER_MS = 30_000;
/** transaction origin of changes made by the server rather than a connection */
const SERVER_ORIGIN = Symbol('server');
/** transaction origin of updates stored elsewhere: relayed from another process, or read back from storage */
const COMMITTED_ORIGIN = Symbol('committed');
/** transaction origin of clients' updates applied together (applyInbox); each one's deletions are attributed there */
const INBOX_ORIGIN = Symbol('inbox');

/**
 * One open document: its Y.Doc, its connections and their awareness. Every message from a
 * client is decoded and checked before Yjs sees it; of an update, only what the document lacked
 * is applied, relayed and stored.
 */
export class Room {
  readonly doc = serverDoc();
  readonly connections = new Set<CollabConnection>();
  state: RoomState = 'loading';
  /** log entries written since the last compaction (as far as this process knows) */
  tailEntries = 0;
  lastEditorId: string | null = null;
  lastEditedAt: Date | null = null;
  private backlog: Array<[CollabConnection, Uint8Array]> = [];
  /**
   * Connections closed for abuse while the document loaded: the updates they sent before are
   * still applied from the backlog (closing a connection never costs the edits it already made).
   */
  private readonly closedWithBacklog = new Set<CollabConnection>();
  /** updates accepted and not yet relayed: they leave together (see `relay`) */
  private outgoing: OutgoingUpdate[] = [];
  /** clients' updates checked and not yet applied: applied together when the relay leaves (see `applyInbox`) */
  private inbox: InboxUpdate[] = [];
  /** of each Yjs client with updates in the inbox, the clock its last one ends at */
  private inboxEnds = new Map<number, number>();
  /** when the last relay left (performance.now()) */
  private lastRelayAt = -Infinity;
  /** a relay is scheduled (see `scheduleRelay`) */
  private relayScheduled = false;
  /** deletions of the transaction just applied, for the update kept next (see watchDeletions) */
  private unkeptDeletions: DeletionRange[] = [];
  private readonly pending: PendingWatch;
  private readonly awareness: RoomAwareness;
  private readonly localChanges = new LocalChanges(this.doc, (update) => this.publishLocalChange(update));
  /** who wrote under which Yjs client id, and the indicator values seen: the history's sources */
  private readonly writers = new WriterClaims();
  /** a transaction left a start after its due date: repaired once the update is applied */
  private datesOutOfOrder = false;
  /** the user a server change (applyServerChange) is made for, while it is made */
  private serverChangeAuthor: string | undefined;
  /** the client id of each editor's server changes (applyServerChange) */
  private readonly serverClients = new Map<string, number>();
  readonly loaded: Promise<void>;

  /** `stored`: the stored document when its read has already begun (see `CollabHub.prefetch`) */
  constructor(
    readonly documentId: string,
    private readonly services: RoomServices,
    stored?: Promise<LoadedDocument>,
  ) {
    this.awareness = new RoomAwareness(this.connections, services.limits.maxAwarenessEntries, (frame) => services.onLocalAwareness?.(this, frame));
    this.pending = new PendingWatch(this.doc, documentId, services.metrics, services.logger, services.pendingRepairMs, () => services.repair(this));
    this.loaded = this.load(stored ?? services.store.loadCurrent(documentId));
  }

  private async load(stored: Promise<LoadedDocument>): Promise<void> {
    const started = performance.now();
    try {
      const { parts, tailEntries } = await stored;
      if (this.state === 'loading') await this.firstRequests(parts);
      if (this.state === 'loading') await this.untilWritten(this.answerFromStorage(parts));
      this.localChanges.hold(() => applyStored(this.doc, parts));
      this.tailEntries = tailEntries;
      // Yjs changed nothing by itself while building the copy (see local-changes.ts): the one stored part is the document.
      if (parts.length === 1 && !this.localChanges.waiting) this.keepStoredAnswer(parts[0]!);
    } catch (error) {
      // Never serve (and later store) an empty document in place of one we could not read.
      this.state = 'failed';
      this.services.logger.error({ err: error, documentId: this.documentId }, 'could not load document');
      for (const connection of this.connections) connection.close(CloseCode.loadFailed, 'The document could not be loaded; retrying.');
      throw error;
    }
    if (this.state === 'closed') return;
    this.state = 'ready';
    this.localChanges.flush();
    this.watchIndicators();
    this.watchDates();
    this.watchDeletions();
    this.migrate();
    this.pending.check();
    this.services.metrics.loadSeconds.observe((performance.now() - started) / 1000);
    for (const connection of this.connections) this.greet(connection);
    const backlog = this.backlog;
    this.backlog = [];
    // Already counted against the connection's limits when they arrived.
    for (const [connection, bytes] of backlog) this.process(connection, bytes);
    this.closedWithBacklog.clear();
  }

  /**
   * Clients that asked for the document while it loaded get it straight from the stored bytes,
   * before the server builds its own copy from them: opening a long document then costs one
   * decoding (the client's) instead of three (the server's, its encoding, the client's) in a row.
   * The stored parts are what the copy is built from, so the answer is the same document.
   */
  private answerFromStorage(parts: readonly Uint8Array[]): CollabConnection[] {
    const answered: CollabConnection[] = [];
    let whole: Uint8Array | null = null;
    this.backlog = this.backlog.filter(([connection, bytes]) => {
      if (connection.closed) return false;
      const decoded = decodeInboundFrame(bytes, this.services.limits);
      if (!decoded.ok || decoded.frame.kind !== 'sync-step1') return true;
      if (!connection.syncRequests.take()) {
        this.refuse(connection, CloseCode.rateLimited, 'too many sync requests');
        return false;
      }
      whole ??= parts.length === 0 ? emptyUpdate() : parts.length === 1 ? parts[0]! : Y.mergeUpdates([...parts]);
      const { stateVector, encodedStateVector } = decoded.frame;
      connection.send(syncStep2(stateVector.size === 0 ? whole : Y.diffUpdate(whole, encodedStateVector)));
      answered.push(connection);
      return false;
    });
    return answered;
  }

  /**
   * Waits (at most FIRST_REQUEST_WAIT_MS) until the kernel took the answers just sent. A large
   * answer is more than one write to the socket: what the first write leaves waits for the event
   * loop, and building the server's copy right after would keep the event loop ~30 ms and the
   * client from its last byte as long (issue 20: 50–100 ms cold opens of which the read was 5).
   */
  private async untilWritten(answered: readonly CollabConnection[]): Promise<void> {
    const deadline = performance.now() + FIRST_REQUEST_WAIT_MS;
    const writing = () => answered.some((connection) => !connection.closed && connection.socket.bufferedAmount > 0);
    while (writing() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 1));
  }

  /**
   * The stored state this copy was built from, while the copy still equals it: a sync step 1 is
   * answered from these bytes (as answerFromStorage does during the load) instead of encoding the
   * document. A client whose step 1 is read just after the load — the usual case on a fast
   * database, where the document is read while the connection is admitted — is then answered at
   * once (issue 20: a cold open of a 100k-update document cost ~100 ms of encoding here). Dropped
   * at the first change, and after STORED_ANSWER_MS, so an idle document does not hold it twice.
   */
  private storedAnswer: Uint8Array | null = null;
  private forgetStoredAnswer: (() => void) | null = null;

  private keepStoredAnswer(state: Uint8Array): void {
    this.storedAnswer = state;
    const timer = setTimeout(() => this.forgetStoredAnswer?.(), STORED_ANSWER_MS);
    timer.unref();
    const forget = () => {
      this.storedAnswer = null;
      this.forgetStoredAnswer = null;
      clearTimeout(timer);
      this.doc.off('afterTransaction', forget);
    };
    this.forgetStoredAnswer = forget;
    this.doc.on('afterTransaction', forget);
  }

  /** set while the load waits for the first messages of the connections that joined (firstRequests) */
  private onBacklog: (() => void) | null = null;

  /**
   * Of a large document, building the server's copy takes a while (~30 ms of CPU for 500 KB of
   * state); a connection's sync step 1 read after that waits for it, one read before is answered
   * from the stored bytes at once. The read of the stored state usually ends after the opening
   * client's step 1 arrives, but not always (a fast database, a slow network): then the load waits
   * for the first message of each connection that joined, at most FIRST_REQUEST_WAIT_MS.
   */
  private async firstRequests(parts: readonly Uint8Array[]): Promise<void> {
    if (parts.reduce((sum, part) => sum + part.byteLength, 0) < LARGE_STATE_BYTES) return;
    const silent = () => [...this.connections].some((connection) => !connection.closed && !this.backlog.some(([owner]) => owner === connection));
    if (!silent()) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.onBacklog = null;
        resolve();
      };
      const timer = setTimeout(done, FIRST_REQUEST_WAIT_MS);
      this.onBacklog = () => {
        if (!silent()) done();
      };
    });
  }

  join(connection: CollabConnection): void {
    this.connections.add(connection);
    if (this.state === 'ready') this.greet(connection);
  }

  /** Opening moves: our state vector (so the client sends what we lack) and who is here. */
  private greet(connection: CollabConnection): void {
    connection.send(syncStep1(Y.encodeStateVector(this.doc)));
    this.awareness.greet(connection);
  }

  receive(connection: CollabConnection, bytes: Uint8Array): void {
    if (connection.closed) return;
    // Bounds the decoding work one client can cause, whatever its messages are. The message read
    // last is still applied if it is an edit: it was sent before the client knew of any limit.
    if (!connection.inboundBytes.take(bytes.length)) return this.closeAfter(connection, bytes, CloseCode.rateLimited, 'too much data');
    if (this.state === 'loading') {
      // Kept until the document is ready, within bounds: a client cannot park unlimited bytes here.
      connection.backlogBytes += bytes.length;
      if (connection.backlogBytes > 2 * this.services.limits.maxMessageBytes) {
        return this.refuse(connection, CloseCode.rateLimited, 'too much sent before the document was ready');
      }
      this.backlog.push([connection, bytes]);
      this.onBacklog?.();
      return;
    }
    this.process(connection, bytes);
  }

  /** Applies `bytes` if it is an edit, then closes the connection (abuse, not bad input). */
  private closeAfter(connection: CollabConnection, bytes: Uint8Array, code: number, reason: string): void {
    if (this.state === 'loading') this.backlog.push([connection, bytes]);
    else this.process(connection, bytes, true);
    this.refuse(connection, code, reason);
  }

  /** `editsOnly`: the connection is being closed; only the edits it sent still count. */
  private process(connection: CollabConnection, bytes: Uint8Array, editsOnly = false): void {
    if (this.state !== 'ready') return;
    if (connection.closed) {
      if (!this.closedWithBacklog.has(connection)) return;
      editsOnly = true;
    }
    const decoded = decodeInboundFrame(bytes, this.services.limits);
    if (!decoded.ok) return this.refuse(connection, CloseCode.badMessage, decoded.reason);
    const { frame } = decoded;
    if (editsOnly) {
      if (frame.kind === 'update' || frame.kind === 'sync-step2') this.applyUpdate(connection, frame, frame.kind === 'update' ? bytes : null, true);
      return;
    }
    this.handle(connection, frame, bytes);
  }

  private handle(connection: CollabConnection, frame: InboundFrame, bytes: Uint8Array): void {
    switch (frame.kind) {
      case 'sync-step1': {
        if (!connection.syncRequests.take()) return this.refuse(connection, CloseCode.rateLimited, 'too many sync requests');
        const stored = this.storedAnswer;
        if (stored) connection.send(syncStep2(frame.stateVector.size === 0 ? stored : Y.diffUpdate(stored, frame.encodedStateVector)));
        else connection.send(syncStep2(Y.encodeStateAsUpdate(this.doc, frame.encodedStateVector)));
        return;
      }
      case 'sync-step2':
        return this.applyUpdate(connection, frame, null);
      case 'update':
        // Relayed as it came when it is all new: the client's frame is already a sync update.
        return this.applyUpdate(connection, frame, bytes);
      case 'awareness': {
        const refusal = this.awareness.receive(connection, frame.entries);
        return refusal ? this.refuse(connection, refusal.code, refusal.reason) : undefined;
      }
      case 'query-awareness': {
        const refusal = this.awareness.query(connection);
        return refusal ? this.refuse(connection, refusal.code, refusal.reason) : undefined;
      }
      default: {
        const unreachable: never = frame;
        return unreachable;
      }
    }
  }

  /**
   * `update` was validated with its frame (inbound-frame.ts). Only what the document lacks is
   * applied, relayed and stored: Yjs ignores structs it already has, but a merge of the log
   * (load, compaction) would not ignore a second, different version of them that a client
   * forged or garbled, and the stored document would then differ from the one everyone saw.
   */
  private applyUpdate(connection: CollabConnection, frame: UpdateFrame, updateFrameBytes: Uint8Array | null, closing = false): void {
    // Counted before the empty and read-only checks: neither kind may be sent at any rate either.
    // An edit over the rate is still applied (it was sent before the client knew), then the
    // connection is closed; the rate sits far above any person's typing.
    const overRate = !closing && !connection.updates.take();
    if (isEmptyUpdate(frame.stats) || !connection.canEdit) {
      if (overRate) return this.refuse(connection, CloseCode.rateLimited, 'too many updates');
      if (!connection.canEdit && !connection.closed) this.refuseEdit(connection, frame.extent);
      return;
    }
    if (overRate) {
      this.applyUpdate(connection, frame, updateFrameBytes, true);
      return this.refuse(connection, CloseCode.rateLimited, 'too many updates');
    }
    if (updateFrameBytes && this.inboxTakes(frame.extent)) {
      if (!updateChangesDocument(this.doc, frame.extent)) return;
      if (this.services.store.full) return this.refuse(connection, CloseCode.retryLater, 'too many edits wait to be stored; retry later');
      this.noteWriters(frame.extent.structs, connection.actor.userId);
      this.inbox.push({ connection, update: frame.update, frame: updateFrameBytes });
      const { structs } = frame.extent;
      for (let i = 0; i < structs.length; i += 3) this.inboxEnds.set(structs[i]!, Math.max(structs[i + 2]!, this.inboxEnds.get(structs[i]!) ?? 0));
      return this.scheduleRelay();
    }
    // What waits goes first: the checks below read the document.
    this.applyInbox();
    let fresh = frame.update;
    let extent = frame.extent;
    let relayed = updateFrameBytes;
    if (overlapsDocument(this.doc, extent)) {
      fresh = Y.diffUpdate(fresh, Y.encodeStateVector(this.doc));
      extent = extentOf(fresh);
      relayed = null;
    }
    // A sync step 2 that repeats what we have (it always carries the whole delete set) changes nothing.
    if (!updateChangesDocument(this.doc, extent)) return;
    if (this.services.store.full) return this.refuse(connection, CloseCode.retryLater, 'too many edits wait to be stored; retry later');
    this.noteWriters(extent.structs, connection.actor.userId);
    this.localChanges.hold(() => Y.applyUpdate(this.doc, fresh, connection));
    this.accept(fresh, { frame: relayed, origin: connection, editor: connection.actor.userId, project: true });
  }

  /**
   * Whether a client's update can wait in the inbox: it repeats nothing the document or the inbox
   * holds (the usual keystroke, which starts where its client's last update ended). One that does
   * is cut down to what is new against the document, after the inbox is applied.
   */
  private inboxTakes(extent: UpdateExtent): boolean {
    if (overlapsDocument(this.doc, extent)) return false;
    const { structs } = extent;
    for (let i = 0; i < structs.length; i += 3) if (structs[i + 1]! < (this.inboxEnds.get(structs[i]!) ?? 0)) return false;
    return true;
  }

  /**
   * Applies the clients' updates waiting in the inbox in one Yjs transaction, then accepts each as
   * if it had been applied alone (relayed as it came, stored, counted). A transaction costs two
   * passes over the document's whole state vector, its cleanup and its observers whatever it
   * carries (a fifth of a relay's CPU, issue 20): a busy document's updates share one. The
   * deletions each update makes are read off the transaction's delete set as it grows, so each is
   * still attributed to its own connection.
   */
  private applyInbox(): void {
    if (this.inbox.length === 0) return;
    const batch = this.inbox;
    this.inbox = [];
    this.inboxEnds.clear();
    if (this.state !== 'ready') return;
    const deletions: DeletionRange[][] = [];
    this.localChanges.hold(() =>
      this.doc.transact((transaction) => {
        for (const { connection, update } of batch) {
          // Another process's deletions are recorded by the process that accepted them.
          if (!connection) {
            Y.applyUpdate(this.doc, update, COMMITTED_ORIGIN);
            deletions.push([]);
            continue;
          }
          const before = deleteSetLengths(transaction.deleteSet);
          Y.applyUpdate(this.doc, update, connection);
          deletions.push(deletedSince(transaction.deleteSet, before, connection.actor.userId));
        }
      }, INBOX_ORIGIN),
    );
    // What Yjs did by itself after the transaction is stored after all of its updates, as it was made.
    this.localChanges.hold(() => {
      for (const [i, { connection, update, frame }] of batch.entries()) {
        // Projected here too: every process projects what it holds, so the last projection written is never behind.
        if (!connection) this.accept(update, { committed: true, project: true });
        else this.accept(update, { frame, origin: connection, editor: connection.actor.userId, project: true, deletions: deletions[i] });
      }
    });
    this.localChanges.flush();
  }

  /** Applies and relays what waits now (before the document is unloaded or the process stops). */
  settle(): void {
    this.applyInbox();
    this.flushOutgoing();
  }

  /** A change Yjs made by itself (see local-changes.ts): to everyone, the other processes and the log. */
  private publishLocalChange(update: Uint8Array): void {
    if (this.state !== 'ready') return;
    this.accept(update, { project: false });
  }

  /**
   * The one path of an update the document has taken, whoever made it: a client, the server, a
   * migration, Yjs by itself, another process, storage read again. It goes to our connections
   * (relay), to the log unless it is committed already (keep), counts as an edit of `editor` if
   * it is one, schedules the projection, and lets out what Yjs did by itself meanwhile.
   */
  private accept(update: Uint8Array, how: Acceptance): void {
    this.pending.check();
    this.relay({ update, frame: how.frame ?? null, origin: how.origin ?? null });
    if (!how.committed) this.keep(update, how.deletions ?? this.takeUnkeptDeletions());
    if (how.editor !== undefined) {
      this.services.metrics.updates.inc();
      this.lastEditorId = how.editor;
      this.lastEditedAt = new Date();
    }
    if (how.project) this.services.onChanged(this, how.editor ?? this.lastEditorId ?? '');
    this.localChanges.flush();
    // A merge may leave a start after its due date (measure-model.ts); put it back in order at once.
    this.repairDates();
  }

  /**
   * Stores an update accepted here, and hands it to the other processes at once, ahead of its
   * commit like the relay to this process's own connections. If this process dies before
   * committing it, its own clients reconnect and their sync step 2 carries it to a copy that lacks
   * it, which stores it; the other processes, whose clients got it too, store it themselves once
   * its commit is not confirmed in time (cluster/takeover.ts).
   */
  private keep(update: Uint8Array, deletions: readonly DeletionRange[]): void {
    this.tailEntries++;
    const stored = this.services.store.append(this.documentId, update, deletions);
    this.services.onAccepted?.(this, update);
    stored
      .then(() => this.services.onStored(this))
      // Refused only once the store is closed (shutdown): the clients still hold the update.
      .catch((error: unknown) => this.services.logger.error({ err: error, documentId: this.documentId }, 'an accepted update was not stored'));
  }

  /**
   * A change made by the server itself (the Slack bot marking a measure done): applied to the
   * live document, then broadcast, stored and projected exactly like a client's update.
   */
  applyServerChange<T>(change: (doc: Y.Doc) => T, editorUserId: string): T {
    if (this.state !== 'ready') throw new Error(`document ${this.documentId} is not ready (${this.state})`);
    if (this.services.store.full) throw new Error('too many edits wait to be stored; retry later');
    this.applyInbox();
    let result!: T;
    this.serverChangeAuthor = editorUserId;
    // Each editor's server changes go under a client id of their own: one id shared by two people
    // would be contested and name neither (see writer-claims) in a comparison of versions.
    const client = this.serverClientFor(editorUserId);
    const ownId = this.doc.clientID;
    this.doc.clientID = client;
    let update: Uint8Array | null;
    try {
      update = this.changesMadeBy(SERVER_ORIGIN, () => {
        result = this.doc.transact(() => change(this.doc), SERVER_ORIGIN);
      });
    } finally {
      this.doc.clientID = ownId;
      this.serverChangeAuthor = undefined;
    }
    if (!update) return result;
    this.noteWriters([client, 0, 0], editorUserId);
    this.accept(update, { editor: editorUserId, project: true });
    return result;
  }

  /** A Yjs client id for the server changes made for `userId` in this room, new to the document. */
  private serverClientFor(userId: string): number {
    let client = this.serverClients.get(userId);
    if (client === undefined) {
      const known = Y.decodeStateVector(Y.encodeStateVector(this.doc));
      do client = Math.floor(Math.random() * 0xffffffff) + 1;
      while (known.has(client) || [...this.serverClients.values()].includes(client));
      this.serverClients.set(userId, client);
    }
    return client;
  }

  /** Claims the structs' client ids for `userId`; only a pair new to this room is handed on to be recorded. */
  private noteWriters(structs: readonly number[], userId: string): void {
    const fresh = this.writers.claim(structs, userId);
    if (fresh.length > 0) this.services.onWriterClaims?.(this, fresh);
  }

  /**
   * From now on, the items each accepted change deletes are noted with who deleted them, and
   * stored with the update that deleted them (`keep`, right after its transaction): a Yjs delete
   * set names no author, so this is the only record of it (version comparisons read it). Changes
   * relayed from other processes are recorded by the process that accepted them; the inbox's
   * updates, applied in one transaction, carry their own (`applyInbox`).
   */
  private watchDeletions(): void {
    this.doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (this.state !== 'ready' || transaction.deleteSet.clients.size === 0) return;
      const origin = transaction.origin;
      const userId = this.connections.has(origin as CollabConnection) ? (origin as CollabConnection).actor.userId : origin === SERVER_ORIGIN ? this.serverChangeAuthor : undefined;
      if (userId) this.unkeptDeletions.push(...deletionRanges(transaction.deleteSet, userId));
    });
  }

  /** The deletions noted since the last update was kept: they belong to the one kept now. */
  private takeUnkeptDeletions(): readonly DeletionRange[] {
    if (this.unkeptDeletions.length === 0) return NO_DELETIONS;
    const taken = this.unkeptDeletions;
    this.unkeptDeletions = [];
    return taken;
  }

  /**
   * From now on, every change of a measure's current indicator value that this room can
   * attribute is handed on to be recorded (see indicator-history.ts for whom it is attributed to).
   */
  private watchIndicators(): void {
    if (!this.services.onIndicatorValues) return;
    const watch = new IndicatorWatch(this.doc);
    const writer = (client: number) => (this.serverChangeAuthor !== undefined && client === this.doc.clientID ? this.serverChangeAuthor : this.writers.writer(client));
    this.doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (this.state !== 'ready') return;
      const changes = watch.changes(transaction, writer);
      if (changes.length > 0) this.services.onIndicatorValues?.(this, changes);
    });
  }

  /** Notes a merge that left some measure's start after its due date (two concurrent date edits). */
  private watchDates(): void {
    this.doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.origin !== SERVER_ORIGIN && leftDatesOutOfOrder(transaction)) this.datesOutOfOrder = true;
    });
  }

  /**
   * Writes back what every reader already reads (the start at the due date, measure-model.ts)
   * with the same deterministic update as the load does, so the stored rows and stock clients
   * reading the raw map see dates in order too. Each process that meets the merge does it; from
   * the same state they make the same update.
   */
  private repairDates(): void {
    if (!this.datesOutOfOrder) return;
    this.datesOutOfOrder = false;
    this.migrate();
  }

  /**
   * Brings the measures of a document stored in an older model to the current one, as an update
   * stored and relayed like any change (see measure-migration.ts for why it is safe when two
   * processes do it at once). A failure leaves the document as it was: readers read both models.
   */
  private migrate(): void {
    this.applyInbox();
    let update: Uint8Array | null;
    try {
      update = measureMigration(this.doc);
    } catch (error) {
      this.services.logger.error({ err: error, documentId: this.documentId }, 'could not migrate the measures of a document');
      return;
    }
    if (!update) return;
    this.localChanges.hold(() => Y.applyUpdate(this.doc, update, SERVER_ORIGIN));
    this.accept(update, { project: false });
    this.services.logger.info({ documentId: this.documentId }, 'measures migrated to the current model (or their dates put in order)');
  }

  /**
   * An update another process accepted (and stores, or stored: not stored here; see
   * cluster/takeover.ts for when it is after all): applied and relayed to our connections only, as
   * it came, pending parts included, so that our clients hold what we hold and whatever later
   * completes it completes theirs too. It comes from our own processes, validated where it entered.
   */
  applyRemoteUpdate(update: Uint8Array): void {
    if (this.state !== 'ready') return;
    // Into the inbox with this process's own clients' updates (applied with them in one
    // transaction): half of a document's updates come from the other process when its clients are
    // split, and applying each at once would apply the inbox each time. Its extent is read so that a
    // client's update repeating it is still cut down, not relayed twice.
    this.inbox.push({ connection: null, update, frame: null });
    for (const [client, end] of Y.parseUpdateMeta(update).to) this.inboxEnds.set(client, Math.max(end, this.inboxEnds.get(client) ?? 0));
    this.scheduleRelay();
  }

  /**
   * The stored document read again to fill a gap (see PendingWatch): applied, and what it changed
   * (what was missing, and the pending updates it let in) relayed to our connections; not stored
   * again.
   */
  applyStoredAgain(parts: readonly Uint8Array[]): void {
    if (this.state !== 'ready') return;
    this.applyInbox();
    const update = this.changesMadeBy(COMMITTED_ORIGIN, () => applyStored(this.doc, parts, COMMITTED_ORIGIN));
    if (update) return this.accept(update, { committed: true, project: true });
    this.pending.check();
    this.localChanges.flush();
  }

  /** What the transactions `apply` runs with `origin` changed in the document, as one update (null: nothing). */
  private changesMadeBy(origin: symbol, apply: () => void): Uint8Array | null {
    const updates: Uint8Array[] = [];
    const collect = (update: Uint8Array, from: unknown) => {
      if (from === origin) updates.push(update);
    };
    this.doc.on('update', collect);
    try {
      this.localChanges.hold(apply);
    } finally {
      this.doc.off('update', collect);
    }
    return updates.length === 0 ? null : updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
  }

  /** Awareness of connections on another process, relayed as it came. */
  relayRemoteAwareness(frame: Uint8Array): void {
    if (this.state === 'ready') this.awareness.relayRemote(frame);
  }

  /** A read-only connection's update is dropped; it is told once, and only if it changed something. */
  private refuseEdit(connection: CollabConnection, extent: UpdateExtent): void {
    if (!updateChangesDocument(this.doc, extent)) return;
    this.services.metrics.refused.inc({ reason: 'read_only' });
    if (connection.toldReadOnly) return;
    connection.toldReadOnly = true;
    connection.send(permissionDenied(`Your access to this document is "${connection.level}": your changes are not saved.`));
  }

  /** Queues an update for the connections (see `scheduleRelay`). */
  private relay(outgoing: OutgoingUpdate): void {
    this.outgoing.push(outgoing);
    this.scheduleRelay();
  }

  /**
   * What waits (the inbox, the outgoing updates) leaves in one write per connection (a write to a
   * socket is most of what a relay costs): everything accepted in the same turn of the event loop,
   * and, while a document keeps changing, everything accepted within the relay window of its last
   * relay (relay-pace.ts: none while the process has CPU to spare, up to 40 ms near a whole
   * core). An update after a quiet spell leaves at the end of the turn.
   */
  private scheduleRelay(): void {
    if (this.relayScheduled) return;
    this.relayScheduled = true;
    const wait = this.lastRelayAt + (this.services.relayWindowMs?.() ?? 0) - performance.now();
    if (wait <= 0) setImmediate(this.relayNow);
    else setTimeout(this.relayNow, wait);
  }

  private readonly relayNow = (): void => {
    this.applyInbox();
    this.flushOutgoing();
    this.relayScheduled = false;
    if (this.inbox.length > 0 || this.outgoing.length > 0) this.scheduleRelay();
  };

  private flushOutgoing(): void {
    this.lastRelayAt = performance.now();
    const batch = this.outgoing;
    this.outgoing = [];
    if (batch.length === 0 || this.state !== 'ready') return;
    const first = batch[0]!;
    if (batch.length === 1) return this.broadcast(new WireFrame(first.frame ?? syncUpdate(first.update)), first.origin ?? undefined);
    this.services.metrics.coalescedUpdates.inc(batch.length - 1);
    // Each update its own message, as it came (no merge to compute), all in one write; a client
    // whose own updates are among them gets the others only.
    const messages = batch.map((entry) => entry.frame ?? syncUpdate(entry.update));
    const origins = new Set(batch.map((entry) => entry.origin));
    const framesFor = new Map<CollabConnection | null, WireFrame | null>();
    const frameFor = (connection: CollabConnection): WireFrame | null => {
      const key = origins.has(connection) ? connection : null;
      let frame = framesFor.get(key);
      if (frame === undefined) {
        const others = key === null ? messages : messages.filter((_, i) => batch[i]!.origin !== key);
        frame = others.length === 0 ? null : new WireFrame(...(others as [Uint8Array, ...Uint8Array[]]));
        framesFor.set(key, frame);
      }
      return frame;
    };
    for (const connection of this.connections) {
      const frame = frameFor(connection);
      if (frame) connection.sendFrame(frame);
    }
  }

  /** One message to every connection but `except`, framed once for all of them. */
  private broadcast(frame: WireFrame, except?: CollabConnection): void {
    for (const connection of this.connections) if (connection !== except) connection.sendFrame(frame);
  }

  /** Tells one connection its access changed: downgraded connections stay for reading. */
  notifyReadOnly(connection: CollabConnection): void {
    connection.toldReadOnly = true;
    connection.send(permissionDenied(`Your access to this document is now "${connection.level}".`));
  }

  /**
   * A connection that may edit again is asked for what it has and we lack (sync step 1): edits
   * it made while read-only were dropped, and without them its next updates would wait forever
   * for their missing dependencies.
   */
  resync(connection: CollabConnection): void {
    if (this.state === 'ready') connection.send(syncStep1(Y.encodeStateVector(this.doc)));
  }

  /** The document while it is loaded and open (compaction encodes it instead of replaying the log). */
  liveDocument(): Y.Doc | null {
    this.applyInbox();
    return this.state === 'ready' ? this.doc : null;
  }

  leave(connection: CollabConnection): void {
    if (!this.connections.delete(connection)) return;
    if (!this.closedWithBacklog.has(connection)) this.backlog = this.backlog.filter(([owner]) => owner !== connection);
    this.awareness.leave(connection);
    this.onBacklog?.();
  }

  private refuse(connection: CollabConnection, code: number, reason: string): void {
    this.services.metrics.refused.inc({ reason: code === CloseCode.rateLimited ? 'rate_limited' : code === CloseCode.retryLater ? 'retry_later' : 'invalid' });
    this.services.logger.warn({ documentId: this.documentId, userId: connection.actor.userId, reason }, 'closing collaboration connection');
    if (this.state === 'loading' && !connection.closed) this.closedWithBacklog.add(connection);
    connection.close(code, reason);
    this.services.release(connection);
  }

  destroy(): void {
    if (this.state === 'ready') this.settle();
    this.forgetStoredAnswer?.();
    this.state = 'closed';
    this.awareness.close();
    this.pending.close();
    this.doc.destroy();
  }
}
