import * as encoding from 'lib0/encoding';
import { MessageType, SyncType } from './protocol/index.ts';

/** Encoders of the y-websocket frames the server sends (the types are the validator's, one list for both ways). */

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export const syncStep1 = (stateVector: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.step1);
    encoding.writeVarUint8Array(e, stateVector);
  });

export const syncStep2 = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.step2);
    encoding.writeVarUint8Array(e, update);
  });

export const syncUpdate = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.update);
    encoding.writeVarUint8Array(e, update);
  });

/** y-protocols/auth "permission denied": the stock provider logs the reason. */
export const permissionDenied = (reason: string) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.auth);
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, reason);
  });

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** JSON text of the state, "null" when the client left */
  stateJson: string;
}

export const awarenessUpdate = (entries: readonly AwarenessEntry[]) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.awareness);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, entries.length);
    for (const entry of entries) {
      encoding.writeVarUint(inner, entry.clientId);
      encoding.writeVarUint(inner, entry.clock);
      encoding.writeVarString(inner, entry.stateJson);
    }
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  });
