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
  | { ok: true; accepted: AwarenessEntry[] }
  | { ok: false; reason: string };

export const MAX_CLIENT_IDS_PER_CONNECTION = 4;

interface StoredState {
  clock: number;
  stateJson: string;
  owner: AwarenessOwner;
}

/**
 * Awareness of one document, guarded. The y-protocols awareness code believes whatever it
 * receives; here a connection may only speak for the client ids it announced itself, may not
 * remove anyone else, and its `user` field is always the authenticated account.
 */
export class AwarenessRegistry {
  private readonly states = new Map<number, StoredState>();
  private readonly removedClocks = new Map<number, number>();

  apply(owner: AwarenessOwner, entries: readonly IncomingAwarenessEntry[]): AwarenessResult {
    const accepted: AwarenessEntry[] = [];
    for (const entry of entries) {
      const current = this.states.get(entry.clientId);
      if (current && current.owner.connectionId !== owner.connectionId) {
        // A reconnect may overlap with its old, not yet closed connection: same person, same id.
        if (current.owner.user.id !== owner.user.id) return { ok: false, reason: `client id ${entry.clientId} belongs to another connection` };
      }
      if (!current && entry.state !== null && this.idsOwnedBy(owner.connectionId) >= MAX_CLIENT_IDS_PER_CONNECTION) {
        return { ok: false, reason: `a connection may announce at most ${MAX_CLIENT_IDS_PER_CONNECTION} client ids` };
      }
      if (entry.state === null) {
        if (!current) {
          // Removing a state nobody holds is harmless only for ids this connection never had;
          // it could be someone else's that just left, so it is ignored rather than relayed.
          continue;
        }
        if (entry.clock < current.clock) continue;
        this.states.delete(entry.clientId);
        this.removedClocks.set(entry.clientId, entry.clock);
        accepted.push({ clientId: entry.clientId, clock: entry.clock, stateJson: 'null' });
        continue;
      }
      if (typeof entry.state !== 'object' || Array.isArray(entry.state)) {
        return { ok: false, reason: 'an awareness state must be a JSON object or null' };
      }
      const lastClock = current?.clock ?? this.removedClocks.get(entry.clientId) ?? -1;
      if (entry.clock <= lastClock && current) continue;
      const stateJson = JSON.stringify({ ...(entry.state as object), user: owner.user });
      this.states.set(entry.clientId, { clock: entry.clock, stateJson, owner });
      accepted.push({ clientId: entry.clientId, clock: entry.clock, stateJson });
    }
    return { ok: true, accepted };
  }

  /** Removes every state of a connection that went away, as entries to tell the others. */
  removeOwner(connectionId: number): AwarenessEntry[] {
    const removed: AwarenessEntry[] = [];
    for (const [clientId, state] of this.states) {
      if (state.owner.connectionId !== connectionId) continue;
      this.states.delete(clientId);
      this.removedClocks.set(clientId, state.clock + 1);
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

  private idsOwnedBy(connectionId: number): number {
    let count = 0;
    for (const state of this.states.values()) if (state.owner.connectionId === connectionId) count++;
    return count;
  }
}
