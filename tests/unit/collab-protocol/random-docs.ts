import fc from 'fast-check';
import * as Y from 'yjs';

/**
 * Random editing sessions over 1-3 Y.Docs, described as data so fast-check can shrink them, and
 * a runner that replays them and returns every update Yjs produced. Covers all content types a
 * real client emits: text with formatting and embeds, XML elements/text with attributes, arrays
 * and maps of plain values (numbers, strings, null, booleans, nested arrays/objects, bytes),
 * nested shared types, subdocuments, deletions (which GC nested content), and concurrent clients.
 */
export type Plain = null | boolean | number | string | Uint8Array | bigint | Plain[] | { [key: string]: Plain };
type TypeKind = 'map' | 'array' | 'text' | 'xmlText' | 'xmlFragment' | 'xmlElement' | 'xmlHook';
export type Value = { kind: 'plain'; value: Plain } | { kind: 'type'; type: TypeKind } | { kind: 'subdoc'; autoLoad: boolean; gc: boolean; meta: Plain };

export type Op =
  | { op: 'insertText'; doc: number; target: number; pos: number; text: string; attrs: Record<string, Plain> | null }
  | { op: 'format'; doc: number; target: number; pos: number; len: number; attrs: Record<string, Plain> }
  | { op: 'embed'; doc: number; target: number; pos: number; value: Record<string, Plain> }
  | { op: 'delete'; doc: number; target: number; pos: number; len: number }
  | { op: 'arrayInsert'; doc: number; target: number; pos: number; values: Value[] }
  | { op: 'mapSet'; doc: number; target: number; key: string; value: Value }
  | { op: 'mapDelete'; doc: number; target: number; key: string }
  | { op: 'xmlInsert'; doc: number; target: number; pos: number; node: 'element' | 'text'; name: string }
  | { op: 'setAttribute'; doc: number; target: number; key: string; value: string }
  | { op: 'sync'; from: number; to: number };

export interface Session {
  gc: boolean;
  docs: number;
  ops: Op[];
}

const key = fc.constantFrom('a', 'b', 'title', 'ключ', '😀', '');
// 'binary' units include lone surrogates, which Yjs writes as U+FFFD: still valid output.
const text = fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }));
const anyText = fc.oneof(text, fc.string({ unit: 'binary', maxLength: 6 }));

// Values that go through JSON.stringify (embeds, formats) cannot hold a bigint.
const plainArb = (withBigInt: boolean): fc.Arbitrary<Plain> =>
  fc.letrec<{ plain: Plain }>((tie) => ({
    plain: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constant(null),
      fc.boolean(),
      fc.integer(),
      fc.double(),
      anyText,
      fc.uint8Array({ maxLength: 8 }),
      withBigInt ? fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }) : fc.constant(0.5),
      fc.array(tie('plain'), { maxLength: 4 }),
      fc.dictionary(fc.string({ maxLength: 5 }), tie('plain'), { maxKeys: 4, noNullPrototype: true }),
    ),
  })).plain;
const plain = plainArb(true);
const jsonPlain = plainArb(false);

// Top-level list/map values: Yjs refuses bigint and undefined there (they are fine when nested).
const topPlain = plain.filter((v) => typeof v !== 'bigint');
const attrs = fc.dictionary(fc.constantFrom('bold', 'italic', 'href', 'color'), fc.oneof(fc.constant(null), fc.boolean(), anyText), { maxKeys: 2, noNullPrototype: true });

const value: fc.Arbitrary<Value> = fc.oneof(
  { arbitrary: topPlain.map((v) => ({ kind: 'plain' as const, value: v })), weight: 4 },
  { arbitrary: fc.constantFrom<TypeKind>('map', 'array', 'text', 'xmlText', 'xmlFragment', 'xmlElement', 'xmlHook').map((t) => ({ kind: 'type' as const, type: t })), weight: 3 },
  { arbitrary: fc.record({ autoLoad: fc.boolean(), gc: fc.boolean(), meta: plain }).map((s) => ({ kind: 'subdoc' as const, ...s })), weight: 1 },
);

const doc = fc.nat(2);
const target = fc.nat(50);
const pos = fc.nat(40);
const len = fc.integer({ min: 1, max: 8 });

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('insertText' as const), doc, target, pos, text, attrs: fc.option(attrs, { nil: null }) }), weight: 5 },
  fc.record({ op: fc.constant('format' as const), doc, target, pos, len, attrs }),
  fc.record({ op: fc.constant('embed' as const), doc, target, pos, value: fc.dictionary(fc.string({ maxLength: 4 }), jsonPlain, { maxKeys: 2, noNullPrototype: true }) }),
  { arbitrary: fc.record({ op: fc.constant('delete' as const), doc, target, pos, len }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('arrayInsert' as const), doc, target, pos, values: fc.array(value, { minLength: 1, maxLength: 3 }) }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('mapSet' as const), doc, target, key, value }), weight: 3 },
  fc.record({ op: fc.constant('mapDelete' as const), doc, target, key }),
  {
    arbitrary: fc.record({
      op: fc.constant('xmlInsert' as const),
      doc,
      target,
      pos,
      node: fc.constantFrom('element' as const, 'text' as const),
      name: fc.constantFrom('p', 'h1', 'li', 'ف'),
    }),
    weight: 2,
  },
  fc.record({ op: fc.constant('setAttribute' as const), doc, target, key, value: anyText }),
  { arbitrary: fc.record({ op: fc.constant('sync' as const), from: doc, to: doc }), weight: 2 },
);

