import type { AwarenessEntry } from './messages.ts';

/** Who a connection is, as shown to the others; the server writes it, clients cannot forge it. */
export interface AwarenessUser {
  id: string;
  name: string;
  organisationId: string;
  organisationCode: string;
  color: string;
}

export interface AwarenessOwner {
  readonly connectionId: number;
  readonly user: AwarenessUser;
}

export interface IncomingAwarenessEntry {
  clientId: number;
  clock: number;
  /** parsed JSON state; null when the client leaves */
  state: unknown;
}

export type AwarenessResult =
  | {
      ok: true;
      accepted: AwarenessEntry[];
      /** entries that only repeated what we had (see `apply`) */
      echoes: number;
      /** every accepted entry only renewed a state with a newer clock (the 15-second keep-alive) */
      renewalsOnly: boolean;
    }
  | { ok: false; reason: string };

export const MAX_CLIENT_IDS_PER_CONNECTION = 4;
/** clocks of departed client ids remembered, so echoes of their last state cannot revive them */
const MAX_REMEMBERED_DEPARTURES = 10_000;

interface StoredState {
  clock: number;
  stateJson: string;
  owner: AwarenessOwner;
}

/**
 * Awareness of one document, guarded. The y-protocols awareness code believes whatever it
 * receives; here a connection may only speak for the client ids it announced itself, may not
 * remove anyone else, and its `user` field is always the authenticated account.
 *
 * The stock y-websocket provider sends back every awareness change it receives, other clients'
 * included. Such an echo carries a clock no newer than ours, changes nothing for anyone (clients
 * ignore clocks they have seen), and is dropped without a word; only a newer clock for someone
 * else's client id is an attempt to speak for them, and refused.
 */
export class AwarenessRegistry {
  private readonly states = new Map<number, StoredState>();
  private readonly departedClocks = new Map<number, number>();

  apply(owner: AwarenessOwner, entries: readonly IncomingAwarenessEntry[]): AwarenessResult {
    // Decide on every entry first: a refused message changes nothing, not even partly.
    const changes: IncomingAwarenessEntry[] = [];
    let newIds = 0;
    for (const entry of entries) {
      const current = this.states.get(entry.clientId);
      if (current) {
        const mine = current.owner.connectionId === owner.connectionId;
        const newer = entry.clock > current.clock || (mine && entry.clock === current.clock && entry.state === null);
        if (!newer) continue;
        // A reconnect may overlap with its old, not yet closed connection: same person, same id.
        if (!mine && current.owner.user.id !== owner.user.id) return { ok: false, reason: `client id ${entry.clientId} belongs to another connection` };
      } else {
        if (entry.clock <= (this.departedClocks.get(entry.clientId) ?? -1)) continue;
        // Removing a state nobody holds changes nothing; it could be someone else's that just left.
        if (entry.state === null) continue;
        if (this.idsOwnedBy(owner.connectionId) + ++newIds > MAX_CLIENT_IDS_PER_CONNECTION) {
          return { ok: false, reason: `a connection may announce at most ${MAX_CLIENT_IDS_PER_CONNECTION} client ids` };
        }
      }
      if (entry.state !== null && (typeof entry.state !== 'object' || Array.isArray(entry.state))) {
        return { ok: false, reason: 'an awareness state must be a JSON object or null' };
      }
      changes.push(entry);
    }
    const accepted: AwarenessEntry[] = [];
    let renewalsOnly = true;
    for (const entry of changes) {
      if (entry.state === null) {
        this.depart(entry.clientId, entry.clock);
        accepted.push({ clientId: entry.clientId, clock: entry.clock, stateJson: 'null' });
        renewalsOnly = false;
        continue;
      }
      const stateJson = JSON.stringify({ ...(entry.state as object), user: owner.user });
      if (this.states.get(entry.clientId)?.stateJson !== stateJson) renewalsOnly = false;
      this.states.set(entry.clientId, { clock: entry.clock, stateJson, owner });
      accepted.push({ clientId: entry.clientId, clock: entry.clock, stateJson });
    }
    return { ok: true, accepted, echoes: entries.length - changes.length, renewalsOnly: renewalsOnly && accepted.length > 0 };
  }

  /** Removes every state of a connection that went away, as entries to tell the others. */
  removeOwner(connectionId: number): AwarenessEntry[] {
    const removed: AwarenessEntry[] = [];
    for (const [clientId, state] of this.states) {
      if (state.owner.connectionId !== connectionId) continue;
      this.depart(clientId, state.clock + 1);
      removed.push({ clientId, clock: state.clock + 1, stateJson: 'null' });
    }
    return removed;
  }

  all(): AwarenessEntry[] {
    return [...this.states].map(([clientId, state]) => ({ clientId, clock: state.clock, stateJson: state.stateJson }));
  }

  get size(): number {
    return this.states.size;
  }

  private depart(clientId: number, clock: number): void {
    this.states.delete(clientId);
    this.departedClocks.delete(clientId);
    this.departedClocks.set(clientId, clock);
    if (this.departedClocks.size > MAX_REMEMBERED_DEPARTURES) {
      this.departedClocks.delete(this.departedClocks.keys().next().value!);
    }
  }

  private idsOwnedBy(connectionId: number): number {
    let count = 0;
    for (const state of this.states.values()) if (state.owner.connectionId === connectionId) count++;
    return count;
  }
}
