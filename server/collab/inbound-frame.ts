import type { CollabLimits } from './limits.ts';
import { validateSyncMessage, type ClientMessage } from './protocol/index.ts';
import { frameLimits } from './update-check.ts';

/**
 * A client's y-websocket frame, parsed and structurally validated (see ./protocol/): updates
 * and state vectors inside it are already checked within bounds, so the room may hand them to
 * Yjs; payloads are copies, not views into the socket's buffer.
 */
export type InboundFrame = ClientMessage;

export type DecodeResult = { ok: true; frame: InboundFrame } | { ok: false; reason: string };

export function decodeInboundFrame(bytes: Uint8Array, limits: CollabLimits): DecodeResult {
  const result = validateSyncMessage(bytes, frameLimits(limits));
  return result.ok ? { ok: true, frame: result.message } : { ok: false, reason: result.reason };
}
