import * as encoding from 'lib0/encoding';

/**
 * Byte builders for hand-made V1 updates, so hostile cases are readable: each helper returns the
 * bytes of one field and `bytes()` concatenates them.
 */
export type Part = number | readonly number[] | Uint8Array;

export const bytes = (...parts: Part[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => (typeof p === 'number' ? [p] : Array.from(p))));

/** lib0 varuint of any size (bigint so tests can go past 2^53). */
export function vu(n: number | bigint): number[] {
  let v = BigInt(n);
  const out: number[] = [];
  while (v >= 128n) {
    out.push(Number(v & 127n) | 128);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

/** varuint length + raw bytes. */
export const buf = (b: Part): number[] => {
  const body = Array.from(bytes(b));
  return [...vu(body.length), ...body];
};

/** varuint length + UTF-8. */
export const str = (s: string): number[] => buf(new TextEncoder().encode(s));

/** A lib0 `any` value encoded by lib0 itself. */
export function any(value: unknown): number[] {
  const e = encoding.createEncoder();
  encoding.writeAny(e, value as never);
  return Array.from(encoding.toUint8Array(e));
}

export const INFO = { gc: 0, deleted: 1, json: 2, binary: 3, string: 4, embed: 5, format: 6, type: 7, any: 8, doc: 9, skip: 10 };
export const ORIGIN = 0x80;
export const RIGHT_ORIGIN = 0x40;
export const PARENT_SUB = 0x20;

/** An Item with no origins whose parent is the root type `root`; `content` follows the header. */
export const rootItem = (ref: number, content: Part, root = 'a'): number[] => [ref, 1, ...str(root), ...bytes(content)];

/** A whole update: one client group holding `structs`, then a delete set (empty by default). */
export function update(structs: Part[], opts: { client?: number; clock?: number; deleteSet?: Part } = {}): Uint8Array {
  return bytes(1, vu(structs.length), vu(opts.client ?? 1), vu(opts.clock ?? 0), ...structs, opts.deleteSet ?? [0]);
}

/** An `any` array nested `depth` deep around `inner` (tag 117, length 1, ...). */
export function nestedAnyArrays(depth: number, inner: Part = any(null)): Uint8Array {
  const prefix = new Uint8Array(depth * 2);
  for (let i = 0; i < depth; i++) prefix.set([117, 1], i * 2);
  return bytes(prefix, inner);
}
