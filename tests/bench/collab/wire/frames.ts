/**
 * The y-websocket and Hocuspocus wire formats, as far as a protocol-level load client needs them:
 * the messages a stock provider sends (sync step 1 and 2, updates, awareness, Hocuspocus's
 * authentication), the kind of a message received, and the edit stamps inside a received update,
 * read from the bytes without applying Yjs.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { ClientKind } from '../protocol.ts';

export const SYNC = 0;
export const AWARENESS = 1;
export const HOCUSPOCUS_AUTH = 2;
export const STEP1 = 0;
export const STEP2 = 1;
export const UPDATE = 2;

/** an update with no structs and an empty delete set: what a client with nothing new answers */
export const EMPTY_UPDATE = new Uint8Array([0, 0]);

/** Frames the messages of one connection: Hocuspocus prefixes each with the document's name. */
export class Framer {
  constructor(
    readonly kind: ClientKind,
    readonly documentName: string,
  ) {}

  private start(type: number): encoding.Encoder {
    const encoder = encoding.createEncoder();
    if (this.kind === 'hocuspocus') encoding.writeVarString(encoder, this.documentName);
    encoding.writeVarUint(encoder, type);
    return encoder;
  }

  sync(step: number, payload: Uint8Array): Uint8Array {
    const encoder = this.start(SYNC);
    encoding.writeVarUint(encoder, step);
    encoding.writeVarUint8Array(encoder, payload);
    return encoding.toUint8Array(encoder);
  }

  /** one awareness state, as a provider announces itself (an empty local state, `{}`) */
  awareness(clientID: number, clock: number, state = '{}'): Uint8Array {
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1);
    encoding.writeVarUint(update, clientID);
    encoding.writeVarUint(update, clock);
    encoding.writeVarString(update, state);
    const encoder = this.start(AWARENESS);
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
    return encoding.toUint8Array(encoder);
  }

  /** Hocuspocus: the token message its provider sends first on every connection */
  authenticate(token: string): Uint8Array {
    const encoder = this.start(HOCUSPOCUS_AUTH);
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarString(encoder, token);
    return encoding.toUint8Array(encoder);
  }
}

export type Received = { type: 'sync'; step: number; payload: Uint8Array } | { type: 'other'; code: number };

/** The kind of a received message (and for sync messages, the step and its payload, not copied). */
export function readMessage(kind: ClientKind, data: Uint8Array): Received {
  const decoder = decoding.createDecoder(data);
  if (kind === 'hocuspocus') decoding.readVarString(decoder);
  const code = decoding.readVarUint(decoder);
  if (code !== SYNC) return { type: 'other', code };
  const step = decoding.readVarUint(decoder);
  return { type: 'sync', step, payload: decoding.readVarUint8Array(decoder) };
}

/**
 * The bytes that open an edit stamp `{t, s, c, d}` as Yjs encodes a map value (lib0 `writeAny`):
 * an object (118) of 4 keys, the first "t" a float64 (123) — then 8 bytes of big-endian time.
 */
const STAMP_HEAD = Buffer.from([118, 4, 1, 0x74, 123]);
const S_KEY = [1, 0x73, 125];
const C_KEY = [1, 0x63, 125];

export interface FoundStamp {
  t: number;
  s: number;
  c: number;
}

/**
 * Every stamp in a received message, in the order found. A merged update (Tansiq relays a turn's
 * updates merged) keeps every struct, so each edit's stamp is there, not only the latest.
 */
export function findStamps(data: Uint8Array): FoundStamp[] {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const found: FoundStamp[] = [];
  for (let at = bytes.indexOf(STAMP_HEAD); at >= 0; at = bytes.indexOf(STAMP_HEAD, at + 1)) {
    const tAt = at + STAMP_HEAD.length;
    if (tAt + 8 > bytes.length) break;
    const t = bytes.readDoubleBE(tAt);
    const decoder = decoding.createDecoder(bytes);
    decoder.pos = tAt + 8;
    if (!expect(bytes, decoder, S_KEY)) continue;
    const s = decoding.readVarInt(decoder);
    if (!expect(bytes, decoder, C_KEY)) continue;
    const c = decoding.readVarInt(decoder);
    found.push({ t, s, c });
  }
  return found;
}

function expect(bytes: Uint8Array, decoder: decoding.Decoder, sequence: number[]): boolean {
  for (const byte of sequence) if (bytes[decoder.pos++] !== byte) return false;
  return true;
}