export const sessionArb: fc.Arbitrary<Session> = fc.record({
  gc: fc.boolean(),
  docs: fc.integer({ min: 1, max: 3 }),
  ops: fc.array(opArb, { minLength: 1, maxLength: 30 }),
});

export interface SessionResult {
  docs: Y.Doc[];
  /** every incremental update, in emission order, from all docs */
  updates: Uint8Array[];
}

export function runSession(session: Session): SessionResult {
  const updates: Uint8Array[] = [];
  const docs = Array.from({ length: session.docs }, (_, i) => {
    const d = new Y.Doc({ gc: session.gc });
    d.clientID = 1000 + i; // distinct and stable, so shrinking reproduces
    d.on('update', (u: Uint8Array) => updates.push(u));
    return d;
  });
  for (const op of session.ops) {
    if (op.op === 'sync') {
      const from = docs[op.from % docs.length]!;
      const to = docs[op.to % docs.length]!;
      if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
      continue;
    }
    apply(docs[op.doc % docs.length]!, op);
  }
  return { docs, updates };
}

type Shared = Y.AbstractType<any>;

/** Every live shared type in the doc, depth first from the fixed roots. */
function containers(d: Y.Doc): Shared[] {
  const out: Shared[] = [];
  const stack: Shared[] = [d.getText('text'), d.getArray('array'), d.getMap('map'), d.getXmlFragment('xml')];
  while (stack.length > 0) {
    const t = stack.pop()!;
    out.push(t);
    if (t instanceof Y.Map)
      for (const v of t.values()) {
        if (v instanceof Y.AbstractType) stack.push(v);
      }
    else if (t instanceof Y.Array || t instanceof Y.XmlFragment)
      for (const v of t.toArray()) {
        if (v instanceof Y.AbstractType) stack.push(v as Shared);
      }
  }
  return out;
}

function pick<T extends Shared>(d: Y.Doc, index: number, accept: (t: Shared) => t is T): T | undefined {
  const fit = containers(d).filter(accept);
  return fit.length === 0 ? undefined : fit[index % fit.length];
}

const isText = (t: Shared): t is Y.Text => t instanceof Y.Text;
const isArray = (t: Shared): t is Y.Array<unknown> => t instanceof Y.Array;
const isMap = (t: Shared): t is Y.Map<unknown> => t instanceof Y.Map;
const isXmlParent = (t: Shared): t is Y.XmlFragment => t instanceof Y.XmlFragment; // XmlElement extends it
const isElement = (t: Shared): t is Y.XmlElement => t instanceof Y.XmlElement;
const isList = (t: Shared): t is Y.Text | Y.Array<unknown> | Y.XmlFragment => isText(t) || isArray(t) || isXmlParent(t);

function materialise(v: Value): unknown {
  if (v.kind === 'plain') return v.value;
  if (v.kind === 'subdoc') return new Y.Doc({ autoLoad: v.autoLoad, gc: v.gc, meta: v.meta });
  switch (v.type) {
    case 'map':
      return new Y.Map();
    case 'array':
      return new Y.Array();
    case 'text':
      return new Y.Text('init');
    case 'xmlText':
      return new Y.XmlText('x');
    case 'xmlFragment':
      return new Y.XmlFragment();
    case 'xmlElement':
      return new Y.XmlElement('div');
    case 'xmlHook':
      return new Y.XmlHook('hook');
  }
}

function apply(d: Y.Doc, op: Exclude<Op, { op: 'sync' }>): void {
  switch (op.op) {
    case 'insertText': {
      const t = pick(d, op.target, isText);
      if (t) t.insert(op.pos % (t.length + 1), op.text, op.attrs ?? undefined);
      break;
    }
    case 'format': {
      const t = pick(d, op.target, isText);
      if (t && t.length > 0) t.format(op.pos % t.length, op.len, op.attrs);
      break;
    }
    case 'embed': {
      const t = pick(d, op.target, isText);
      if (t) t.insertEmbed(op.pos % (t.length + 1), op.value);
      break;
    }
    case 'delete': {
      const t = pick(d, op.target, isList);
      if (t && t.length > 0) {
        const start = op.pos % t.length;
        t.delete(start, Math.min(op.len, t.length - start));
      }
      break;
    }
    case 'arrayInsert': {
      const t = pick(d, op.target, isArray);
      if (t) t.insert(op.pos % (t.length + 1), op.values.map(materialise));
      break;
    }
    case 'mapSet': {
      const t = pick(d, op.target, isMap);
      if (t) t.set(op.key, materialise(op.value));
      break;
    }
    case 'mapDelete': {
      const t = pick(d, op.target, isMap);
      if (t) t.delete(op.key);
      break;
    }
    case 'xmlInsert': {
      const t = pick(d, op.target, isXmlParent);
      if (t) t.insert(op.pos % (t.length + 1), [op.node === 'element' ? new Y.XmlElement(op.name) : new Y.XmlText(op.name)]);
      break;
    }
    case 'setAttribute': {
      const t = pick(d, op.target, isElement);
      if (t) t.setAttribute(op.key, op.value);
      break;
    }
  }
}
