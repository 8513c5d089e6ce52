import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * Messages between processes about one open document, over Redis pub/sub. Binary, small:
 *   [kind: 1 byte][sender process id: 16 bytes][payload]
 * Only our own processes publish here; client bytes were validated before they were published.
 */
export const CollabMessageKind = {
  /** a Yjs update the sender holds committed (an answer to a sync request) */
  update: 1,
  /** a y-websocket awareness frame to relay to local connections */
  awareness: 2,
  /** a process opened the document: everybody answers with what its state vector lacks */
  syncRequest: 3,
  /**
   * a process is back after losing Redis: everybody answers with what its state vector lacks,
   * and asks it in turn (a sync request) for what they lack
   */
  resync: 4,
  /**
   * Yjs updates the sender accepted in one turn of its event loop, sent before their commit, with
   * the sequence number of the last one in its store (relay-payload below): the receivers hold
   * them until the sender says it committed that far (takeover.ts)
   */
  relay: 5,
  /** on COMMITS_CHANNEL: the sender committed every update it queued up to the sequence number in the payload (a varuint) */
  committed: 6,
} as const;

export type CollabMessageKindValue = (typeof CollabMessageKind)[keyof typeof CollabMessageKind];

const SENDER_BYTES = 16;
const KINDS = new Set<CollabMessageKindValue>(Object.values(CollabMessageKind));

export const collabChannel = (documentId: string) => `tansiq:collab:${documentId}`;
/** one channel for every process's commit confirmations: one small message per flush, whatever the documents */
export const COMMITS_CHANNEL = 'tansiq:commits';

export function encodeCollabMessage(kind: CollabMessageKindValue, sender: Uint8Array, payload: Uint8Array): Buffer {
  const message = Buffer.allocUnsafe(1 + SENDER_BYTES + payload.length);
  message[0] = kind;
  message.set(sender.subarray(0, SENDER_BYTES), 1);
  message.set(payload, 1 + SENDER_BYTES);
  return message;
}

export function decodeCollabMessage(message: Buffer): { kind: CollabMessageKindValue; sender: Buffer; payload: Uint8Array } | null {
  if (message.length < 1 + SENDER_BYTES) return null;
  const kind = message[0];
  if (!KINDS.has(kind as CollabMessageKindValue)) return null;
  return { kind: kind as CollabMessageKindValue, sender: message.subarray(1, 1 + SENDER_BYTES), payload: message.subarray(1 + SENDER_BYTES) };
}

/** The payload of a relay message: [sequence: varuint][count: varuint]([length: varuint][update])* */
export function encodeRelayPayload(sequence: number, updates: readonly Uint8Array[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, sequence);
  encoding.writeVarUint(encoder, updates.length);
  for (const update of updates) encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function decodeRelayPayload(payload: Uint8Array): { sequence: number; updates: Uint8Array[] } {
  const decoder = decoding.createDecoder(payload);
  const sequence = decoding.readVarUint(decoder);
  const count = decoding.readVarUint(decoder);
  const updates: Uint8Array[] = [];
  for (let i = 0; i < count; i++) updates.push(decoding.readVarUint8Array(decoder));
  return { sequence, updates };
}

export const encodeSequence = (sequence: number): Uint8Array => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, sequence);
  return encoding.toUint8Array(encoder);
};

export const decodeSequence = (payload: Uint8Array): number => decoding.readVarUint(decoding.createDecoder(payload));
