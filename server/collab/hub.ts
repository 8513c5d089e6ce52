import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/schema.ts';
import { organisationColor } from '../../shared/colors.ts';
import type { Actor } from '../auth/actor.ts';
import { findDocumentWithAccess } from '../queries/documents.ts';
import type { AwarenessUser } from './awareness-registry.ts';
import { CloseCode } from './close-codes.ts';
import { CollabConnection, type CollabSocket } from './connection.ts';
import { KeyedDebouncer } from './debouncer.ts';
import { DocumentStore } from './document-store.ts';
import type { CollabLimits } from './limits.ts';
import type { CollabMetrics } from './metrics.ts';
import { projectDocument } from './projection.ts';
import { writeProjection } from './projection-writer.ts';
import { Room } from './room.ts';

export interface HubOptions {
  db: Kysely<Database>;
  logger: Logger;
  metrics: CollabMetrics;
  limits: CollabLimits;
  /** how long an unused document stays in memory after its last connection left */
  unloadDelayMs: number;
  /** compact a document's log once this many entries accumulated */
  compactAfterEntries: number;
  projectionWaitMs: number;
  projectionMaxWaitMs: number;
}

export type JoinRefusal = { code: number; reason: string };

/**
 * The open documents of this process: one Room (one Y.Doc) per document however many
 * connections, loaded on first join and unloaded once the last one left and its writes are stored.
 */
export class CollabHub {
  readonly store: DocumentStore;
  private readonly rooms = new Map<string, Room>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  private readonly compacting = new Set<string>();
  private readonly connectionsPerUser = new Map<string, number>();
  private readonly projections: KeyedDebouncer;
  private closing = false;

  constructor(private readonly options: HubOptions) {
    const { metrics } = options;
    this.store = new DocumentStore(options.db, options.logger, {
      committed: (_id, bytes, lag) => {
        metrics.bytesStored.inc(bytes);
        metrics.durabilityLagSeconds.observe(lag);
      },
      flushed: (_rows, seconds) => metrics.flushSeconds.observe(seconds),
    });
    this.projections = new KeyedDebouncer(options.projectionWaitMs, options.projectionMaxWaitMs, (id) => this.project(id));
  }

  /** Checks the per-document and per-user limits before a socket is accepted. */
  admissionRefusal(documentId: string, actor: Actor): JoinRefusal | null {
    if (this.closing) return { code: CloseCode.serverShutdown, reason: 'The server is restarting.' };
    const room = this.rooms.get(documentId);
    if (room && room.connections.size >= this.options.limits.maxConnectionsPerDocument) {
      return { code: CloseCode.tooManyConnections, reason: 'This document has too many connections.' };
    }
    if ((this.connectionsPerUser.get(actor.userId) ?? 0) >= this.options.limits.maxConnectionsPerUser) {
      return { code: CloseCode.tooManyConnections, reason: 'You have too many open connections.' };
    }
    return null;
  }

  join(documentId: string, socket: CollabSocket, actor: Actor, level: CollabConnection['level'], organisationCode: string): CollabConnection {
    const user: AwarenessUser = {
      id: actor.userId,
      name: actor.name,
      organisationId: actor.organisationId,
      organisationCode,
      color: organisationColor(actor.organisationId),
    };
    const connection = new CollabConnection(socket, actor, level, user, this.options.limits);
    const room = this.openRoom(documentId);
    room.join(connection);
    this.connectionsPerUser.set(actor.userId, (this.connectionsPerUser.get(actor.userId) ?? 0) + 1);
    this.options.metrics.connections.inc();
    return connection;
  }

  receive(documentId: string, connection: CollabConnection, bytes: Uint8Array): void {
    this.rooms.get(documentId)?.receive(connection, bytes);
  }

  leave(documentId: string, connection: CollabConnection): void {
    const room = this.rooms.get(documentId);
    if (!room || !room.connections.has(connection)) return;
    room.leave(connection);
    connection.closed = true;
    const count = (this.connectionsPerUser.get(connection.actor.userId) ?? 1) - 1;
    if (count <= 0) this.connectionsPerUser.delete(connection.actor.userId);
    else this.connectionsPerUser.set(connection.actor.userId, count);
    this.options.metrics.connections.dec();
    if (room.connections.size === 0) this.scheduleUnload(room);
  }

  private openRoom(documentId: string): Room {
    const timer = this.unloadTimers.get(documentId);
    if (timer) {
      clearTimeout(timer);
      this.unloadTimers.delete(documentId);
    }
    let room = this.rooms.get(documentId);
    if (room && room.state !== 'failed') return room;
    room = new Room(documentId, {
      store: this.store,
      logger: this.options.logger,
      metrics: this.options.metrics,
      limits: this.options.limits,
      onChanged: (changed) => this.projections.schedule(changed.documentId),
      onStored: (stored) => this.maybeCompact(stored),
    });
    this.rooms.set(documentId, room);
    this.options.metrics.openDocuments.inc();
    const opened = room;
    opened.loaded.catch(() => {
      // A failed load leaves nothing behind: the next connection tries again from storage.
      if (this.rooms.get(documentId) === opened) this.rooms.delete(documentId);
      for (const connection of [...opened.connections]) this.leave(documentId, connection);
      this.options.metrics.openDocuments.dec();
      opened.destroy();
    });
    return room;
  }

