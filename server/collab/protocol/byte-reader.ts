/**
 * A bounds-checked cursor over untrusted bytes. Every read either succeeds inside the buffer or
 * throws ProtocolError; nothing here allocates in proportion to a number read from the input, and
 * every loop advances the cursor, so reading is O(bytes).
 */

/** Thrown inside the validators; the public functions turn it into `{ ok: false, reason }`. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

/** Largest integer a double holds exactly (2^53 - 1); Yjs clocks and ids must stay below it. */
export const MAX_SAFE = Number.MAX_SAFE_INTEGER;

// A varuint of MAX_SAFE has 53 significant bits, i.e. 8 groups of 7: a ninth byte can only be junk.
const MAX_VARUINT_BYTES = 8;

// fatal: invalid UTF-8 throws instead of silently becoming U+FFFD (what lib0 would do), so the
// bytes we store are exactly the text every peer decodes. ignoreBOM: a leading BOM is content.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class ByteReader {
  pos = 0;

  constructor(readonly bytes: Uint8Array) {}

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  /** Fails unless `n` more bytes exist; call before trusting any length read from the input. */
  need(n: number, what: string): void {
    if (n > this.remaining) throw new ProtocolError(`${what}: needs ${n} bytes, ${this.remaining} left`);
  }

  uint8(what: string): number {
    if (this.pos >= this.bytes.length) throw new ProtocolError(`${what}: unexpected end of data`);
    return this.bytes[this.pos++]!;
  }

  skip(n: number, what: string): void {
    this.need(n, what);
    this.pos += n;
  }

  /**
   * lib0 varuint (7 bits a byte, little end first). Refuses values above 2^53 - 1 and overlong
   * forms (a final 0x00 after a continuation byte): lib0 never writes them, and accepting them
   * would let one value have many encodings.
   */
  varUint(what: string): number {
    let value = 0;
    let multiplier = 1;
    for (let i = 0; i < MAX_VARUINT_BYTES; i++) {
      const byte = this.uint8(what);
      value += (byte & 0x7f) * multiplier;
      if (byte < 0x80) {
        if (byte === 0 && i > 0) throw new ProtocolError(`${what}: overlong varuint`);
        if (value > MAX_SAFE) throw new ProtocolError(`${what}: varuint above 2^53`);
        return value;
      }
      multiplier *= 128;
    }
    throw new ProtocolError(`${what}: varuint longer than ${MAX_VARUINT_BYTES} bytes`);
  }

  /**
   * lib0 varint: first byte holds continuation, sign and 6 bits; later bytes 7 bits each. Same
   * bounds as varUint. "-0" (0x40) is a legal encoding lib0 writes for negative zero.
   */
  varInt(what: string): number {
    const first = this.uint8(what);
    let value = first & 0x3f;
    if (first < 0x80) return value;
    let multiplier = 64;
    for (let i = 1; i < MAX_VARUINT_BYTES; i++) {
      const byte = this.uint8(what);
      value += (byte & 0x7f) * multiplier;
      if (byte < 0x80) {
        if (byte === 0) throw new ProtocolError(`${what}: overlong varint`);
        if (value > MAX_SAFE) throw new ProtocolError(`${what}: varint above 2^53`);
        return value;
      }
      multiplier *= 128;
    }
    throw new ProtocolError(`${what}: varint longer than ${MAX_VARUINT_BYTES} bytes`);
  }

  /**
   * A count of items that each take at least `minBytesEach` bytes: refused when the rest of the
   * input cannot hold that many, so a loop over the count can never outrun the input.
   */
  count(what: string, minBytesEach: number, max = MAX_SAFE): number {
    const n = this.varUint(what);
    if (n > max) throw new ProtocolError(`${what}: ${n} exceeds the limit of ${max}`);
    if (n * minBytesEach > this.remaining) {
      throw new ProtocolError(`${what}: ${n} items cannot fit in the ${this.remaining} bytes left`);
    }
    return n;
  }

  /** A varuint length then that many bytes, returned as a view (no copy). */
  varBytes(what: string, maxLength = MAX_SAFE): Uint8Array {
    const length = this.byteLength(what, maxLength);
    const view = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return view;
  }

  /** As varBytes for content we only step over: no view is created (views cost an allocation). */
  skipVarBytes(what: string): void {
    const length = this.byteLength(what, MAX_SAFE); // moves pos past the prefix: read it first
    this.pos += length;
  }

  /**
   * A varuint length then UTF-8 that must be well formed, checked in place. Returns the length in
   * UTF-16 code units, which is how Yjs measures ContentString.
   */
  varUtf8(what: string): number {
    const length = this.byteLength(what, MAX_SAFE);
    const units = utf8Units(this.bytes, this.pos, this.pos + length);
    if (units < 0) throw new ProtocolError(`${what}: invalid UTF-8`);
    this.pos += length;
    return units;
  }

  /** As varUtf8 but decoded, for the few strings we must look inside (JSON). */
  varString(what: string, maxLength = MAX_SAFE): string {
    const view = this.varBytes(what, maxLength);
    try {
      return utf8.decode(view);
    } catch {
      throw new ProtocolError(`${what}: invalid UTF-8`);
    }
  }

  private byteLength(what: string, maxLength: number): number {
    const length = this.varUint(what);
    if (length > maxLength) throw new ProtocolError(`${what}: ${length} bytes exceeds the limit of ${maxLength}`);
    this.need(length, what);
    return length;
  }
}

/**
 * Validates UTF-8 in bytes[start, end) as the WHATWG decoder does in fatal mode (shortest form
 * only, no surrogates, nothing above U+10FFFF) and returns its length in UTF-16 code units, or -1
 * when invalid. Done by hand because TextDecoder would allocate a string per call.
 */
export function utf8Units(b: Uint8Array, start: number, end: number): number {
  let units = 0;
  let i = start;
  while (i < end) {
    const c = b[i]!;
    if (c < 0x80) {
      i += 1;
      units += 1;
      continue;
    }
    let size: number;
    let min1 = 0x80; // allowed range of the first continuation byte
    let max1 = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) size = 2;
    else if (c >= 0xe0 && c <= 0xef) {
      size = 3;
      if (c === 0xe0) min1 = 0xa0; // would be an overlong form
      if (c === 0xed) max1 = 0x9f; // would be a UTF-16 surrogate
    } else if (c >= 0xf0 && c <= 0xf4) {
      size = 4;
      if (c === 0xf0) min1 = 0x90; // overlong
      if (c === 0xf4) max1 = 0x8f; // above U+10FFFF
    } else return -1;
    if (i + size > end) return -1;
    const c1 = b[i + 1]!;
    if (c1 < min1 || c1 > max1) return -1;
    for (let k = 2; k < size; k++) if ((b[i + k]! & 0xc0) !== 0x80) return -1;
    i += size;
    units += size === 4 ? 2 : 1;
  }
  return units;
}
