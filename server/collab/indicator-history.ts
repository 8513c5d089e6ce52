import * as Y from 'yjs';
import { findMeasure, indicatorValue, measureRows, measuresOf } from '../../shared/doc-schema.ts';

/**
 * Who changed a measure's current indicator value, and when: the history behind the charts.
 *
 * Trust. The history is not kept in the Y.Doc: every client can write anything there, so an
 * entry `{ value, at, by }` written by a client would say whatever that client wants, including
 * someone else's name and a date of its choosing. The server instead watches the document it
 * holds and, when a row's `indicatorCurrent` shows a new value, records it in SQL (a table only
 * the server writes) with the time of the server's clock and the user the server authenticated.
 *
 * Which user: the one whose connection sent the Yjs item now holding the value. Items carry the
 * Yjs client id that made them; the room notes which user first sent structs under each client
 * id (WriterClaims). Attributing by item rather than by "the connection whose update was being
 * applied" matters: an update can wait for missing dependencies and integrate later, inside
 * someone else's update; a hostile client could make its change land in another person's
 * transaction that way. A client id claimed by two users (a client sending structs under
 * someone else's id, which Yjs cannot tell from the real thing) is contested: its changes are
 * recorded with no author rather than in either name.
 *
 * Limits, said plainly: a value change is recorded by the process whose connection sent it; one
 * whose writer this process never saw (loaded from storage, relayed from another process) is left
 * to the process that saw it. A client that replays another user's structs in its sync step 2
 * before that user reconnects (after a crash lost them) would be taken for their writer.
 */

/** One change to record: a row's current value is now `value` (null: cleared). */
export interface IndicatorValueChange {
  measureId: string;
  value: number | null;
  /** the authenticated user, null when the writer's client id is contested */
  userId: string | null;
}

const CONTESTED = Symbol('contested');

/** Yjs client ids → the user who sent structs under them, as seen by one room. */
export class WriterClaims {
  private readonly claims = new Map<number, string | typeof CONTESTED>();

  /** The user behind the structs of `clients` (a validated update's extent: client, from, to triplets). */
  claim(structs: readonly number[], userId: string): void {
    for (let i = 0; i < structs.length; i += 3) {
      const client = structs[i]!;
      const current = this.claims.get(client);
      if (current === undefined) this.claims.set(client, userId);
      else if (current !== userId) this.claims.set(client, CONTESTED);
    }
  }

  /** undefined: never seen here; null: contested. */
  writer(client: number): string | null | undefined {
    const claim = this.claims.get(client);
    return claim === CONTESTED ? null : claim;
  }
}

/**
 * The current value of each row, kept to tell a real change from a write that changes nothing
 * (a concurrent write that lost, a repeat of the same value).
 */
export class IndicatorWatch {
  private readonly known = new Map<string, number | null>();

  constructor(private readonly doc: Y.Doc) {
    for (const row of measureRows(doc)) this.known.set(row.id, indicatorValue(row.map.get('indicatorCurrent')));
  }

  /**
   * The rows whose current value `transaction` changed, each with who wrote it (`writer`:
   * undefined when this room cannot say, and then it is not reported).
   */
  changes(transaction: Y.Transaction, writer: (client: number) => string | null | undefined): IndicatorValueChange[] {
    const measures = measuresOf(this.doc);
    const rows = new Set<Y.Map<unknown>>();
    let rescan = false;
    for (const [type, keys] of transaction.changed) {
      if (type === measures) rescan = true;
      else if (type instanceof Y.Map && type.parent === measures && keys.has('indicatorCurrent')) rows.add(type as Y.Map<unknown>);
    }
    if (!rescan && rows.size === 0) return [];
    const candidates = rescan ? measureRows(this.doc).map((row) => ({ id: row.id, map: row.map })) : [...rows].flatMap((map) => this.shownRow(map));
    const result: IndicatorValueChange[] = [];
    for (const { id, map } of candidates) {
      const value = indicatorValue(map.get('indicatorCurrent'));
      const before = this.known.get(id);
      this.known.set(id, value);
      // A new row without a value, or a value that did not change, is no event.
      if (before === value || (before === undefined && value === null)) continue;
      // A removed key names no writer (the item is the old value's): nothing to attribute it to.
      const item = (map as unknown as { _map: Map<string, Y.Item> })._map.get('indicatorCurrent');
      const userId = item && !item.deleted ? writer(item.id.client) : undefined;
      if (userId !== undefined) result.push({ measureId: id, value, userId });
    }
    if (rescan) {
      const present = new Set(candidates.map((row) => row.id));
      for (const id of this.known.keys()) if (!present.has(id)) this.known.delete(id);
    }
    return result;
  }

  /** The row as everyone shows it (of two copies with one id, the first shown). */
  private shownRow(map: Y.Map<unknown>): Array<{ id: string; map: Y.Map<unknown> }> {
    const id = map.get('id');
    if (typeof id !== 'string' || id === '' || findMeasure(this.doc, id) !== map) return [];
    return [{ id: id.slice(0, 64), map }];
  }
}
