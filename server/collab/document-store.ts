import zlib from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { multiRowInsert, multiTableInsert } from '../../db/multi-row-insert.ts';
import type { Database, DocumentRow, NewDocument } from '../../db/schema.ts';
import type { DeletionRange } from './deletions.ts';
import { DEFAULT_MAX_UNSTORED_BYTES } from './limits.ts';
import { assertStoredUpdates, storedExtents } from './update-check.ts';
import { updateChangesDocument } from './update-effect.ts';

export interface LoadedDocument {
  /**
   * The snapshot, then the log entries in the order they were accepted. Replay them in that
   * order (applyStored): it is what the live document did, so it gives the same result even when
   * entries disagree about a struct (a forged second version, pending structs); a merge of them
   * (Y.mergeUpdates) need not.
   */
  parts: Uint8Array[];
  /** all of it as one update, replayed; empty update for a document with no content yet */
  readonly state: Uint8Array;
  /** log entries not yet compacted into the snapshot */
  tailEntries: number;
  /** the snapshot read back as the compactor wrote it (its checksum matched), so it was not checked again */
  snapshotAsWritten: boolean;
  /** the mark of the document's recorded projection (projection-mark.ts), read with it; null when none is recorded */
  projectionMark: Uint8Array | null;
}

export interface StoreObserver {
  /** seconds between an update's arrival and its commit, one call per update */
  committed?(documentId: string, bytes: number, lagSeconds: number): void;
  flushed?(rows: number, seconds: number): void;
  /** every update queued so far up to `sequence` (see `queuedThrough`) is committed, or dropped with its deleted document */
  committedThrough?(sequence: number): void;
  flushFailed?(error: unknown): void;
}

interface QueuedUpdate {
  documentId: string;
  data: Uint8Array;
  /** who deleted which items by this update: committed with it (see migration 2026_12_06_0300) */
  deletions: readonly DeletionRange[] | undefined;
  sequence: number;
  enqueuedAt: number;
  resolve: () => void;
}

/** what a row of `load` holds, in the order they come */
const SNAPSHOT = 0;
const LOG_ENTRY = 1;
const PROJECTION_MARK = 2;

const MAX_ROWS_PER_FLUSH = 2_000;
const LOG_COLUMNS = ['document_id', 'data'] as const;
const DELETER_COLUMNS = ['document_id', 'client_id', 'clock', 'length', 'user_id'] as const;

/**
 * Under load, flushes start at most this often (COLLAB_FLUSH_INTERVAL_MS): rows arriving
 * meanwhile join the next INSERT. Each statement costs the database a parse, a plan and a commit
 * whatever its size (for the embedded one, CPU taken from the process that relays edits); a lone
 * update after a quiet spell is still committed at once. Measured: 10 ms cut the embedded
 * server's CPU per edit by ~11 % in the steady benchmark; 5 ms keeps most of that while an
 * update's wait for its commit stays well under the 20 ms the durability goal allows.
 */
export const DEFAULT_FLUSH_INTERVAL_MS = 5;
const RETRY_DELAY_MS = 500;

/**
 * Durable storage of Yjs documents: an append-only update log plus one compacted snapshot per
 * document.
 *
 * Appends are group-committed: whatever arrives while a flush is running goes into the next
 * flush as one multi-row INSERT, so a burst of keystrokes costs one round trip, and an idle
 * server commits a lone update at once.
 */
