/**
 * Pre-encoded edits: what one stock client would send, made in advance by a real Y.Doc, so that a
 * protocol-level load client costs the server exactly a real client's work and costs its own
 * process nearly nothing per edit (no Yjs on the send or receive path).
 *
 * Each edit is the same seeded Typist edit the stock clients make (workload.ts), stamped in the
 * same transaction. The stamp's send time is a placeholder written as a float64; the client writes
 * the real time over its 8 bytes when it sends.
 */
import * as Y from 'yjs';
import { STAMP_HISTORY, Typist } from '../workload.ts';
import { Framer, UPDATE } from './frames.ts';

/** not representable as a float32, so lib0 encodes it (and any real time written over it) as float64 */
const PLACEHOLDER_T = 1234567890123.4567;
const PLACEHOLDER_BYTES = (() => {
  const bytes = Buffer.alloc(9);
  bytes[0] = 123;
  bytes.writeDoubleBE(PLACEHOLDER_T, 1);
  return bytes;
})();

export interface EncodedEdit {
  /** the whole message as sent (framed for the server's protocol) */
  frame: Buffer;
  /** where the 8 bytes of the send time start in `frame` */
  timeAt: number;
  /** the update alone (a view into `frame`), for answering a server's sync step 1 after a reconnect */
  update: Uint8Array;
  /** this client's clock after the edit */
  clockEnd: number;
  seq: number;
}

/**
 * A client id's Yjs clientID: fixed, so every server receives the same bytes from it, and as
 * large as the random 32-bit ones of real clients (5 bytes as a varuint), so the updates are too.
 */
export const clientIdOf = (id: number): number => (0x80000000 + ((id * 2654435761) % 0x7fffffff)) >>> 0;

export class EditSource {
  private readonly doc: Y.Doc;
  private readonly typist: Typist;
  private readonly gaps: number[];
  private readonly queue: EncodedEdit[] = [];

  constructor(
    readonly id: number,
    base: Uint8Array,
    rate: number,
    private readonly framer: Framer,
  ) {
    this.doc = new Y.Doc();
    this.doc.clientID = clientIdOf(id);
    Y.applyUpdate(this.doc, base);
    this.typist = new Typist(id, this.doc);
    // The stock client's stamp carries the gaps to its last sends; at a steady rate they are all
    // one interval, which keeps the bytes the same length as the stock client's.
    this.gaps = Array.from({ length: STAMP_HISTORY }, () => Math.round(1000 / rate));
  }

  get queued(): number {
    return this.queue.length;
  }

  /** Encodes `count` more edits. */
  prepare(count: number): void {
    for (let i = 0; i < count; i++) this.queue.push(this.encodeOne());
  }

  /** The next edit to send (encoded now if none was prepared: `late` tells the caller). */
  next(): { edit: EncodedEdit; late: boolean } {
    const edit = this.queue.shift();
    return edit ? { edit, late: false } : { edit: this.encodeOne(), late: true };
  }

  private encodeOne(): EncodedEdit {
    let update: Uint8Array | null = null;
    const capture = (bytes: Uint8Array) => (update = bytes);
    this.doc.on('update', capture);
    this.typist.edit(PLACEHOLDER_T, this.gaps);
    this.doc.off('update', capture);
    if (!update) throw new Error('the edit produced no update');
    const frame = Buffer.from(this.framer.sync(UPDATE, update));
    const stampAt = frame.indexOf(PLACEHOLDER_BYTES);
    if (stampAt < 0) throw new Error('the stamp placeholder is not in the encoded edit');
    const updateAt = frame.length - (update as Uint8Array).byteLength;
    return {
      frame,
      timeAt: stampAt + 1,
      update: frame.subarray(updateAt),
      clockEnd: Y.getState(this.doc.store, this.doc.clientID),
      seq: this.typist.seq,
    };
  }

  destroy(): void {
    this.doc.destroy();
  }
}
