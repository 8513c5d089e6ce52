import { validateAwarenessUpdate, type AwarenessEntry } from './awareness.ts';
import { ByteReader, ProtocolError } from './byte-reader.ts';
import { DEFAULT_FRAME_LIMITS, withDefaults, type FrameLimits } from './limits.ts';
import { validateStateVector } from './state-vector.ts';
import { reasonFor, validateUpdateV1, type UpdateExtent, type UpdateStats } from './update-v1.ts';

/**
 * Validates one client→server y-websocket frame and returns it parsed. Pure: no socket, no Y.Doc.
 *
 *   varuint message type
 *     0 sync       varuint sub-type, then varUint8Array payload
 *                    0 step1   payload = state vector          → validateStateVector
 *                    1 step2   payload = update, format V1     → validateUpdateV1
 *                    2 update  payload = update, format V1     → validateUpdateV1
 *     1 awareness  varUint8Array payload = awareness update   → validateAwarenessUpdate
 *     2 auth       server→client only: refused
 *     3 query-awareness, nothing after it
 *
 * The y-websocket protocol only ever carries V1 updates; there is no V2 framing and the server
 * refuses V2 (a V2 update read as V1 fails validation). Anything after the message is refused.
 *
 * Payloads are returned as copies, so keeping them does not pin the socket's receive buffer.
 */
export type ClientMessage =
  | { kind: 'sync-step1'; stateVector: ReadonlyMap<number, number>; encodedStateVector: Uint8Array }
  | { kind: 'sync-step2'; update: Uint8Array; stats: UpdateStats; extent: UpdateExtent }
  | { kind: 'update'; update: Uint8Array; stats: UpdateStats; extent: UpdateExtent }
  | { kind: 'awareness'; entries: AwarenessEntry[] }
  | { kind: 'query-awareness' };

export type SyncMessageValidation = { ok: true; message: ClientMessage } | { ok: false; reason: string };

export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
export const SyncType = { step1: 0, step2: 1, update: 2 } as const;

export interface PartialFrameLimits {
  update?: Partial<FrameLimits['update']>;
  awareness?: Partial<FrameLimits['awareness']>;
  maxStateVectorEntries?: number;
}

export function validateSyncMessage(frame: Uint8Array, limits: PartialFrameLimits = {}): SyncMessageValidation {
  const updateLimits = withDefaults(DEFAULT_FRAME_LIMITS.update, limits.update);
  const awarenessLimits = withDefaults(DEFAULT_FRAME_LIMITS.awareness, limits.awareness);
  const maxStateVectorEntries = limits.maxStateVectorEntries ?? DEFAULT_FRAME_LIMITS.maxStateVectorEntries;
  try {
    const reader = new ByteReader(frame);
    const type = reader.varUint('message type');
    let message: ClientMessage;
    switch (type) {
      case MessageType.sync: {
        const syncType = reader.varUint('sync message type');
        if (syncType > SyncType.update) return refuse(`unknown sync message type ${syncType}`);
        const payload = reader.varBytes('sync payload');
        if (syncType === SyncType.step1) {
          const sv = validateStateVector(payload, maxStateVectorEntries);
          if (!sv.ok) return refuse(`sync step 1: ${sv.reason}`);
          message = { kind: 'sync-step1', stateVector: sv.stateVector, encodedStateVector: payload.slice() };
        } else {
          const kind = syncType === SyncType.step2 ? 'sync-step2' : 'update';
          const checked = validateUpdateV1(payload, updateLimits, { extent: true });
          if (!checked.ok) return refuse(`${kind === 'update' ? 'update' : 'sync step 2'}: ${checked.reason}`);
          message = { kind, update: payload.slice(), stats: checked.stats, extent: checked.extent! };
        }
        break;
      }
      case MessageType.awareness: {
        const checked = validateAwarenessUpdate(reader.varBytes('awareness payload'), awarenessLimits);
        if (!checked.ok) return refuse(`awareness: ${checked.reason}`);
        message = { kind: 'awareness', entries: checked.entries };
        break;
      }
      case MessageType.auth:
        return refuse('auth messages are sent by the server only');
      case MessageType.queryAwareness:
        message = { kind: 'query-awareness' };
        break;
      default:
        return refuse(`unknown message type ${type}`);
    }
    if (reader.remaining > 0) throw new ProtocolError(`${reader.remaining} trailing bytes after the message`);
    return { ok: true, message };
  } catch (error) {
    return refuse(reasonFor(error));
  }
}

const refuse = (reason: string): SyncMessageValidation => ({ ok: false, reason });
