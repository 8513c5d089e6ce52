import fc from 'fast-check';
import { any, buf, bytes, INFO, ORIGIN, PARENT_SUB, RIGHT_ORIGIN, str, vu } from './craft.ts';

/**
 * Random updates that are well formed but meaningless: structs from colliding clients pointing at
 * origins, parents and right origins that may not exist, be deleted, be GC'd, or not be types;
 * overlapping clocks; deletes of anything. The validator accepts all of them by construction, so
 * they are the inputs that test whether "accepted" really means "safe for Yjs".
 */
const client = fc.integer({ min: 0, max: 4 });
const clock = fc.integer({ min: 0, max: 30 });
const id = fc.tuple(client, clock);
const root = fc.constantFrom('a', 'b', 'text', '');
const sub = fc.option(fc.constantFrom('k', 'x', ''), { nil: null });

type Parent = { root: string } | { id: [number, number] };
const parent: fc.Arbitrary<Parent> = fc.oneof(
  root.map((r) => ({ root: r })),
  id.map((i) => ({ id: i })),
);

const content: fc.Arbitrary<{ ref: number; body: number[] }> = fc.oneof(
  fc.integer({ min: 1, max: 40 }).map((n) => ({ ref: INFO.deleted, body: vu(n) })),
  fc.constantFrom('x', 'hello', '😀a', 'مرحبا').map((s) => ({ ref: INFO.string, body: str(s) })),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 1, maxLength: 3 }).map((vs) => ({ ref: INFO.any, body: [...vu(vs.length), ...vs.flatMap(any)] })),
  fc
    .array(fc.jsonValue({ maxDepth: 2 }), { minLength: 1, maxLength: 3 })
    .map((vs) => ({ ref: INFO.json, body: [...vu(vs.length), ...vs.flatMap((v) => str(JSON.stringify(v) ?? 'null'))] })),
  fc.uint8Array({ maxLength: 4 }).map((b) => ({ ref: INFO.binary, body: buf(b) })),
  fc.jsonValue({ maxDepth: 2 }).map((v) => ({ ref: INFO.embed, body: str(JSON.stringify(v) ?? 'null') })),
  fc.tuple(fc.constantFrom('bold', 'href'), fc.constantFrom('true', 'null', '"x"', '{"a":1}')).map(([k, v]) => ({ ref: INFO.format, body: [...str(k), ...str(v)] })),
  fc.integer({ min: 0, max: 6 }).map((t) => ({ ref: INFO.type, body: t === 3 || t === 5 ? [t, ...str('p')] : [t] })),
  fc.constantFrom('guid-1', 'guid-2').map((g) => ({ ref: INFO.doc, body: [...str(g), ...any({})] })),
);

type Struct =
  | { kind: 'gc' | 'skip'; len: number }
  | { kind: 'item'; origin: [number, number] | null; rightOrigin: [number, number] | null; parent: Parent; sub: string | null; content: { ref: number; body: number[] } };

const struct: fc.Arbitrary<Struct> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constantFrom('gc' as const, 'skip' as const), len: fc.integer({ min: 1, max: 10 }) }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant('item' as const), origin: fc.option(id, { nil: null }), rightOrigin: fc.option(id, { nil: null }), parent, sub, content }),
    weight: 6,
  },
);

const group = fc.record({ client, clock, structs: fc.array(struct, { minLength: 1, maxLength: 6 }) });
const deleteSet = fc.array(fc.tuple(client, fc.array(fc.tuple(clock, fc.integer({ min: 1, max: 10 })), { minLength: 1, maxLength: 3 })), { maxLength: 3 });

/** Same-client references must point backwards (the validator insists); move any that do not. */
const earlier = (ref: [number, number], self: number, at: number): [number, number] => (ref[0] === self && ref[1] >= at ? [(self + 1) % 5, ref[1]] : ref);

function encodeStruct(s: Struct, self: number, at: number): { bytes: number[]; length: number } {
  if (s.kind !== 'item') return { bytes: [s.kind === 'gc' ? INFO.gc : INFO.skip, ...vu(s.len)], length: s.len };
  const out: number[] = [];
  let info = s.content.ref;
  if (s.origin) info |= ORIGIN;
  if (s.rightOrigin) info |= RIGHT_ORIGIN;
  if (!s.origin && !s.rightOrigin && s.sub !== null) info |= PARENT_SUB;
  out.push(info);
  if (s.origin) out.push(...earlier(s.origin, self, at).flatMap((n) => vu(n)));
  if (s.rightOrigin) out.push(...earlier(s.rightOrigin, self, at).flatMap((n) => vu(n)));
  if (!s.origin && !s.rightOrigin) {
    if ('root' in s.parent) out.push(1, ...str(s.parent.root));
    else out.push(0, ...earlier(s.parent.id, self, at).flatMap((n) => vu(n)));
    if (s.sub !== null) out.push(...str(s.sub));
  }
  out.push(...s.content.body);
  return { bytes: out, length: contentLength(s.content) };
}

function contentLength(c: { ref: number; body: number[] }): number {
  const decodeCount = () => {
    let v = 0,
      m = 1,
      i = 0;
    for (;;) {
      const b = c.body[i++]!;
      v += (b & 0x7f) * m;
      if (b < 0x80) return v;
      m *= 128;
    }
  };
  if (c.ref === INFO.deleted || c.ref === INFO.any || c.ref === INFO.json) return decodeCount();
  if (c.ref === INFO.string) return new TextDecoder().decode(Uint8Array.from(c.body.slice(1))).length;
  return 1;
}

export const wellFormedUpdateArb: fc.Arbitrary<Uint8Array> = fc
  .tuple(fc.uniqueArray(group, { minLength: 0, maxLength: 4, selector: (g) => g.client }), deleteSet)
  .map(([groups, ds]) => {
    const parts: number[] = [...vu(groups.length)];
    for (const g of groups) {
      parts.push(...vu(g.structs.length), ...vu(g.client), ...vu(g.clock));
      let at = g.clock;
      for (const s of g.structs) {
        const { bytes: b, length } = encodeStruct(s, g.client, at);
        parts.push(...b);
        at += length;
      }
    }
    parts.push(...vu(ds.length));
    for (const [c, ranges] of ds) parts.push(...vu(c), ...vu(ranges.length), ...ranges.flatMap(([k, l]) => [...vu(k), ...vu(l)]));
    return bytes(parts);
  });
