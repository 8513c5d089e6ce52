/**
 * Messages between processes about one open document, over Redis pub/sub. Binary, small:
 *   [kind: 1 byte][sender process id: 16 bytes][payload]
 * Only our own processes publish here; client bytes were validated before they were published.
 */
export const CollabMessageKind = {
  /** a Yjs update a local client (or the server) applied */
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
} as const;

export type CollabMessageKindValue = (typeof CollabMessageKind)[keyof typeof CollabMessageKind];

const SENDER_BYTES = 16;
const KINDS = new Set<CollabMessageKindValue>(Object.values(CollabMessageKind));

export const collabChannel = (documentId: string) => `tansiq:collab:${documentId}`;

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
