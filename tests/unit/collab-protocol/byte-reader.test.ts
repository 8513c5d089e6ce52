import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteReader, ProtocolError, utf8Units } from '../../../server/collab/protocol/byte-reader.ts';
import { skipAny } from '../../../server/collab/protocol/any-value.ts';
import { parseJsonBounded } from '../../../server/collab/protocol/json-text.ts';
import { bytes, nestedAnyArrays, vu } from './craft.ts';

/** The readers agree with lib0 on everything lib0 writes, and refuse what lib0 never writes. */
describe('ByteReader', () => {
  it('reads every varuint lib0 writes, up to 2^53-1', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, n);
        const r = new ByteReader(encoding.toUint8Array(e));
        expect(r.varUint('n')).toBe(n);
        expect(r.remaining).toBe(0);
      }),
    );
  });

  it('reads every varint lib0 writes, including -0', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 }), (n) => {
        const e = encoding.createEncoder();
        encoding.writeVarInt(e, n);
        const u = encoding.toUint8Array(e);
        expect(new ByteReader(u).varInt('n')).toBe(Math.abs(n)); // magnitude; the sign bit is not our business
        expect(decoding.readVarInt(decoding.createDecoder(u))).toBe(n);
      }),
    );
    expect(() => new ByteReader(bytes(0x40)).varInt('n')).not.toThrow();
  });

  it('refuses values above 2^53-1, overlong forms and truncation', () => {
    const read = (b: number[]) => () => new ByteReader(Uint8Array.from(b)).varUint('n');
    expect(read(vu(2n ** 53n))).toThrow(/above 2\^53/);
    expect(read(vu(2n ** 53n - 1n))).not.toThrow();
    expect(read([0x80, 0x00])).toThrow(/overlong/);
    expect(read([0xff, 0xff, 0x00])).toThrow(/overlong/);
    expect(read(Array(9).fill(0x80))).toThrow(/longer than 8 bytes/);
    expect(read([0x80, 0x80])).toThrow(/unexpected end/);
    expect(read([])).toThrow(ProtocolError);
  });

  it('refuses counts that cannot fit in the bytes left', () => {
    expect(() => new ByteReader(bytes(5, 1, 2, 3, 4)).count('c', 1)).toThrow(/cannot fit/);
    expect(new ByteReader(bytes(4, 1, 2, 3, 4)).count('c', 1)).toBe(4);
    expect(() => new ByteReader(bytes(3, 1, 2, 3, 4, 5)).count('c', 2)).toThrow(/cannot fit/);
  });

  it('counts UTF-16 units of valid UTF-8 the way JavaScript strings do', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const encoded = new TextEncoder().encode(s); // lone surrogates become U+FFFD, one unit each
        expect(utf8Units(encoded, 0, encoded.length)).toBe(new TextDecoder().decode(encoded).length);
      }),
    );
  });

  it('judges UTF-8 validity exactly as a fatal TextDecoder does', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const valid = (b: Uint8Array) => {
      try {
        fatal.decode(b);
        return true;
      } catch {
        return false;
      }
    };
    // Bytes drawn mostly from the interesting ranges: ASCII, continuation bytes, lead bytes.
    const byte = fc.oneof(
      fc.integer({ min: 0, max: 0x7f }),
      fc.integer({ min: 0x80, max: 0xbf }),
      fc.integer({ min: 0xc0, max: 0xff }),
      fc.constantFrom(0xe0, 0xed, 0xf0, 0xf4, 0x9f, 0xa0, 0x8f, 0x90),
    );
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 12 }), (arr) => {
        const b = Uint8Array.from(arr);
        expect(utf8Units(b, 0, b.length) >= 0).toBe(valid(b));
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('skipAny', () => {
  it('walks every value lib0 writes and ends exactly where lib0 does', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.uint8Array(), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (json, u8, big) => {
        const e = encoding.createEncoder();
        encoding.writeAny(e, { json, u8, big, list: [undefined, -0, 1e300, 3.25] } as never);
        const b = encoding.toUint8Array(e);
        const r = new ByteReader(b);
        skipAny(r, 64);
        expect(r.remaining).toBe(0);
      }),
    );
  });

  it('bounds depth with an explicit stack, not recursion', () => {
    expect(() => skipAny(new ByteReader(nestedAnyArrays(1_000_000)), 64)).toThrow(/nested deeper than 64/);
    expect(() => skipAny(new ByteReader(nestedAnyArrays(64)), 64)).not.toThrow();
    // Even with no depth limit, a million levels run without a stack overflow.
    expect(() => skipAny(new ByteReader(nestedAnyArrays(1_000_000)), Infinity)).not.toThrow();
  });
});

describe('parseJsonBounded', () => {
  it('parses JSON within the depth limit, ignoring brackets inside strings', () => {
    expect(parseJsonBounded('{"a":"[[[[\\"[[["}', 2, 'x')).toEqual({ a: '[[[["[[[' });
    expect(() => parseJsonBounded('[[[1]]]', 2, 'x')).toThrow(/nested deeper than 2/);
    expect(() => parseJsonBounded('{"a":', 5, 'x')).toThrow(/not valid JSON/);
  });
});
