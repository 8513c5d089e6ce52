import { ByteReader, ProtocolError } from './byte-reader.ts';

/**
 * Walks one lib0 `any` value (lib0 decoding.readAny) without building it. lib0 decodes objects
 * and arrays by recursion with no depth limit; we walk with an explicit stack and refuse nesting
 * deeper than `maxDepth`, so neither we nor Yjs later can be driven into a stack overflow.
 *
 * Tags (127 - index in lib0's lookup table):
 *   127 undefined, 126 null, 125 varint, 124 float32, 123 float64, 122 bigint64,
 *   121 false, 120 true, 119 string, 118 object, 117 array, 116 Uint8Array.
 * Anything else makes lib0 call `undefined(decoder)`: refused.
 *
 * Returns the tag of the outermost value so callers can demand a shape (ContentDoc wants an object).
 */
export const ANY_OBJECT = 118;
const ANY_ARRAY = 117;

export function skipAny(reader: ByteReader, maxDepth: number): number {
  // For each open container: children still to read, and whether it is an object (key first).
  const pending: number[] = [];
  const isObject: boolean[] = [];
  let outerTag = -1;
  for (;;) {
    const tag = reader.uint8('any value tag');
    if (outerTag < 0) outerTag = tag;
    switch (tag) {
      case 127:
      case 126:
      case 121:
      case 120:
        break;
      case 125:
        reader.varInt('any integer');
        break;
      case 124:
        reader.skip(4, 'any float32');
        break;
      case 123:
      case 122:
        reader.skip(8, tag === 123 ? 'any float64' : 'any bigint');
        break;
      case 119:
        reader.varUtf8('any string');
        break;
      case 116:
        reader.skipVarBytes('any Uint8Array');
        break;
      case ANY_OBJECT:
      case ANY_ARRAY: {
        // An object entry is at least a key length byte plus a tag; an array element a tag.
        const object = tag === ANY_OBJECT;
        const n = reader.count(object ? 'any object size' : 'any array length', object ? 2 : 1);
        if (n > 0) {
          if (pending.length >= maxDepth) throw new ProtocolError(`any value nested deeper than ${maxDepth}`);
          pending.push(n);
          isObject.push(object);
        }
        break;
      }
      default:
        throw new ProtocolError(`unknown any value tag ${tag}`);
    }
    // Close finished containers, then either stop or position on the next child.
    while (pending.length > 0 && pending[pending.length - 1] === 0) {
      pending.pop();
      isObject.pop();
    }
    if (pending.length === 0) return outerTag;
    pending[pending.length - 1]! -= 1;
    if (isObject[isObject.length - 1]) reader.varUtf8('any object key');
  }
}
