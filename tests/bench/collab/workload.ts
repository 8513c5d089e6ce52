import fs from 'node:fs';
import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { appendBlocks, appendMeasures, bodyOf, MEASURE_STATUSES, measuresOf, metaOf, type BlockSpec } from '../../../shared/doc-schema.ts';
import { templateUpdate } from '../../../shared/templates.ts';
import { now } from './protocol.ts';

/** The edits every server receives: seeded per client index, so all servers see the same load. */

const LETTERS = 'abcdefghijklmnopqrstuvwxyz éèàç,.خطةالصحةمغاربة';
const SEED_BLOCKS: BlockSpec[] = [
  { type: 'heading', level: 2, text: 'Plan d’action sectoriel — santé des Marocains résidant à l’étranger' },
  ...Array.from(
    { length: 10 },
    (_, i): BlockSpec =>
      i % 3 === 2
        ? { type: 'paragraph', text: `الإجراء ${i}: تعزيز الولوج إلى الخدمات الصحية لفائدة مغاربة العالم`, dir: 'rtl' }
        : { type: 'paragraph', text: `Mesure ${i} : renforcer l’accès aux soins des Marocains du monde lors de leurs séjours.` },
  ),
];

export const STAMP_PREFIX = 'bench:';
/**
 * sent at (cross-process ms clock), sequence number, client id, and the gaps in whole ms between
 * the sends of this client's previous edits, newest first. A receiver that gets several edits of
 * one client in one merged update finds only the last stamp in the map: `d` tells it when the
 * ones it skipped were sent, so they are measured too instead of counting as never delivered.
 */
export type Stamp = { t: number; s: number; c: number; d: number[] };
export const STAMP_HISTORY = 6;

/**
 * The edits a stamp found in the map stands for, as [sequence, sent at]: itself, and those of the
 * same client after `previousSeq` (the last one this receiver saw) that came merged with it.
 */
export function editsOfStamp(stamp: Stamp, previousSeq: number | undefined): Array<[number, number]> {
  const edits: Array<[number, number]> = [[stamp.s, stamp.t]];
  if (previousSeq === undefined) return edits;
  let sentAt = stamp.t;
  for (let k = 1; k < stamp.s - previousSeq && k <= stamp.d.length; k++) {
    sentAt -= stamp.d[k - 1]!;
    edits.push([stamp.s - k, sentAt]);
  }
  return edits;
}

/**
 * Calls `tick` every `intervalMs` from `firstAt` (performance.now() time) on a fixed schedule: a
 * late call does not push the next ones back, as setInterval's do (Node reschedules an interval
 * from when its callback ran). On a loaded machine the stock and protocol-level client processes
 * are late by different amounts; with this both still offer the server the rate asked.
 */
export function steadyTicks(firstAt: number, intervalMs: number, tick: () => void): { stop(): void } {
  let next = firstAt;
  let timer: NodeJS.Timeout;
  const run = () => {
    tick();
    next += intervalMs;
    // Far behind (the process stalled): skip the missed beats rather than send them in a burst.
    const at = performance.now();
    if (next < at - intervalMs) next += Math.floor((at - next) / intervalMs) * intervalMs;
    timer = setTimeout(run, Math.max(0, next - at));
  };
  timer = setTimeout(run, Math.max(0, next - performance.now()));
  return { stop: () => clearTimeout(timer) };
}

/** The same small document on every server (~1.5 KB): a heading, ten paragraphs, five measures. */
export function seedDocument(doc: Y.Doc, withTemplate: boolean): void {
  // Tansiq writes its "note" template when a document is created; the peers get the same bytes here.
  if (withTemplate) Y.applyUpdate(doc, templateUpdate('note'));
  doc.transact(() => {
    appendBlocks(doc, SEED_BLOCKS);
    // Rows with their order keys, as the web client writes them: unkeyed rows would make Tansiq
    // key them on each document's first load (5.6 % of a restart herd's CPU), a cost no real plan pays.
    appendMeasures(
      doc,
      Array.from({ length: 5 }, (_, i) => ({ id: `m${i}`, title: `Mesure ${i}`, due: '2026-12-31', budget: 100_000 * (i + 1) })),
    );
  });
}

export function textNodes(doc: Y.Doc): Y.XmlText[] {
  const found: Y.XmlText[] = [];
  for (const block of bodyOf(doc).toArray()) {
    if (block instanceof Y.XmlElement) for (const child of block.toArray()) if (child instanceof Y.XmlText) found.push(child);
  }
  return found;
}

/**
 * One person typing: inserts at a cursor in "their" paragraph, backspaces, now and then jumps,
 * and edits a measure. Each edit carries a stamp in the meta map, set in the same transaction.
 */
export class Typist {
  private readonly gen: prng.PRNG;
  private cursor = -1;
  private lastSentAt: number | null = null;
  private gaps: number[] = [];
  seq = 0;