export class DocumentStore {
  private queue: QueuedUpdate[] = [];
  private flushing: Promise<void> | null = null;
  private lastFlushAt = -Infinity;
  /**
   * Every update queued gets the next number; they commit in that order (one flush at a time,
   * each a prefix of the queue), so one number says how far this process has committed: the
   * other processes hold what it relayed before committing until it says so (cluster/takeover.ts).
   */
  private sequence = 0;
  private committedSequence = 0;
  /** the newest queued append of each document with writes in flight */
  private readonly lastAppend = new Map<string, Promise<void>>();
  private closed = false;
  private queuedBytes = 0;
  /** the error of the last flush while it keeps failing; null once one succeeds */
  private failing: unknown = null;
  private failedFlushes = 0;
  /** told when a flush fails (see storedUnlessFailing) */
  private readonly failureWatchers = new Set<(error: unknown) => void>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly logger: Logger,
    private readonly observer: StoreObserver = {},
    private readonly minFlushIntervalMs = DEFAULT_FLUSH_INTERVAL_MS,
    private readonly maxUnstoredBytes = DEFAULT_MAX_UNSTORED_BYTES,
  ) {}

  /**
   * Writes a new document in the caller's transaction: its `documents` row, and its initial
   * content as the first entry of its update log. The one writer of both: the content a document
   * is created with is the server's, written once (a client never seeds it; that duplicated
   * templates after restarts).
   */
  static async create(trx: Kysely<Database>, row: NewDocument, initialState: Uint8Array): Promise<DocumentRow> {
    const created = await trx.insertInto('documents').values(row).returningAll().executeTakeFirstOrThrow();
    await trx.insertInto('doc_updates').values({ document_id: created.id, data: initialState }).execute();
    return created;
  }

  /** Updates accepted and not yet stored: how many, their size, the age of the oldest, failed flushes so far. */
  unstored(): { updates: number; bytes: number; oldestSeconds: number; failedFlushes: number } {
    const oldest = this.queue[0];
    return {
      updates: this.queue.length,
      bytes: this.queuedBytes,
      oldestSeconds: oldest ? (performance.now() - oldest.enqueuedAt) / 1000 : 0,
      failedFlushes: this.failedFlushes,
    };
  }

  /** True when no more edits should be accepted until what waits is stored. */
  get full(): boolean {
    return this.queuedBytes >= this.maxUnstoredBytes;
  }

  /** Why writes fail while they keep failing (with updates waiting), else null. */
  get writeProblem(): unknown {
    return this.queue.length > 0 ? this.failing : null;
  }

  /**
   * Snapshot + every log entry still present, in one statement: a compaction commits the new
   * snapshot and deletes the merged entries at once, and one statement sees one snapshot of the
   * database, so it can never pair the old snapshot with the emptied log. One round trip, too:
   * this is on the path of everyone opening a document. The recorded projection's mark comes with
   * it, which the hub compares with the copy it builds (after a restart, a thousand documents
   * reopened at once asked for it in a thousand more statements).
   *
   * As base64: pg receives bytea as hex text, twice its size, and a 466 KB snapshot read 3.3 ms
   * that way against 1.7 ms as base64 (issue 20, cold-phases.ts); the embedded database sends text
   * through the same parser.
   */
  async load(documentId: string): Promise<LoadedDocument> {
    const { rows: read } = await sql<{ data: string; kind: number; crc32: number | null }>`
      SELECT encode(state, 'base64') AS data, ${sql.lit(SNAPSHOT)} AS kind, 0::int8 AS position, state_crc32 AS crc32 FROM doc_snapshots WHERE document_id = ${documentId}
      UNION ALL
      SELECT encode(data, 'base64'), ${sql.lit(LOG_ENTRY)}, id, NULL FROM doc_updates WHERE document_id = ${documentId}
      UNION ALL
      SELECT encode(state, 'base64'), ${sql.lit(PROJECTION_MARK)}, 0, NULL FROM doc_projections WHERE document_id = ${documentId}
      ORDER BY kind, position`.execute(this.db);
    const mark = read.at(-1)?.kind === PROJECTION_MARK ? read.at(-1) : undefined;
    const rows = mark ? read.slice(0, -1) : read;
    const parts = rows.map((row) => fromBase64(row.data));
    const snapshot = rows[0]?.kind === SNAPSHOT ? rows[0] : undefined;
    const tailEntries = rows.length - (snapshot ? 1 : 0);
    // A snapshot still as the compactor wrote it was checked before it was written (see snapshotChecksum).
    const unchanged = snapshot !== undefined && snapshot.crc32 !== null && snapshotChecksum(parts[0]!) === snapshot.crc32;
    assertStoredUpdates(unchanged ? parts.slice(1) : parts, documentId);
    let state: Uint8Array | undefined;
    return {
      parts,
      tailEntries,
      snapshotAsWritten: unchanged,
      projectionMark: mark ? fromBase64(mark.data) : null,
      get state() {
        return (state ??= parts.length === 0 ? emptyUpdate() : parts.length === 1 ? parts[0]! : compactState(parts));
      },
    };
  }

  /**
   * The document as stored once every update queued for it so far is committed (a previous copy
   * may still be writing out). While writes fail, that would be never: it fails at once instead
   * (StorageFailingError), and the caller says "retry later" rather than leaving its client waiting.
   */
  async loadCurrent(documentId: string): Promise<LoadedDocument> {
    await this.storedUnlessFailing(documentId);
    return this.load(documentId);
  }

  /** Resolves once every update queued so far for this document is committed; rejects as soon as a write fails meanwhile. */
  storedUnlessFailing(documentId: string): Promise<void> {
    const stored = this.lastAppend.get(documentId);
    if (!stored) return Promise.resolve();
    if (this.failing !== null) return Promise.reject(new StorageFailingError(this.failing));
    return new Promise<void>((resolve, reject) => {
      const onFailure = (error: unknown) => {
        this.failureWatchers.delete(onFailure);
        reject(new StorageFailingError(error));
      };
      this.failureWatchers.add(onFailure);
      void stored.then(resolve).finally(() => this.failureWatchers.delete(onFailure));
    });
  }

  /** The sequence number of the update queued last (0: none yet). */
  get queuedThrough(): number {
    return this.sequence;
  }

  /** Every update queued up to this sequence number is committed (or dropped with its deleted document). */
  get committedThrough(): number {
    return this.committedSequence;
  }

  /**
   * Queues an update for the next group commit; the promise settles once it is committed.
   * `deletions`: who deleted what by it, committed in the same statement (a Yjs delete set names
   * no author, so this is the only record of it; written apart, it was lost when the process was
   * killed or the database failed meanwhile, while the update itself was kept).
   */
  append(documentId: string, data: Uint8Array, deletions?: readonly DeletionRange[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('document store is closed'));
    const sequence = ++this.sequence;
    const stored = new Promise<void>((resolve) => {
      this.queue.push({ documentId, data, deletions: deletions?.length ? deletions : undefined, sequence, enqueuedAt: performance.now(), resolve });
      this.queuedBytes += data.byteLength;
      this.scheduleFlush();
    });
    this.lastAppend.set(documentId, stored);
    void stored.then(() => {
      if (this.lastAppend.get(documentId) === stored) this.lastAppend.delete(documentId);
    });
    return stored;
  }

  /**
   * Resolves once every update queued so far for this document is committed (they commit in
   * order). Loading waits for it, so a document reopened while its previous copy is still being
   * written out does not miss the last edits.
   */
  whenStored(documentId: string): Promise<void> {
    return this.lastAppend.get(documentId) ?? Promise.resolve();
  }

  /** Resolves once everything queued before the call is committed. */
  async flush(): Promise<void> {
    while ((this.queue.length > 0 || this.flushing) && !this.givenUp) {
      if (!this.flushing) this.scheduleFlush();
      await this.flushing;
    }
  }

  /**
   * Stores what is queued, waiting at most `deadlineMs` (the database may be gone); returns how
   * many updates remain unstored. Their clients still hold them and send them to the next server.
   */
  async close(deadlineMs = Infinity): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, deadlineMs)));
    try {
      await Promise.race([this.flush(), Number.isFinite(deadlineMs) ? late : new Promise<void>(() => {})]);
    } finally {
      clearTimeout(timer);
    }
    this.closed = true;
    return this.queue.length;
  }

  /** closed while writes fail: retrying would only keep the process from ending */
  private get givenUp(): boolean {
    return this.closed && this.failing !== null;
  }

  private scheduleFlush(): void {
    if (this.flushing || this.queue.length === 0 || this.givenUp) return;
    this.flushing = this.flushLoop().finally(() => {
      this.flushing = null;
      if (this.queue.length > 0) this.scheduleFlush();
    });
  }

  private async flushLoop(): Promise<void> {
    while (this.queue.length > 0 && !this.givenUp) {
      const sinceLast = performance.now() - this.lastFlushAt;
      if (sinceLast < this.minFlushIntervalMs) await delay(this.minFlushIntervalMs - sinceLast);
      const batch = this.queue.slice(0, MAX_ROWS_PER_FLUSH);
      const started = performance.now();
      this.lastFlushAt = started;
      try {
        await this.db.executeQuery(logStatement(batch));
      } catch (error) {
        // Keep the batch and retry: losing accepted edits is worse than holding them a while.
        this.failedFlushes++;
        this.observer.flushFailed?.(error);
        this.logger.error({ err: error, rows: batch.length }, 'could not store document updates; retrying');
        if (isMissingDocument(error)) {
          // Not the storage failing: a document deleted meanwhile takes no more updates.
          this.dropUpdatesOfDeletedDocuments(batch);
        } else {
          this.failing = error;
          for (const watcher of [...this.failureWatchers]) watcher(error);
        }
        await delay(RETRY_DELAY_MS);
        continue;
      }
      this.queue.splice(0, batch.length);
      this.failing = null;
      for (const entry of batch) this.queuedBytes -= entry.data.byteLength;
      const now = performance.now();
      this.observer.flushed?.(batch.length, (now - started) / 1000);
      for (const entry of batch) {
        this.observer.committed?.(entry.documentId, entry.data.byteLength, (now - entry.enqueuedAt) / 1000);
        entry.resolve();
      }
      this.committedSequence = batch.at(-1)!.sequence;
      this.observer.committedThrough?.(this.committedSequence);
    }
  }

  /** A document deleted from the database can take no more updates; its queued ones are dropped so the others can commit. */
  private dropUpdatesOfDeletedDocuments(batch: QueuedUpdate[]): void {
    void this.db
      .selectFrom('documents')
      .select('id')
      .where('id', 'in', [...new Set(batch.map((entry) => entry.documentId))])
      .execute()
      .then((rows) => {
        const alive = new Set(rows.map((row) => row.id));
        const dropped = this.queue.filter((entry) => !alive.has(entry.documentId));
        // Every document is there: the missing reference is a deleter's (a user removed). The
        // updates must not wait on their attribution for ever.
        if (dropped.length === 0) for (const entry of batch) entry.deletions = undefined;
        this.queue = this.queue.filter((entry) => alive.has(entry.documentId));
        for (const entry of dropped) this.queuedBytes -= entry.data.byteLength;
        for (const entry of dropped) entry.resolve();
        if (dropped.length) this.logger.warn({ dropped: dropped.length }, 'dropped updates of deleted documents');
      })
      .catch(() => {});
  }

  /**
   * Merges the document's log into its snapshot. Runs beside editing: updates committed while it
   * runs are not among the rows it read, so they stay in the log. An advisory lock keeps two
   * processes from compacting the same document at once; the second one does not wait for it
   * but leaves the log to the first (what the first did not read stays for the next compaction):
   * processes sharing a document reach the threshold together, and the waiting one held a pool
   * connection the update log's commits needed.
   *
   * `live` gives the document as this process holds it open, if it does: when it already holds
   * everything read, its own encoding is the new snapshot and the log is not replayed
   * (see compactedState).
   */
  async compact(documentId: string, live: () => Y.Doc | null = noLiveDocument): Promise<{ merged: number; bytes: number; fromLive: boolean }> {
    return this.db.transaction().execute(async (trx) => {
      const { rows: lock } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(hashtextextended(${documentId}, 0)) AS locked`.execute(trx);
      if (!lock[0]?.locked) return { merged: 0, bytes: 0, fromLive: false };
      const snapshot = await trx.selectFrom('doc_snapshots').select(['state', 'update_count']).where('document_id', '=', documentId).executeTakeFirst();
      const rows = await trx.selectFrom('doc_updates').select(['id', 'data']).where('document_id', '=', documentId).orderBy('id').execute();
      if (rows.length === 0) return { merged: 0, bytes: snapshot?.state.byteLength ?? 0, fromLive: false };
      const parts = [...(snapshot ? [snapshot.state] : []), ...rows.map((row) => row.data)].map(asBytes);
      const { state, fromLive } = compactedState(parts, live(), documentId);
      const lastId = rows[rows.length - 1]!.id;
      const stateCrc32 = snapshotChecksum(state);
      await trx
        .insertInto('doc_snapshots')
        .values({ document_id: documentId, state, state_crc32: stateCrc32, last_update_id: lastId, update_count: (snapshot?.update_count ?? 0) + rows.length })
        .onConflict((oc) =>
          oc.column('document_id').doUpdateSet({
            state,
            state_crc32: stateCrc32,
            last_update_id: lastId,
            update_count: (snapshot?.update_count ?? 0) + rows.length,
            updated_at: new Date(),
          }),
        )
        .execute();
      await trx
        .deleteFrom('doc_updates')
        .where('document_id', '=', documentId)
        .where(
          'id',
          'in',
          rows.map((row) => row.id),
        )
        .execute();
      return { merged: rows.length, bytes: state.byteLength, fromLive };
    });
  }
}

/**
 * The snapshot that replaces `parts`. When the live document already holds every part (each one's
 * structs and deletions), its encoding is that snapshot and nothing is replayed: a busy document
 * reaches the compaction threshold every few seconds, and replaying its log each time was a tenth
 * of the server's work under steady typing. The live document may hold more than the parts
 * (updates still on their way to the log): the snapshot then holds them too, and their rows,
 * once committed, repeat what it has, which Yjs ignores. When it lacks any part (an update another
 * process committed and has not yet relayed here, a snapshot another process wrote), the parts are
 * replayed: nothing the log holds may be left out.
 */
export function compactedState(parts: Uint8Array[], live: Y.Doc | null, documentId: string): { state: Uint8Array; fromLive: boolean } {
  if (live) {
    const extents = storedExtents(parts, documentId);
    if (extents.every((extent) => !updateChangesDocument(live, extent))) return { state: Y.encodeStateAsUpdate(live), fromLive: true };
  } else {
    assertStoredUpdates(parts, documentId);
  }
  return { state: compactState(parts), fromLive: false };
}

/**
 * The checksum written with a snapshot (doc_snapshots.state_crc32): CRC-32 as a signed 32-bit
 * integer. Every snapshot is a state Yjs encoded from updates that passed the server's checks, so
 * bytes read back with the same checksum need no second check; a snapshot changed since (a damaged
 * page, a hand edit, one written before the column) does not match and is checked as any stored
 * part. It tells that the bytes are unchanged, not who wrote them: whoever may write the table
 * may also run the server's queries. ~0.1 ms for 500 KB, against ~3 ms for the check.
 */
export function snapshotChecksum(state: Uint8Array): number {
  return zlib.crc32(state) | 0;
}

/**
 * Replays the parts into a document and encodes its state: unlike a plain merge this drops the
 * content of deleted items, so the snapshot stays close to the size of the live document.
 * Updates still waiting for missing dependencies are kept by the encoder.
 */
export function compactState(parts: Uint8Array[]): Uint8Array {
  const doc = serverDoc();
  applyStored(doc, parts);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/**
 * A Y.Doc for the server's copy of a document (garbage-collected). Its guid names a document to
 * subdocuments and providers, neither of which the server has; left out, Yjs draws a random UUID
 * per document, one call to the random source per hex digit: 2.2 % of a new process's CPU while
 * the herd of a restart reopened 1,000 documents twice (issue 20).
 */
export function serverDoc(): Y.Doc {
  return new Y.Doc({ gc: true, guid: SERVER_DOC_GUID });
}
const SERVER_DOC_GUID = 'tansiq-server-copy';

/**
 * Replays stored parts into a document, in order, one transaction each: as the live document
 * applied them, so that what Yjs does after each (formatting cleanup) comes out the same.
 */
export function applyStored(doc: Y.Doc, parts: readonly Uint8Array[], origin: unknown = 'storage'): void {
  for (const part of parts) Y.applyUpdate(doc, part, origin);
}

/** Y.encodeStateAsUpdate of an empty document (a fresh copy: callers may hand it on). */
export function emptyUpdate(): Uint8Array {
  return new Uint8Array([0, 0]);
}

/** Stored edits cannot be read back as they are while writes fail: some are still on their way. */
export class StorageFailingError extends Error {
  constructor(cause: unknown) {
    super(`edits are not being stored (${cause instanceof Error ? cause.message : String(cause)}); the stored document would lack some`, { cause });
    this.name = 'StorageFailingError';
  }
}

/** PostgreSQL's base64 breaks lines every 76 characters, which Buffer skips. */
function fromBase64(text: string): Uint8Array {
  return Buffer.from(text, 'base64');
}

function asBytes(value: Uint8Array): Uint8Array {
  return value instanceof Uint8Array ? value : new Uint8Array(value);
}

/** The group commit of `batch`: its log rows and, in the same statement, their deleters. */
function logStatement(batch: readonly QueuedUpdate[]) {
  const logRows = batch.map((entry) => [entry.documentId, entry.data]);
  const deleterRows: unknown[][] = [];
  for (const entry of batch) {
    if (entry.deletions) for (const range of entry.deletions) deleterRows.push([entry.documentId, range.client, range.clock, range.length, range.userId]);
  }
  if (deleterRows.length === 0) return multiRowInsert('doc_updates', LOG_COLUMNS, logRows);
  return multiTableInsert([
    { table: 'doc_updates', columns: LOG_COLUMNS, rows: logRows },
    { table: 'doc_deleters', columns: DELETER_COLUMNS, rows: deleterRows },
  ]);
}

function isMissingDocument(error: unknown): boolean {
  return (error as { code?: string })?.code === '23503';
}

const noLiveDocument = () => null;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
