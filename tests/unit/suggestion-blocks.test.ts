import { toBase64 } from 'lib0/buffer';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendBlocks, bodyOf, metaOf, readMeasures } from '../../shared/doc-schema.ts';
import { readRichText } from '../../shared/rich-text.ts';
import { applySuggestion, checkSuggestion, coveredText, type SuggestionOp } from '../../server/domain/suggestions.ts';

/** A body: heading, two paragraphs, a bullet list of two items, a table-like foreign block. */
function sample(): Y.Doc {
  const doc = new Y.Doc();
  appendBlocks(doc, [
    { type: 'heading', level: 1, text: 'Plan santé' },
    { type: 'paragraph', text: 'Premier paragraphe.' },
    { type: 'paragraph', text: 'Second paragraphe.' },
    { type: 'bulletList', items: ['Un', 'Deux'] },
  ]);
  const table = new Y.XmlElement('table');
  bodyOf(doc).insert(bodyOf(doc).length, [table]);
  return doc;
}

/** A reference to the block at `index` of `parent` (what the client sends). */
const ref = (parent: Y.XmlElement | Y.XmlFragment, index: number) => toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(parent, index)));
const textAt = (text: Y.XmlText, index: number) => toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index, -1)));
const block = (doc: Y.Doc, index: number) => bodyOf(doc).get(index) as Y.XmlElement;
const firstText = (element: Y.XmlElement) => element.get(0) as Y.XmlText;
const op = (kind: SuggestionOp['kind'], start: string, extra: Partial<SuggestionOp> = {}): SuggestionOp => ({
  kind,
  start,
  end: start,
  text: '',
  mark: null,
  block: null,
  ...extra,
});
const shape = (doc: Y.Doc) =>
  readRichText(bodyOf(doc)).map((entry) =>
    entry.type === 'list'
      ? `${entry.ordered ? 'ol' : 'ul'}[${entry.items.map((blocks) => blocks.map((b) => ('content' in b ? b.content.map((c) => c.text).join('') : b.type)).join('|')).join(', ')}]`
      : 'content' in entry
        ? `${entry.type === 'heading' ? `h${entry.level}` : 'p'}:${entry.content.map((c) => c.text).join('')}`
        : entry.type,
  );

