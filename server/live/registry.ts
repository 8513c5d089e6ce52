import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { credentialKey, credentialOf, parseCredentialKey, type CredentialStanding } from '../policies/credential.ts';
import { loadCredentialStanding } from './credential-standing.ts';

/**
 * What the registry needs of one kind of live connection (a sync connection, a socket.io socket):
 * shared by all connections of that kind, so each connection costs one small entry, no closure.
 */
export interface LiveChannel<H extends object> {
  /** decides the connection again from its credential's standing, read just now: close, lower or leave rooms */
  recheck(handle: H, standing: CredentialStanding): Promise<void>;
  /** whether a change to this document's grants concerns the connection */
  follows(handle: H, documentId: string): boolean;
}

/**
 * What changed: everything about one person, one document's grants, or one credential (its deadline
 * passed); or anything at all (changes relayed from other processes may have been lost).
 */
export type LiveScope = { userId: string } | { documentId: string } | { credential: string } | { everyone: true };

interface Entry {
  handle: object;
  channel: LiveChannel<any>;
  userId: string;
  credential: string;
}

interface CredentialSlot {
  key: string;
  entries: Set<Entry>;
  timer: NodeJS.Timeout | null;
}

/** setTimeout holds at most 2^31-1 ms (24.8 days); a later deadline is re-armed when this one fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Every live connection of this process, keyed by person and by credential (session or API token).
 * When a right or credential may have ended (a bus event, relayed from any process, or a
 * credential's expiry), the connections concerned are decided again against the database: each
 * credential is read once, then each connection's channel asks the policy again. Checks run one
 * after the other, so an older reading never overrides a newer one.
 */
export class LiveRegistry {
  private readonly entries = new Map<object, Entry>();
  private readonly byUser = new Map<string, Set<Entry>>();
  private readonly byCredential = new Map<string, CredentialSlot>();
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  /**
   * Bumped by every check. A connection admitted while one ran may have been admitted on what the
   * check has just ended; the admitting code compares epochs and calls `recheckOne`.
   */
  epoch = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Starts watching a connection; its credential's expiry arms a timer (shared by connections of the same credential). */
  add<H extends object>(handle: H, channel: LiveChannel<H>, actor: Pick<Actor, 'userId' | 'session' | 'tokenId' | 'expiresAt'>): void {
    const ref = credentialOf(actor);
    if (!ref || this.closed || this.entries.has(handle)) return;
    const key = credentialKey(ref);
    let slot = this.byCredential.get(key);
    if (!slot) {
      this.byCredential.set(key, (slot = { key, entries: new Set(), timer: null }));
      this.arm(key, slot, actor.expiresAt ?? null);
    }
    // Connections of one credential share its key string, and of one person the user id of the first.
    let users = this.byUser.get(actor.userId);
    const userId = users?.values().next().value?.userId ?? actor.userId;
    const entry: Entry = { handle, channel, userId, credential: slot.key };
    this.entries.set(handle, entry);
    if (!users) this.byUser.set(userId, (users = new Set()));
    users.add(entry);
    slot.entries.add(entry);
  }

  remove(handle: object): void {
    const entry = this.entries.get(handle);
    if (!entry) return;
    this.entries.delete(handle);
    const users = this.byUser.get(entry.userId);
    users?.delete(entry);
    if (users?.size === 0) this.byUser.delete(entry.userId);
    const slot = this.byCredential.get(entry.credential);
    slot?.entries.delete(entry);
    if (slot?.entries.size === 0) {
      if (slot.timer) clearTimeout(slot.timer);
      this.byCredential.delete(entry.credential);
    }
  }

  /** Decides again every connection the change concerns; resolves once they all have been. */
  recheck(scope: LiveScope): Promise<void> {
    this.epoch++;
    return this.enqueue(() => this.select(scope));
  }

  /** Decides one connection again (admitted while a check ran). */
  recheckOne(handle: object): Promise<void> {
    return this.enqueue(() => {
      const entry = this.entries.get(handle);
      return entry ? [entry] : [];
    });
  }

  close(): void {
    this.closed = true;
    for (const slot of this.byCredential.values()) if (slot.timer) clearTimeout(slot.timer);
    this.byCredential.clear();
    this.byUser.clear();
    this.entries.clear();
  }

  private enqueue(select: () => Entry[]): Promise<void> {
    const run = this.queue.then(() => this.run(select()));
    this.queue = run.catch((error) => this.logger.error({ err: error }, 'live access check failed'));
    return this.queue;
  }

  private select(scope: LiveScope): Entry[] {
    if ('userId' in scope) return [...(this.byUser.get(scope.userId) ?? [])];
    if ('credential' in scope) return [...(this.byCredential.get(scope.credential)?.entries ?? [])];
    if ('everyone' in scope) return [...this.entries.values()];
    return [...this.entries.values()].filter((entry) => entry.channel.follows(entry.handle, scope.documentId));
  }

  private async run(entries: Entry[]): Promise<void> {
    if (this.closed || entries.length === 0) return;
    const groups = new Map<string, Entry[]>();
    for (const entry of entries) {
      const group = groups.get(entry.credential);
      if (group) group.push(entry);
      else groups.set(entry.credential, [entry]);
    }
    await Promise.all(
      [...groups].map(async ([key, group]) => {
        const standing = await loadCredentialStanding(this.db, parseCredentialKey(key), group[0]!.userId, this.now());
        await Promise.all(
          group.map(async (entry) => {
            if (this.entries.get(entry.handle) !== entry) return;
            try {
              await entry.channel.recheck(entry.handle, standing);
            } catch (error) {
              this.logger.error({ err: error, userId: entry.userId }, 'could not re-check a live connection');
            }
          }),
        );
        const slot = this.byCredential.get(key);
        if (slot && standing.ok) this.arm(key, slot, standing.expiresAt);
      }),
    );
  }

  /** One timer per credential, at its expiry: the connections end then, not at their next request. */
  private arm(key: string, slot: CredentialSlot, expiresAt: Date | null): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    if (!expiresAt) return;
    const delay = Math.max(0, expiresAt.getTime() - this.now().getTime());
    slot.timer = setTimeout(
      () => {
        slot.timer = null;
        if (delay > MAX_TIMER_MS) return this.arm(key, slot, expiresAt);
        void this.recheck({ credential: key });
      },
      Math.min(delay, MAX_TIMER_MS),
    );
    slot.timer.unref();
  }
}
