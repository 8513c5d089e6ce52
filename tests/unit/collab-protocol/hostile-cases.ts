import fc from 'fast-check';
import fs from 'node:fs';
import * as Y from 'yjs';
import { any, buf, bytes, INFO, nestedAnyArrays, ORIGIN, PARENT_SUB, RIGHT_ORIGIN, rootItem, str, update, vu } from './craft.ts';
import { runSession, sessionArb } from './random-docs.ts';

/**
 * The hostile corpus: issue reproductions from tests/fixtures/yjs-hostile plus generated cases.
 * `expect: 'reject'` cases must be refused (with `reason` matching when given); `'either'` cases
 * (random bytes, mutations) may be accepted, and every accepted one is then fed to Yjs.
 */
export interface HostileCase {
  group: string;
  name: string;
  bytes: Uint8Array;
  expect: 'reject' | 'accept' | 'either';
  reason?: RegExp;
}

const FIXTURE = new URL('../../fixtures/yjs-hostile/issue-reproductions.json', import.meta.url);

export function issueCases(): (HostileCase & { format: string })[] {
  const { cases } = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as { cases: { name: string; hex: string; format: string }[] };
  return cases.map((c) => ({ group: 'issue', name: c.name, format: c.format, bytes: Uint8Array.from(Buffer.from(c.hex, 'hex')), expect: 'reject' }));
}

/** Real updates from fixed-seed random sessions: the raw material for truncation and mutation. */
export function sampleUpdates(count: number, seed: number): Uint8Array[] {
  return fc.sample(sessionArb, { numRuns: count, seed }).flatMap((session) => {
    const { docs, updates } = runSession(session);
    return [Y.encodeStateAsUpdate(docs[0]!), Y.mergeUpdates(updates)];
  });
}

/** Deterministic PRNG (mulberry32), so every run checks the same corpus. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function truncatedCases(updates: Uint8Array[]): HostileCase[] {
  return updates.flatMap((u, i) =>
    Array.from({ length: u.length }, (_, k) => ({ group: 'truncated', name: `sample ${i} cut at ${k}/${u.length}`, bytes: u.slice(0, k), expect: 'reject' as const })),
  );
}

export function randomCases(count: number, seed: number): HostileCase[] {
  const rand = prng(seed);
  return Array.from({ length: count }, (_, i) => {
    const length = Math.floor(rand() ** 2 * 300); // mostly short, some up to 300 bytes
    const b = new Uint8Array(length);
    // Half the buffers use small byte values, which look like plausible counts and lengths.
    const small = rand() < 0.5;
    for (let j = 0; j < length; j++) b[j] = Math.floor(rand() * (small ? 12 : 256));
    return { group: 'random', name: `random ${i} (${length} bytes)`, bytes: b, expect: 'either' as const };
  });
}

/** Point mutations of real updates: flip, replace, insert or delete a byte, or splice a varuint. */
export function mutantCases(updates: Uint8Array[], count: number, seed: number): HostileCase[] {
  const rand = prng(seed);
  const cases: HostileCase[] = [];
  for (let i = 0; i < count; i++) {
    const source = updates[Math.floor(rand() * updates.length)]!;
    const b = Array.from(source);
    const edits = 1 + Math.floor(rand() * 3);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(rand() * (b.length + 1));
      const kind = Math.floor(rand() * 5);
      if (kind === 0 && at < b.length) b[at]! ^= 1 << Math.floor(rand() * 8);
      else if (kind === 1 && at < b.length) b[at] = Math.floor(rand() * 256);
      else if (kind === 2) b.splice(at, 0, Math.floor(rand() * 256));
      else if (kind === 3 && at < b.length) b.splice(at, 1);
      else b.splice(at, 1, ...vu(Math.floor(rand() * 2 ** (1 + rand() * 52))));
    }
    cases.push({ group: 'mutant', name: `mutant ${i}`, bytes: Uint8Array.from(b), expect: 'either' });
  }
  return cases;
}

/** V2 encodings of real docs: the server speaks V1 only, so these must not validate as V1. */
export function v2Cases(count: number, seed: number): HostileCase[] {
  return fc.sample(sessionArb, { numRuns: count, seed }).map((session, i) => ({
    group: 'v2',
    name: `V2 state ${i}`,
    bytes: Y.encodeStateAsUpdateV2(runSession(session).docs[0]!),
    expect: 'either' as const,
  }));
}

