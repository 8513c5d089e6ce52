import * as decoding from 'lib0/decoding';
import type { IncomingAwarenessEntry } from './awareness-registry.ts';
import { MessageType, SyncType } from './messages.ts';

export interface FrameLimits {
  maxAwarenessStateBytes: number;
  maxAwarenessEntries: number;
}

export type InboundFrame =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-step2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; entries: IncomingAwarenessEntry[] }
  | { kind: 'query-awareness' };

export type DecodeResult = { ok: true; frame: InboundFrame } | { ok: false; reason: string };

/**
 * Splits a y-websocket frame into its parts, refusing anything malformed. Updates and state
 * vectors come out as byte ranges; their own structure is checked separately before Yjs sees them.
 */
export function decodeInboundFrame(bytes: Uint8Array, limits: FrameLimits): DecodeResult {
  try {
    const decoder = decoding.createDecoder(bytes);
    const type = readBoundedVarUint(decoder);
    let frame: InboundFrame;
    switch (type) {
      case MessageType.sync: {
        const syncType = readBoundedVarUint(decoder);
        const payload = readBytes(decoder);
        if (syncType === SyncType.step1) frame = { kind: 'sync-step1', stateVector: payload };
        else if (syncType === SyncType.step2) frame = { kind: 'sync-step2', update: payload };
        else if (syncType === SyncType.update) frame = { kind: 'update', update: payload };
        else return { ok: false, reason: `unknown sync message type ${syncType}` };
        break;
      }
      case MessageType.awareness:
        frame = { kind: 'awareness', entries: readAwareness(readBytes(decoder), limits) };
        break;
      case MessageType.queryAwareness:
        frame = { kind: 'query-awareness' };
        break;
      default:
        return { ok: false, reason: `unknown message type ${type}` };
    }
    if (decoding.hasContent(decoder)) return { ok: false, reason: 'trailing bytes after the message' };
    return { ok: true, frame };
  } catch (error) {
    return { ok: false, reason: error instanceof FrameError ? error.message : 'malformed message' };
  }
}

class FrameError extends Error {}

function readBoundedVarUint(decoder: decoding.Decoder): number {
  let value = 0;
  let multiplier = 1;
  for (let i = 0; i < 8; i++) {
    if (decoder.pos >= decoder.arr.length) throw new FrameError('truncated number');
    const byte = decoder.arr[decoder.pos++]!;
    value += (byte & 0x7f) * multiplier;
    if (byte < 0x80) {
      if (value > Number.MAX_SAFE_INTEGER) throw new FrameError('number too large');
      return value;
    }
    multiplier *= 128;
  }
  throw new FrameError('number too large');
}

function readBytes(decoder: decoding.Decoder): Uint8Array {
  const length = readBoundedVarUint(decoder);
  if (length > decoder.arr.length - decoder.pos) throw new FrameError('length beyond the end of the message');
  const view = decoder.arr.subarray(decoder.pos, decoder.pos + length);
  decoder.pos += length;
  return view;
}

function readString(decoder: decoding.Decoder, maxBytes: number): string {
  const bytes = readBytes(decoder);
  if (bytes.length > maxBytes) throw new FrameError(`awareness state larger than ${maxBytes} bytes`);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

function readAwareness(payload: Uint8Array, limits: FrameLimits): IncomingAwarenessEntry[] {
  const decoder = decoding.createDecoder(payload);
  const count = readBoundedVarUint(decoder);
  if (count > limits.maxAwarenessEntries) throw new FrameError(`more than ${limits.maxAwarenessEntries} awareness entries`);
  if (count * 3 > payload.length) throw new FrameError('awareness count beyond the end of the message');
  const entries: IncomingAwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = readBoundedVarUint(decoder);
    const clock = readBoundedVarUint(decoder);
    const json = readString(decoder, limits.maxAwarenessStateBytes);
    let state: unknown;
    try {
      state = JSON.parse(json);
    } catch {
      throw new FrameError('awareness state is not JSON');
    }
    if (clientId > 0xffffffff) throw new FrameError('client id out of range');
    entries.push({ clientId, clock, state });
  }
  if (decoding.hasContent(decoder)) throw new FrameError('trailing bytes after the awareness entries');
  return entries;
}