  constructor(
    readonly id: number,
    readonly doc: Y.Doc,
  ) {
    this.gen = prng.create(id * 7919 + 17);
  }

  /**
   * One edit and its stamp, in one transaction. `at` is the send time; the protocol-level load
   * clients pre-encode edits with a placeholder here and write the real time into the bytes when
   * they send (wire/edits.ts), and pass the gaps they will keep to, so the bytes match.
   */
  edit(at: number = now(), gaps?: number[]): void {
    const gen = this.gen;
    this.doc.transact(() => {
      const roll = prng.real53(gen);
      if (roll < 0.1) this.editMeasure();
      else this.editText(roll < 0.25);
      if (gaps) this.gaps = gaps;
      else if (this.lastSentAt !== null) this.gaps = [Math.round(at - this.lastSentAt), ...this.gaps].slice(0, STAMP_HISTORY);
      this.lastSentAt = at;
      metaOf(this.doc).set(`${STAMP_PREFIX}${this.id}`, { t: at, s: ++this.seq, c: this.id, d: this.gaps } satisfies Stamp);
    });
  }

  private editText(backspace: boolean): void {
    const texts = textNodes(this.doc);
    if (texts.length === 0) return appendBlocks(this.doc, [{ type: 'paragraph', text: 'x' }]);
    const text = texts[this.id % texts.length]!;
    if (this.cursor < 0 || this.cursor > text.length || prng.real53(this.gen) < 0.02) this.cursor = prng.int32(this.gen, 0, text.length);
    if (backspace && this.cursor > 0) {
      text.delete(this.cursor - 1, 1);
      this.cursor--;
    } else {
      text.insert(this.cursor, prng.oneOf(this.gen, [...LETTERS]));
      this.cursor++;
    }
  }

  private editMeasure(): void {
    const measures = measuresOf(this.doc);
    if (measures.length === 0) return;
    const measure = measures.get(prng.int32(this.gen, 0, measures.length - 1));
    if (!(measure instanceof Y.Map)) return;
    if (prng.bool(this.gen)) measure.set('progress', prng.int32(this.gen, 0, 100));
    else measure.set('status', prng.oneOf(this.gen, [...MEASURE_STATUSES]));
  }
}

export interface History {
  file: string;
  updates: number;
  batches: number;
  bytes: number;
  /** Y.encodeStateAsUpdate of the final document and its body text length */
  encodedBytes: number;
  textLength: number;
}

/**
 * A long-lived document: `updates` single edits of one author who writes paragraph after
 * paragraph, backspaces, jumps back to revise, and edits measures. Written as batches of merged
 * updates (varuint length + bytes) so they can be fed through any server's protocol quickly.
 */
export function buildHistory(file: string, updates: number, perBatch: number): History {
  const doc = new Y.Doc();
  const gen = prng.create(424242);
  const pending: Uint8Array[] = [];
  const out = encoding.createEncoder();
  let batches = 0;
  const flush = () => {
    if (pending.length === 0) return;
    encoding.writeVarUint8Array(out, Y.mergeUpdates(pending));
    pending.length = 0;
    batches++;
  };
  doc.on('update', (update: Uint8Array) => {
    pending.push(update);
    if (pending.length >= perBatch) flush();
  });
  seedDocument(doc, false);
  const texts = textNodes(doc);
  let cursor = 0;
  let current = texts.at(-1)!;
  for (let i = 1; i < updates; i++) {
    const roll = prng.real53(gen);
    doc.transact(() => {
      if (roll < 0.03) {
        const measure = measuresOf(doc).get(prng.int32(gen, 0, 4));
        measure.set('progress', prng.int32(gen, 0, 100));
      } else if (roll < 0.033 || current.length > 600) {
        const paragraph = new Y.XmlElement('paragraph');
        current = new Y.XmlText();
        paragraph.insert(0, [current]);
        bodyOf(doc).push([paragraph]);
        texts.push(current);
        cursor = 0;
      } else if (roll < 0.045) {
        current = texts[prng.int32(gen, 0, texts.length - 1)]!;
        cursor = prng.int32(gen, 0, current.length);
      } else if (roll < 0.17 && cursor > 0) {
        current.delete(--cursor, 1);
      } else {
        current.insert(cursor++, prng.oneOf(gen, [...LETTERS]));
      }
    });
  }
  flush();
  const bytes = encoding.toUint8Array(out);
  fs.writeFileSync(file, bytes);
  const result = { file, updates, batches, bytes: bytes.byteLength, encodedBytes: Y.encodeStateAsUpdate(doc).byteLength, textLength: bodyLength(doc) };
  doc.destroy();
  return result;
}

export function bodyLength(doc: Y.Doc): number {
  return textNodes(doc).reduce((sum, text) => sum + text.length, 0);
}
