import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { hasMissingDependencies } from '../../server/collab/update-effect.ts';
import { bodyOf, createMeasure, measuresOf, MEASURE_STATUSES, metaOf, setMeasureField } from '../../shared/doc-schema.ts';

/**
 * Random edits of a Tansiq document, in the spirit of yjs's tests/testHelper.js applyRandomTests:
 * each call picks one modification with a seeded generator, so a failing run replays exactly from
 * its seed.
 */
export type Gen = prng.PRNG;
export const createGen = (seed: number): Gen => prng.create(seed);

/** A seed from the environment (COLLAB_SEED=…) to replay a failure, else a fresh one. */
export function testSeed(): number {
  const fromEnv = Number(process.env.COLLAB_SEED);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Math.floor(Math.random() * 2 ** 31) + 1;
}

type Modification = (doc: Y.Doc, gen: Gen) => void;

const FORMATS = ['bold', 'italic', 'code'] as const;

function textNodes(doc: Y.Doc): Y.XmlText[] {
  const found: Y.XmlText[] = [];
  const walk = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) found.push(child);
      else if (child instanceof Y.XmlElement) walk(child);
    }
  };
  walk(bodyOf(doc));
  return found;
}

function randomText(gen: Gen): string {
  // Mixed scripts on purpose: the users write French and Arabic.
  return prng.bool(gen) ? prng.word(gen, 1, 8) : prng.oneOf(gen, ['خطة', 'الصحة', 'مغاربة العالم', 'é', '🙂']);
}

const insertParagraph: Modification = (doc, gen) => {
  const body = bodyOf(doc);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(randomText(gen))]);
  body.insert(prng.int32(gen, 0, body.length), [paragraph]);
};

const deleteBlock: Modification = (doc, gen) => {
  const body = bodyOf(doc);
  if (body.length > 3) body.delete(prng.int32(gen, 0, body.length - 1), 1);
};

const insertText: Modification = (doc, gen) => {
  const texts = textNodes(doc);
  if (texts.length === 0) return insertParagraph(doc, gen);
  const text = prng.oneOf(gen, texts);
  const attributes = prng.int32(gen, 0, 4) === 0 ? { [prng.oneOf(gen, [...FORMATS])]: true } : undefined;
  text.insert(boundary(text, prng.int32(gen, 0, text.length)), randomText(gen), attributes);
};

/**
 * Moves a UTF-16 index off the middle of a surrogate pair, as an editor's cursor never is: Yjs
 * turns a pair split there into two U+FFFD on one replica only (yjs issue 248).
 */
function boundary(text: Y.XmlText, index: number): number {
  const plain = text
    .toDelta()
    .map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : ' '))
    .join('');
  const code = plain.charCodeAt(index - 1);
  return code >= 0xd800 && code <= 0xdbff ? index + 1 : index;
}

/** A range [index, index + length) of whole characters, of at most `max` code units. */
function range(text: Y.XmlText, gen: Gen, max: number): [number, number] {
  const start = boundary(text, prng.int32(gen, 0, text.length - 1));
  const end = boundary(text, Math.min(text.length, start + prng.int32(gen, 1, max)));
  return [start, end - start];
}

const deleteText: Modification = (doc, gen) => {
  const texts = textNodes(doc).filter((text) => text.length > 0);
  if (texts.length === 0) return;
  const text = prng.oneOf(gen, texts);
  const [index, length] = range(text, gen, 5);
  if (length > 0) text.delete(index, length);
};

const formatText: Modification = (doc, gen) => {
  const texts = textNodes(doc).filter((text) => text.length > 0);
  if (texts.length === 0) return;
  const text = prng.oneOf(gen, texts);
  const [index, length] = range(text, gen, text.length);
  const format = prng.oneOf(gen, [...FORMATS]);
  if (length > 0) text.format(index, length, { [format]: prng.bool(gen) ? true : null });
};

let measureCounter = 0;
const addMeasure: Modification = (doc, gen) => {
  const id = `m-${doc.clientID}-${measureCounter++}`;
  createMeasure(doc, { id, title: randomText(gen), progress: prng.int32(gen, 0, 100) }, prng.int32(gen, 0, measuresOf(doc).length));
};

const updateMeasure: Modification = (doc, gen) => {
  const measures = measuresOf(doc);
  if (measures.length === 0) return addMeasure(doc, gen);
  const map = measures.get(prng.int32(gen, 0, measures.length - 1));
  doc.transact(() => {
    map.set('status', prng.oneOf(gen, [...MEASURE_STATUSES]));
    map.set('progress', prng.int32(gen, 0, 100));
    if (prng.bool(gen)) setMeasureField(map, 'title', randomText(gen));
  });
};

const deleteMeasure: Modification = (doc, gen) => {
  const measures = measuresOf(doc);
  if (measures.length > 0) measures.delete(prng.int32(gen, 0, measures.length - 1), 1);
};

const setMeta: Modification = (doc, gen) => {
  metaOf(doc).set('direction', prng.oneOf(gen, ['ltr', 'rtl']));
};

/** Weighted like real use: mostly typing, some structure, some measures. */
const MODIFICATIONS: Modification[] = [
  insertText,
  insertText,
  insertText,
  insertText,
  deleteText,
  deleteText,
  formatText,
  insertParagraph,
  deleteBlock,
  addMeasure,
  updateMeasure,
  updateMeasure,
  deleteMeasure,
  setMeta,
];

export function applyRandomEdit(doc: Y.Doc, gen: Gen): void {
  prng.oneOf(gen, MODIFICATIONS)(doc, gen);
}

/** What two replicas must agree on: every field of the schema, and the state vector. */
export function documentContent(doc: Y.Doc) {
  return {
    body: bodyOf(doc).toString(),
    measures: measuresOf(doc).toJSON(),
    meta: metaOf(doc).toJSON(),
    stateVector: Array.from(Y.decodeStateVector(Y.encodeStateVector(doc))).sort(([a], [b]) => a - b),
    pending: hasMissingDependencies(doc),
  };
}

/** Runs a seeded test body; a failure names the seed so `COLLAB_SEED=<seed>` replays it. */
export async function withSeed<T>(seed: number, body: (gen: Gen) => Promise<T>): Promise<T> {
  try {
    return await body(createGen(seed));
  } catch (error) {
    if (error instanceof Error) error.message = `${error.message}\n(seeded run: replay with COLLAB_SEED=${seed})`;
    throw error;
  }
}
