import { toBase64 } from 'lib0/buffer';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CommentAnchorText } from '../../db/schema.ts';
import { anchorState, checkAnchor, decodePosition, MAX_ANCHOR_TEXT } from '../../server/domain/comment-anchors.ts';
import { MAX_POSITION_CHARS } from '../../shared/api/comments.ts';
import { appendBlocks, bodyOf, measuresOf, newMeasureMap } from '../../shared/doc-schema.ts';

const encode = (type: Y.AbstractType<any>, index: number) => toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(type, index)));

/** The n-th paragraph's text node, as Tiptap lays it out. */
const paragraphText = (doc: Y.Doc, n: number) => (bodyOf(doc).get(n) as Y.XmlElement).get(0) as Y.XmlText;

function anchorOn(doc: Y.Doc, paragraph: number, quote: string): CommentAnchorText {
  const text = paragraphText(doc, paragraph);
  const from = text.toString().indexOf(quote);
  if (from < 0) throw new Error(`"${quote}" not in paragraph ${paragraph}`);
  return { type: 'text', start: encode(text, from), end: encode(text, from + quote.length), quote };
}

function sampleDoc(): Y.Doc {
  const doc = new Y.Doc();
  appendBlocks(doc, [
    { type: 'heading', level: 1, text: 'Plan santé' },
    { type: 'paragraph', text: 'Couverture médicale des MRE pendant l’été.' },
    { type: 'paragraph', text: 'تعزيز الولوج إلى العلاجات', dir: 'rtl' },
  ]);
  measuresOf(doc).push([newMeasureMap({ id: 'm1', title: 'Guichet unique' })]);
  return doc;
}

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

describe('text anchors', () => {
  it('are accepted when they cover text of the body, and resolve to that text', () => {
    const doc = sampleDoc();
    const anchor = anchorOn(doc, 1, 'médicale des MRE');
    expect(checkAnchor(doc, anchor)).toBeNull();
    expect(anchorState(doc, anchor)).toEqual({ status: 'attached', text: 'médicale des MRE' });
    const arabic = anchorOn(doc, 2, 'الولوج');
    expect(anchorState(doc, arabic)).toEqual({ status: 'attached', text: 'الولوج' });
  });

  it('follow concurrent inserts made before them on two replicas', () => {
    const a = sampleDoc();
    const b = new Y.Doc();
    sync(a, b);
    const anchor = anchorOn(a, 1, 'des MRE');
    // Both replicas insert before the range at the same time, then exchange updates.
    paragraphText(a, 1).insert(0, 'Objectif : ');
    paragraphText(b, 1).insert(10, ' gratuite');
    bodyOf(b).insert(0, [new Y.XmlElement('paragraph')]);
    sync(a, b);
    expect(paragraphText(a, 2).toString()).toBe(paragraphText(b, 2).toString());
    for (const doc of [a, b]) expect(anchorState(doc, anchor)).toEqual({ status: 'attached', text: 'des MRE' });
  });

  it('grow with text typed inside the range and shrink with text deleted from it', () => {
    const doc = sampleDoc();
    const anchor = anchorOn(doc, 1, 'médicale des MRE');
    const text = paragraphText(doc, 1);
    text.insert(text.toString().indexOf('des'), 'gratuite ');
    expect(anchorState(doc, anchor).text).toBe('médicale gratuite des MRE');
    text.delete(text.toString().indexOf('médicale'), 'médicale '.length);
    expect(anchorState(doc, anchor)).toEqual({ status: 'attached', text: 'gratuite des MRE' });
    text.insert(text.toString().indexOf('des'), 'x'.repeat(MAX_ANCHOR_TEXT * 2));
    expect(anchorState(doc, anchor).text).toHaveLength(MAX_ANCHOR_TEXT);
  });

  it('become detached when their text is deleted, or their paragraph removed', () => {
    const doc = sampleDoc();
    const anchor = anchorOn(doc, 1, 'des MRE');
    const text = paragraphText(doc, 1);
    text.delete(text.toString().indexOf('des MRE'), 'des MRE'.length);
    expect(anchorState(doc, anchor)).toEqual({ status: 'detached', text: null });
    // Retyping the same words elsewhere does not bring the thread back: it was about the old text.
    text.insert(0, 'des MRE ');
    expect(anchorState(doc, anchor).status).toBe('detached');

    const other = anchorOn(doc, 2, 'الولوج');
    bodyOf(doc).delete(2, 1);
    expect(anchorState(doc, other).status).toBe('detached');
  });

  it('stay detached after the document is stored and reloaded (deleted items garbage-collected)', () => {
    const doc = sampleDoc();
    const anchor = anchorOn(doc, 2, 'الولوج');
    bodyOf(doc).delete(2, 1);
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(doc));
    expect(anchorState(reloaded, anchor).status).toBe('detached');
    expect(anchorState(reloaded, anchorOn(reloaded, 1, 'MRE')).status).toBe('attached');
  });

  it('may span paragraphs', () => {
    const doc = sampleDoc();
    const first = paragraphText(doc, 1);
    const second = paragraphText(doc, 2);
    const anchor: CommentAnchorText = { type: 'text', start: encode(first, first.length - 'l’été.'.length), end: encode(second, 'تعزيز'.length), quote: '' };
    expect(anchorState(doc, anchor)).toEqual({ status: 'attached', text: 'l’été.\nتعزيز' });
  });
});

