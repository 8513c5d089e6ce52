/**
 * Bounds on what one client may send or hold; beyond them its connection is closed, except
 * awareness, which is coalesced (room-awareness.ts): a person typing fast is never disconnected.
 * The rates sit far above any human's (the stock provider sends an update and an awareness
 * message per keystroke, about 10 a second for a fast typist), and a message may carry a large
 * paste or the first sync after long offline work.
 */
export interface CollabLimits {
  /** largest WebSocket message accepted, in bytes */
  maxMessageBytes: number;
  maxAwarenessStateBytes: number;
  maxAwarenessEntries: number;
  /** awareness messages per second, sustained / burst */
  awarenessRate: number;
  awarenessBurst: number;
  /** document-changing messages per second, sustained / burst */
  updateRate: number;
  updateBurst: number;
  /** sync step 1 requests per second (each costs an encoding of the document), sustained / burst */
  syncRequestRate: number;
  syncRequestBurst: number;
  /** bytes per second a connection may send in all, sustained / burst (bounds decoding work) */
  inboundBytesRate: number;
  inboundBytesBurst: number;
  maxConnectionsPerDocument: number;
  maxConnectionsPerUser: number;
  /** bytes queued towards a client that does not read before it is dropped */
  maxBufferedBytes: number;
  /** structs in one update */
  maxStructsPerUpdate: number;
}

export const DEFAULT_LIMITS: CollabLimits = {
  // COLLAB_MAX_MESSAGE_BYTES: sync messages of the stock provider come whole, never in parts.
  maxMessageBytes: 32 * 1024 * 1024,
  maxAwarenessStateBytes: 16 * 1024,
  maxAwarenessEntries: 16,
  awarenessRate: 30,
  awarenessBurst: 120,
  updateRate: 200,
  updateBurst: 1_000,
  syncRequestRate: 2,
  syncRequestBurst: 20,
  inboundBytesRate: 1024 * 1024,
  inboundBytesBurst: 32 * 1024 * 1024,
  maxConnectionsPerDocument: 1_000,
  maxConnectionsPerUser: 100,
  maxBufferedBytes: 16 * 1024 * 1024,
  maxStructsPerUpdate: 500_000,
};

/**
 * The limits with those that must follow the message bound raised to it: a message of the
 * largest size must pass the inbound byte budget at once, and a document of that size must be
 * sendable to a client without it counting as one that does not read.
 */
export function collabLimits(overrides: Partial<CollabLimits> = {}): CollabLimits {
  const limits = { ...DEFAULT_LIMITS, ...overrides };
  // (Unless set themselves: tests lower them alone.)
  if (overrides.inboundBytesBurst === undefined) limits.inboundBytesBurst = Math.max(limits.inboundBytesBurst, limits.maxMessageBytes);
  if (overrides.maxBufferedBytes === undefined) limits.maxBufferedBytes = Math.max(limits.maxBufferedBytes, 2 * limits.maxMessageBytes);
  return limits;
}

/** A client may not speak for more distinct Yjs clients than this in one message. */
export const MAX_CLIENTS_PER_MESSAGE = 2_000;
/** Entries in a sync step 1 state vector (one per client that ever edited the document). */
export const MAX_STATE_VECTOR_ENTRIES = 100_000;

/**
 * Bounds for bytes read back from the database: ours, but a row written by an older version,
 * by hand or by a damaged disk must fail the load, not hang the process in Yjs's decoder.
 * Snapshots hold whole documents, hence the generous sizes.
 */
export const STORED_LIMITS = Object.freeze({ maxBytes: 512 * 1024 * 1024, maxStructs: 50_000_000, maxClients: 1_000_000, maxDeletes: 50_000_000 });

/**
 * Past this many bytes of updates accepted but not yet stored (the database is down or failing),
 * new edits are refused with "retry later" (COLLAB_MAX_UNSTORED_BYTES): the clients keep them
 * and send them again, instead of the process holding an ever-growing pile it may lose.
 */
export const DEFAULT_MAX_UNSTORED_BYTES = 64 * 1024 * 1024;