const anyOne = (value: unknown) => rootItem(INFO.any, [1, ...any(value)]);
const ok = anyOne('x');
const MAX = 2 ** 53 - 1;
const reject = (group: string, name: string, b: Uint8Array, reason: RegExp): HostileCase => ({ group, name, bytes: b, expect: 'reject', reason });

/** Hand-made inputs, each aimed at one check of the validator. */
export function craftedCases(): HostileCase[] {
  const cases: HostileCase[] = [
    // Positive controls: legal but unusual, built with the same helpers as the hostile ones.
    { group: 'control', name: 'minimal empty update', bytes: bytes(0, 0), expect: 'accept' },
    { group: 'control', name: 'legacy ContentJSON', bytes: update([rootItem(INFO.json, [2, ...str('{"a":[1]}'), ...str('undefined')])]), expect: 'accept' },
    { group: 'control', name: 'any nested exactly 64 deep', bytes: update([rootItem(INFO.any, [1, ...nestedAnyArrays(64)])]), expect: 'accept' },
    { group: 'control', name: 'client id 2^53-1', bytes: update([ok], { client: MAX }), expect: 'accept' },
    { group: 'control', name: 'negative zero and floats in any', bytes: update([anyOne([-0, 1.5, 1e300, -(2 ** 31)])]), expect: 'accept' },

    reject('huge-varint', 'client count 2^53', bytes(vu(2n ** 53n)), /above 2\^53|longer than/),
    reject('huge-varint', 'client count 2^64', bytes(vu(2n ** 64n), 0), /longer than 8 bytes/),
    reject('huge-varint', '10 bytes of 0xff', bytes(Array(10).fill(0xff)), /longer than 8 bytes/),
    reject('huge-varint', 'overlong zero', bytes(0x80, 0x00, 0), /overlong/),
    reject('huge-varint', 'overlong one', bytes(1, 0x81, 0x80, 0x00, 1, 0, ok, 0), /overlong/),
    reject('huge-varint', 'clock 2^53', bytes(1, 1, 1, vu(2n ** 53n), ok, 0), /above 2\^53/),
    reject('huge-varint', 'clock + length passes 2^53', update([bytes(INFO.gc, vu(10))], { clock: MAX - 5 }), /passes 2\^53/),
    reject('huge-varint', 'string length 2^53-1', update([rootItem(INFO.string, vu(MAX))]), /needs \d+ bytes/),
    reject('huge-varint', 'delete range past 2^53', update([ok], { deleteSet: bytes(1, 1, 1, vu(MAX), 5) }), /passes 2\^53/),
    reject('huge-varint', 'varint integer overlong', update([rootItem(INFO.any, [1, 125, 0x80, 0x00])]), /overlong varint/),

    reject('count', 'clients beyond bytes', bytes(50, 1, 1, 0), /cannot fit/),
    reject('count', 'structs beyond bytes', bytes(1, 200, 1, 0, ok, 0), /cannot fit/),
    reject('count', 'any items beyond bytes', update([rootItem(INFO.any, [...vu(1_000_000), ...any(1)])]), /cannot fit/),
    reject('count', 'any array beyond bytes', update([rootItem(INFO.any, [1, 117, ...vu(2 ** 40), 126])]), /cannot fit/),
    reject('count', 'any object beyond bytes', update([rootItem(INFO.any, [1, 118, ...vu(1000), ...str('k'), 126])]), /cannot fit/),
    reject('count', 'JSON items beyond bytes', update([rootItem(INFO.json, [...vu(100), ...str('1')])]), /cannot fit/),
    reject('count', 'binary beyond bytes', update([rootItem(INFO.binary, vu(1 << 30))]), /needs \d+ bytes/),
    reject('count', 'delete-set clients beyond bytes', update([ok], { deleteSet: bytes(vu(10_000), 1, 1) }), /cannot fit/),
    reject('count', 'delete ranges beyond bytes', update([ok], { deleteSet: bytes(1, 1, vu(10_000), 0, 1) }), /cannot fit/),
    reject(
      'limit',
      'more structs than maxStructs',
      bytes(
        1,
        vu(600_000),
        1,
        0,
        new Uint8Array(1_200_000).fill(1).map((_, i) => (i % 2 ? 1 : INFO.gc)),
        0,
      ),
      /more than 500000 structs/,
    ),

    reject('nesting', 'any arrays 100k deep', update([rootItem(INFO.any, [1, ...nestedAnyArrays(100_000)])]), /nested deeper than 64/),
    reject('nesting', 'any objects 10k deep', update([rootItem(INFO.any, [1, ...Array.from({ length: 10_000 }, () => [118, 1, 1, 0x6b]).flat(), 126])]), /nested deeper/),
    reject('nesting', 'embed JSON 100k deep', update([rootItem(INFO.embed, str('['.repeat(100_000) + ']'.repeat(100_000)))]), /JSON nested deeper/),
    reject('nesting', 'format JSON 1k deep', update([rootItem(INFO.format, [...str('bold'), ...str(`${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}`)])]), /JSON nested deeper/),
    reject('nesting', 'subdoc options 1k deep', update([rootItem(INFO.doc, [...str('guid'), 118, 1, ...str('m'), ...nestedAnyArrays(1000)])]), /nested deeper/),

    reject('unknown', 'GC with flag bits', update([bytes(INFO.gc | ORIGIN, 1)]), /flag bits set on a GC/),
    reject('unknown', 'Skip with flag bits', update([bytes(INFO.skip | PARENT_SUB, 1)]), /flag bits set on a Skip/),
    reject('unknown', 'type ref 7', update([rootItem(INFO.type, [7])]), /unknown type ref 7/),
    reject('unknown', 'parent info 2', update([bytes(INFO.any, 2, ...str('a'), 1, ...any(1))]), /parent info 2/),
    ...[0, 1, 100, 115, 128, 200, 255].map((tag) => reject('unknown', `any tag ${tag}`, update([rootItem(INFO.any, [1, tag])]), /unknown any value tag/)),

    reject('malformed', 'trailing garbage', bytes(update([ok]), 0), /trailing bytes/),
    reject('malformed', 'duplicate client group', bytes(2, 1, 1, 0, ok, 1, 1, 1, ok, 0), /appears twice/),
    reject('malformed', 'invalid UTF-8 in string', update([rootItem(INFO.string, buf([0xc3, 0x28]))]), /invalid UTF-8/),
    reject('malformed', 'invalid UTF-8 in root name', update([bytes(INFO.any, 1, buf([0xff]), 1, any(1))]), /invalid UTF-8/),
    reject('malformed', 'surrogate encoded in UTF-8', update([rootItem(INFO.string, buf([0xed, 0xa0, 0x80]))]), /invalid UTF-8/),
    reject('malformed', 'zero-length GC', update([bytes(INFO.gc, 0)]), /length 0/),
    reject('malformed', 'zero-length deleted content', update([rootItem(INFO.deleted, [0])]), /length 0/),
    reject('malformed', 'empty string content', update([rootItem(INFO.string, [0])]), /length 0/),
    reject('malformed', 'empty any content', update([rootItem(INFO.any, [0])]), /no elements/),
    reject('malformed', 'zero-length delete', update([ok], { deleteSet: bytes(1, 1, 1, 0, 0) }), /length 0/),
    reject('malformed', 'origin pointing at itself', update([bytes(INFO.any | ORIGIN, 1, 0, 1, any(1))]), /origin 1:0 is not before/),
    reject('malformed', 'right origin in the future', update([bytes(INFO.any | RIGHT_ORIGIN, 1, 9, 1, any(1))]), /right origin 1:9 is not before/),
    reject('malformed', 'parent is itself', update([bytes(INFO.any, 0, 1, 0, 1, any(1))]), /parent 1:0 is not before/),
    reject('malformed', 'embed not JSON', update([rootItem(INFO.embed, str('{nope'))]), /not valid JSON/),
    reject('malformed', 'embed is undefined', update([rootItem(INFO.embed, str('undefined'))]), /not valid JSON/),
    reject('malformed', 'subdoc options not an object', update([rootItem(INFO.doc, [...str('guid'), ...any(null)])]), /not an object/),
  ];
  // Every info byte whose content ref is not a Yjs one, with each combination of flag bits.
  for (let ref = 11; ref < 32; ref++) {
    for (const flags of [0, ORIGIN, RIGHT_ORIGIN, PARENT_SUB]) {
      cases.push(reject('unknown', `content ref ${ref} flags ${flags}`, update([bytes(ref | flags, 1, ...str('a'), 1, ...any(1))]), /unknown content ref/));
    }
  }
  return cases;
}
