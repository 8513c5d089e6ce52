import { ProtocolError } from './byte-reader.ts';

/**
 * Checks that `text` is JSON whose arrays/objects nest at most `maxDepth` deep, and returns the
 * parsed value. Yjs (ContentJSON, ContentEmbed, ContentFormat) and y-protocols (awareness) call
 * JSON.parse on these strings and later walk the result recursively (toJSON, equalityDeep), so a
 * deeply nested value is a stack overflow waiting to happen in code we do not control.
 *
 * Depth is measured by a linear scan over brackets outside string literals before parsing, so a
 * hostile string costs O(length) and never reaches JSON.parse if it is too deep.
 */
export function parseJsonBounded(text: string, maxDepth: number, what: string): unknown {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */)
        i++; // skip the escaped character, whatever it is
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > maxDepth) throw new ProtocolError(`${what}: JSON nested deeper than ${maxDepth}`);
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ProtocolError(`${what}: not valid JSON`);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const TRUE = [0x74, 0x72, 0x75, 0x65];
const FALSE = [0x66, 0x61, 0x6c, 0x73, 0x65];
const NULL = [0x6e, 0x75, 0x6c, 0x6c];

/**
 * As parseJsonBounded, for JSON held as UTF-8 bytes whose value we do not need (Yjs content).
 * Formatting attributes are almost always `true`, `null` or a plain string, and a TextDecoder +
 * JSON.parse round trip costs microseconds each, so those shapes are recognised on the bytes.
 */
export function checkJsonBytes(view: Uint8Array, maxDepth: number, what: string): void {
  if (equals(view, TRUE) || equals(view, FALSE) || equals(view, NULL) || isPlainJsonString(view)) return;
  let text: string;
  try {
    text = utf8.decode(view);
  } catch {
    throw new ProtocolError(`${what}: invalid UTF-8`);
  }
  parseJsonBounded(text, maxDepth, what);
}

function equals(view: Uint8Array, word: number[]): boolean {
  if (view.length !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (view[i] !== word[i]) return false;
  return true;
}

/** `"..."` with only printable ASCII inside and no quote or backslash: valid JSON as it stands. */
function isPlainJsonString(view: Uint8Array): boolean {
  const last = view.length - 1;
  if (last < 1 || view[0] !== 0x22 || view[last] !== 0x22) return false;
  for (let i = 1; i < last; i++) {
    const c = view[i]!;
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return false;
  }
  return true;
}
