import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendBlocks, bodyOf, measuresOf, newMeasureMap, readMeasures } from '../../shared/doc-schema.ts';
import { canonicalContent, cloneMap, cloneValue, cloneXmlNode, contentKey } from '../../server/domain/yjs-clone.ts';

/** A body with what the editor writes: attributes of several types, marks (some with values), nesting, breaks. */
function richDoc(): Y.Doc {
  const doc = new Y.Doc();
  appendBlocks(doc, [
    { type: 'heading', level: 2, text: 'Contexte' },
    { type: 'paragraph', text: 'النص العربي', dir: 'rtl' },
    { type: 'bulletList', items: ['Premier point', 'Second point'] },
  ]);
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text, new Y.XmlElement('hardBreak'), new Y.XmlText('après la ligne\n')]);
  paragraph.setAttribute('textAlign', 'center');
  paragraph.setAttribute('data', { nested: [1, 'deux'] } as unknown as string);
  bodyOf(doc).push([paragraph]);
  text.insert(0, 'Gras, ', { bold: true });
  text.insert(6, 'lien', { link: { href: 'https://mre.gov.ma', target: '_blank' } });
  text.insert(10, ' puis simple.', {});
  measuresOf(doc).push([
    newMeasureMap({ id: 'm1', title: 'Mutuelle', status: 'in_progress', progress: 40, partnerOrganisationIds: ['a', 'b'], budget: 1200 }),
    newMeasureMap({ id: 'm2', title: 'Guichet', due: '2027-01-31' }),
  ]);
  const nested = measuresOf(doc).get(1);
  nested.set('notes', new Y.Text('à suivre'));
  nested.set('tags', Y.Array.from(['a', new Y.Map([['k', 1]])]));
  return doc;
}

/** Copies the source's body and measures into a fresh Y.Doc, through an update (as clients receive it). */
function copyInto(source: Y.Doc, options: { throughUpdate?: boolean } = {}): Y.Doc {
  const target = new Y.Doc();
  target.transact(() => {
    bodyOf(target).insert(0, bodyOf(source).toArray().map(cloneXmlNode));
    measuresOf(target).insert(0, measuresOf(source).toArray().map(cloneMap));
  });
  if (options.throughUpdate === false) return target;
  const received = new Y.Doc();
  Y.applyUpdate(received, Y.encodeStateAsUpdate(target));
  return received;
}

describe('deep clone of Yjs content into another document', () => {
  it('keeps elements, attributes (with their types) and formatted text', () => {
    const source = richDoc();
    const copy = copyInto(source);
    expect(bodyOf(copy).toString()).toBe(bodyOf(source).toString());
    expect(canonicalContent(bodyOf(copy))).toEqual(canonicalContent(bodyOf(source)));
    const heading = bodyOf(copy).get(0) as Y.XmlElement;
    expect(heading.getAttribute('level')).toBe(2);
    const paragraph = bodyOf(copy).get(3) as Y.XmlElement;
    expect(paragraph.getAttribute('data')).toEqual({ nested: [1, 'deux'] });
    expect((paragraph.get(0) as Y.XmlText).toDelta()).toEqual([
      { insert: 'Gras, ', attributes: { bold: true } },
      { insert: 'lien', attributes: { link: { href: 'https://mre.gov.ma', target: '_blank' } } },
      { insert: ' puis simple.' },
    ]);
    // Y.Text#clone would have dropped it: applyDelta removes a final newline.
    expect((paragraph.get(2) as Y.XmlText).toString()).toBe('après la ligne\n');
  });

  it('keeps measures with plain arrays and nested types', () => {
    const source = richDoc();
    const copy = copyInto(source);
    expect(readMeasures(copy)).toEqual(readMeasures(source));
    expect(measuresOf(copy).toJSON()).toEqual(measuresOf(source).toJSON());
    expect(canonicalContent(measuresOf(copy))).toEqual(canonicalContent(measuresOf(source)));
    expect(measuresOf(copy).get(1).get('notes')).toBeInstanceOf(Y.Text);
  });

  it('shares nothing with the source', () => {
    const source = richDoc();
    const copy = copyInto(source, { throughUpdate: false });
    ((bodyOf(source).get(3) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'changé ');
    (measuresOf(source).get(0).get('partnerOrganisationIds') as string[]).push('muté');
    expect(bodyOf(copy).toString()).not.toBe(bodyOf(source).toString());
    expect(readMeasures(copy)[0]!.partnerOrganisationIds).toEqual(['a', 'b']);
  });

  it('copies embeds inside text, and an unattached type can be cloned too', () => {
    const text = new Y.Text();
    new Y.Doc().getMap('root').set('t', text);
    text.insert(0, 'avant ');
    text.insertEmbed(6, { image: 'logo.png' }, { width: 20 });
    text.insert(7, ' après', {});
    const copy = new Y.Doc();
    copy.getMap('root').set('t', cloneValue(text));
    expect(contentKey(copy.getMap('root').get('t'))).toBe(contentKey(text));
  });

  it('tells different content apart', () => {
    const a = richDoc();
    const b = richDoc();
    expect(contentKey(bodyOf(a))).toBe(contentKey(bodyOf(b)));
    ((bodyOf(b).get(3) as Y.XmlElement).get(0) as Y.XmlText).format(0, 4, { bold: null, italic: true });
    expect(contentKey(bodyOf(a))).not.toBe(contentKey(bodyOf(b)));
    (bodyOf(b).get(0) as Y.XmlElement).setAttribute('level', '2');
    expect(contentKey(bodyOf(a).get(0))).not.toBe(contentKey(bodyOf(b).get(0)));
  });
});
