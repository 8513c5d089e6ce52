/** Bounds on what one client may send or hold; beyond them its connection is closed. */
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
  maxMessageBytes: 4 * 1024 * 1024,
  maxAwarenessStateBytes: 16 * 1024,
  maxAwarenessEntries: 16,
  awarenessRate: 30,
  awarenessBurst: 120,
  updateRate: 200,
  updateBurst: 1_000,
  syncRequestRate: 2,
  syncRequestBurst: 20,
  inboundBytesRate: 1024 * 1024,
  inboundBytesBurst: 8 * 1024 * 1024,
  maxConnectionsPerDocument: 1_000,
  maxConnectionsPerUser: 100,
  maxBufferedBytes: 16 * 1024 * 1024,
  maxStructsPerUpdate: 500_000,
};