describe('anchors refused', () => {
  const doc = sampleDoc();
  const good = anchorOn(doc, 1, 'MRE');

  it.each([
    ['not base64', '***'],
    ['empty', ''],
    ['truncated', good.start.slice(0, 4)],
    ['huge', 'A'.repeat(MAX_POSITION_CHARS + 4)],
    ['an unknown kind tag', toBase64(Uint8Array.of(7, 1, 2))],
  ])('%s', (_label, start) => {
    expect(checkAnchor(doc, { ...good, start })).toBe('malformed');
  });

  it('positions of another document, of the measures, of an attribute, or a foreign root type', () => {
    const stranger = sampleDoc();
    expect(checkAnchor(doc, { ...good, start: anchorOn(stranger, 1, 'MRE').start })).toBe('outside');
    const measure = measuresOf(doc).get(0);
    expect(checkAnchor(doc, { ...good, start: encode(measuresOf(doc), 0) })).toBe('outside');
    expect(checkAnchor(doc, { ...good, start: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(measure, 0))) })).toBe('outside');
    const heading = bodyOf(doc).get(0) as Y.XmlElement;
    const attribute = Y.createRelativePositionFromJSON({ item: { client: doc.clientID, clock: findAttributeClock(heading) } });
    expect(checkAnchor(doc, { ...good, start: toBase64(Y.encodeRelativePosition(attribute)) })).toBe('outside');
    const foreign = toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromJSON({ tname: 'secrets' })));
    expect(checkAnchor(doc, { ...good, start: foreign })).toBe('outside');
    expect(doc.share.has('secrets')).toBe(false);
  });

  it('ranges that select nothing, and measures that do not exist', () => {
    expect(checkAnchor(doc, { ...good, end: good.start })).toBe('empty');
    expect(checkAnchor(doc, { ...good, start: good.end, end: good.start })).toBe('empty');
    expect(checkAnchor(doc, { type: 'measure', measureId: 'm1' })).toBeNull();
    expect(checkAnchor(doc, { type: 'measure', measureId: 'nope' })).toBe('unknown_measure');
  });

  it('decodePosition is total over arbitrary strings', () => {
    for (let i = 0; i < 500; i++) {
      const bytes = Uint8Array.from({ length: 1 + (i % 40) }, (_, j) => (i * 31 + j * 17) % 256);
      expect(() => decodePosition(toBase64(bytes))).not.toThrow();
    }
  });
});

function findAttributeClock(element: Y.XmlElement): number {
  const item = element._map.get('level');
  if (!item) throw new Error('no attribute');
  return item.id.clock;
}