  private scheduleUnload(room: Room): void {
    if (this.unloadTimers.has(room.documentId)) return;
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room.documentId);
      void this.unload(room);
    }, this.options.unloadDelayMs);
    timer.unref();
    this.unloadTimers.set(room.documentId, timer);
  }

  private async unload(room: Room): Promise<void> {
    if (room.connections.size > 0 || this.rooms.get(room.documentId) !== room) return;
    this.rooms.delete(room.documentId);
    try {
      await room.loaded.catch(() => {});
      if (room.state === 'ready') {
        await this.store.flush();
        await this.projections.runNow(room.documentId);
        if (room.tailEntries >= this.options.compactAfterEntries / 4) await this.compact(room.documentId);
      }
    } catch (error) {
      this.options.logger.error({ err: error, documentId: room.documentId }, 'error while unloading a document');
    } finally {
      if (room.state !== 'failed') this.options.metrics.openDocuments.dec();
      room.destroy();
    }
  }

  private maybeCompact(room: Room): void {
    if (room.tailEntries < this.options.compactAfterEntries || this.compacting.has(room.documentId)) return;
    room.tailEntries = 0;
    void this.compact(room.documentId);
  }

  async compact(documentId: string): Promise<void> {
    if (this.compacting.has(documentId)) return;
    this.compacting.add(documentId);
    try {
      const result = await this.store.compact(documentId);
      this.options.metrics.compactions.inc();
      this.options.logger.debug({ documentId, ...result }, 'compacted update log');
    } catch (error) {
      this.options.logger.error({ err: error, documentId }, 'compaction failed; the log is kept as it is');
    } finally {
      this.compacting.delete(documentId);
    }
  }

  private async project(documentId: string): Promise<void> {
    const room = this.rooms.get(documentId);
    if (!room || room.state !== 'ready') return;
    try {
      await writeProjection(
        this.options.db,
        { documentId, lastEditorId: room.lastEditorId, lastEditedAt: room.lastEditedAt },
        projectDocument(room.doc),
      );
    } catch (error) {
      this.options.logger.error({ err: error, documentId }, 'projection failed');
    }
  }

  /**
   * Re-reads access of every connection to a document (or of one user) after a grant, role or
   * archive change: revoked connections close, downgraded ones turn read-only at once.
   */
  async refreshAccess(filter: { documentId?: string; userId?: string }): Promise<void> {
    const rooms = filter.documentId ? [this.rooms.get(filter.documentId)].filter((room): room is Room => Boolean(room)) : [...this.rooms.values()];
    for (const room of rooms) {
      for (const connection of [...room.connections]) {
        if (filter.userId && connection.actor.userId !== filter.userId) continue;
        const user = await this.options.db
          .selectFrom('users')
          .select(['organisation_id', 'role', 'disabled_at'])
          .where('id', '=', connection.actor.userId)
          .executeTakeFirst();
        if (!user || user.disabled_at) {
          connection.close(CloseCode.unauthenticated, 'Your account was disabled.');
          this.leave(room.documentId, connection);
          continue;
        }
        connection.actor = { ...connection.actor, organisationId: user.organisation_id, role: user.role };
        const found = await findDocumentWithAccess(this.options.db, connection.actor, room.documentId);
        if (!found.row) {
          connection.close(CloseCode.forbidden, 'Your access to this document was revoked.');
          this.leave(room.documentId, connection);
          continue;
        }
        const before = connection.level;
        connection.level = found.level;
        if (before === 'edit' && found.level !== 'edit') room.notifyReadOnly(connection);
        if (found.level === 'edit') connection.toldReadOnly = false;
      }
    }
  }

  get limits(): CollabLimits {
    return this.options.limits;
  }

  get openDocuments(): number {
    return this.rooms.size;
  }

  room(documentId: string): Room | undefined {
    return this.rooms.get(documentId);
  }

  /** Closes every connection, stores what is pending and projects what changed. */
  async close(): Promise<void> {
    this.closing = true;
    for (const timer of this.unloadTimers.values()) clearTimeout(timer);
    this.unloadTimers.clear();
    for (const room of this.rooms.values()) {
      for (const connection of [...room.connections]) {
        connection.close(CloseCode.serverShutdown, 'The server is restarting.');
        this.leave(room.documentId, connection);
      }
    }
    await this.store.flush();
    await this.projections.runAll();
    for (const room of [...this.rooms.values()]) await this.unload(room);
    await this.store.close();
  }
}