describe('structural suggestions over a Y.Doc', () => {
  it('inserts a paragraph or heading beside a block of the body, and a list item beside an item', () => {
    const doc = sample();
    expect(applySuggestion(doc, op('insert_block', ref(bodyOf(doc), 1), { text: 'Nouveau', block: { type: 'paragraph', side: 'after' } }))).toBeNull();
    expect(applySuggestion(doc, op('insert_block', ref(bodyOf(doc), 1), { text: 'Contexte', block: { type: 'heading', level: 2, side: 'before' } }))).toBeNull();
    const list = block(doc, 5);
    expect(applySuggestion(doc, op('insert_block', ref(list, 0), { text: 'Un et demi', block: { type: 'list_item', side: 'after' } }))).toBeNull();
    expect(shape(doc)).toEqual(['h1:Plan santé', 'h2:Contexte', 'p:Premier paragraphe.', 'p:Nouveau', 'p:Second paragraphe.', 'ul[Un, Un et demi, Deux]', 'table']);
  });

  it('splits a paragraph at a place in its text, keeping formatting, and a list item into two items', () => {
    const doc = sample();
    const text = firstText(block(doc, 1));
    text.format(0, 7, { bold: {} });
    expect(applySuggestion(doc, op('split', textAt(text, 3)))).toBeNull();
    expect(shape(doc).slice(1, 3)).toEqual(['p:Pre', 'p:mier paragraphe.']);
    expect((firstText(block(doc, 2)).toDelta() as Array<{ insert: string; attributes?: object }>)[0]).toEqual({ insert: 'mier', attributes: { bold: {} } });
    const deux = firstText((block(doc, 4).get(1) as Y.XmlElement).get(0) as Y.XmlElement);
    expect(applySuggestion(doc, op('split', textAt(deux, 2)))).toBeNull();
    expect(shape(doc)[4]).toBe('ul[Un, De, ux]');
  });

  it('joins two neighbouring paragraphs (formatting does not run on) and two neighbouring list items', () => {
    const doc = sample();
    firstText(block(doc, 1)).format(0, 7, { italic: {} });
    firstText(block(doc, 1)).format(7, 12, { bold: {} });
    const join = op('join', ref(bodyOf(doc), 1), { end: ref(bodyOf(doc), 2) });
    expect(coveredText(doc, join)).toBe('Premier paragraphe. ¶ Second paragraphe.');
    expect(applySuggestion(doc, join)).toBeNull();
    expect(shape(doc)[1]).toBe('p:Premier paragraphe.Second paragraphe.');
    const delta = firstText(block(doc, 1)).toDelta() as Array<{ insert: string; attributes?: object }>;
    expect(delta.at(-1)).toEqual({ insert: 'Second paragraphe.' });
    const list = block(doc, 2);
    expect(applySuggestion(doc, op('join', ref(list, 0), { end: ref(list, 1) }))).toBeNull();
    expect(shape(doc)[2]).toBe('ul[UnDeux]');
  });

  it('deletes a whole paragraph, a list item, and the list with its last item', () => {
    const doc = sample();
    expect(coveredText(doc, op('delete_block', ref(bodyOf(doc), 2)))).toBe('Second paragraphe.');
    expect(applySuggestion(doc, op('delete_block', ref(bodyOf(doc), 2)))).toBeNull();
    const list = block(doc, 2);
    expect(applySuggestion(doc, op('delete_block', ref(list, 0)))).toBeNull();
    expect(shape(doc)).toEqual(['h1:Plan santé', 'p:Premier paragraphe.', 'ul[Deux]', 'table']);
    expect(applySuggestion(doc, op('delete_block', ref(list, 0)))).toBeNull();
    expect(shape(doc)).toEqual(['h1:Plan santé', 'p:Premier paragraphe.', 'table']);
  });

  it('turns a paragraph into a heading or a list item (joining a list of the same kind next to it) and back', () => {
    const doc = sample();
    expect(applySuggestion(doc, op('set_block', ref(bodyOf(doc), 1), { block: { type: 'heading', level: 2 } }))).toBeNull();
    expect(applySuggestion(doc, op('set_block', ref(bodyOf(doc), 2), { block: { type: 'bullet_item' } }))).toBeNull();
    expect(shape(doc)).toEqual(['h1:Plan santé', 'h2:Premier paragraphe.', 'ul[Second paragraphe., Un, Deux]', 'table']);
    expect(applySuggestion(doc, op('set_block', ref(bodyOf(doc), 0), { block: { type: 'paragraph' } }))).toBeNull();
    expect(applySuggestion(doc, op('set_block', ref(bodyOf(doc), 0), { block: { type: 'ordered_item' } }))).toBeNull();
    expect(shape(doc)).toEqual(['ol[Plan santé]', 'h2:Premier paragraphe.', 'ul[Second paragraphe., Un, Deux]', 'table']);
  });

  it('refuses what is not one of the allowed shapes, and stores nothing', () => {
    const doc = sample();
    const before = Y.encodeStateAsUpdate(doc);
    const body = bodyOf(doc);
    const list = block(doc, 3);
    metaOf(doc).set('kind', 'action_plan');
    const cases: Array<[SuggestionOp, string]> = [
      // a table, a list, the metadata map or a measure are no targets
      [op('delete_block', ref(body, 4)), 'not_a_block'],
      [op('delete_block', ref(body, 3)), 'not_a_block'],
      [op('set_block', ref(body, 3), { block: { type: 'heading', level: 1 } }), 'not_a_block'],
      [op('set_block', ref(list, 0), { block: { type: 'heading', level: 1 } }), 'not_a_block'],
      [op('delete_block', toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(metaOf(doc), 0)))), 'malformed'],
      // a place in a text is no block
      [op('delete_block', textAt(firstText(block(doc, 1)), 3)), 'outside'],
      // a list item's own paragraph is deleted through its item
      [op('delete_block', ref(list.get(0) as Y.XmlElement, 0)), 'not_a_block'],
      // a list item only beside a list item; a paragraph only in the body
      [op('insert_block', ref(body, 1), { text: 'x', block: { type: 'list_item', side: 'after' } }), 'not_a_block'],
      [op('insert_block', ref(list, 0), { text: 'x', block: { type: 'paragraph', side: 'after' } }), 'not_a_block'],
      // joins: neighbours of one container only
      [op('join', ref(body, 1), { end: ref(body, 3) }), 'not_adjacent'],
      [op('join', ref(body, 2), { end: ref(body, 3) }), 'not_a_block'],
      [op('join', ref(body, 2), { end: ref(list, 0) }), 'not_adjacent'],
      // malformed details
      [op('insert_block', ref(body, 1), { text: 'x', block: { type: 'heading', level: 7, side: 'after' } }), 'malformed'],
      [op('insert_block', ref(body, 1), { text: 'a\nb', block: { type: 'paragraph', side: 'after' } }), 'bad_text'],
      [op('set_block', ref(body, 1), { block: { type: 'paragraph' } }), 'empty'],
      [op('split', textAt(firstText(block(doc, 1)), 2), { text: 'x' }), 'malformed'],
      [op('delete_block', ref(body, 1), { mark: { name: 'bold', on: true } }), 'malformed'],
      [op('text', ref(body, 1), { end: ref(body, 1), text: 'x', block: { type: 'paragraph' } }), 'malformed'],
      [op('delete_block', 'AAAA'), 'outside'],
    ];
    for (const [index, [input, problem]] of cases.entries()) expect([index, checkSuggestion(doc, input)]).toEqual([index, problem]);
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, before);
    expect(shape(doc)).toEqual(shape(fresh));
    expect(readMeasures(doc)).toEqual([]);
  });

  it('never deletes the last block of the body', () => {
    const doc = new Y.Doc();
    appendBlocks(doc, [{ type: 'paragraph', text: 'Seul' }]);
    expect(checkSuggestion(doc, op('delete_block', ref(bodyOf(doc), 0)))).toBe('last_block');
  });

  it('goes stale once its block is gone: a deleted paragraph resolves to nothing', () => {
    const doc = sample();
    const reference = ref(bodyOf(doc), 2);
    bodyOf(doc).delete(2, 1);
    expect(checkSuggestion(doc, op('delete_block', reference))).toBe('outside');
    expect(checkSuggestion(doc, op('set_block', reference, { block: { type: 'heading', level: 1 } }))).toBe('outside');
  });
});
