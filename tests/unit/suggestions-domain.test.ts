import { toBase64 } from 'lib0/buffer';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyOf, bodyText, metaOf } from '../../shared/doc-schema.ts';
import { applySuggestion, checkSuggestion, coveredText, type SuggestionOp } from '../../server/domain/suggestions.ts';
import { suggestionPolicy } from '../../server/policies/suggestion.ts';

function documentWith(...paragraphs: string[]): { doc: Y.Doc; texts: Y.XmlText[]; empty: Y.XmlElement } {
  const doc = new Y.Doc();
  const texts: Y.XmlText[] = [];
  const elements = paragraphs.map((text) => {
    const element = new Y.XmlElement('paragraph');
    const node = new Y.XmlText(text);
    texts.push(node);
    element.insert(0, [node]);
    return element;
  });
  const empty = new Y.XmlElement('paragraph');
  bodyOf(doc).insert(0, [...elements, empty]);
  return { doc, texts, empty };
}

const at = (type: Y.AbstractType<any>, index: number) => toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(type, index, -1)));
const op = (start: string, end: string, text = '', mark: SuggestionOp['mark'] = null): SuggestionOp => ({ start, end, text, mark });

describe('suggestions over a Y.Doc', () => {
  it('replaces, deletes and inserts inside one text node', () => {
    const { doc, texts } = documentWith('Trois régions du nord');
    const [node] = texts as [Y.XmlText];
    const replace = op(at(node, 0), at(node, 5), 'Quatre');
    expect(checkSuggestion(doc, replace)).toBeNull();
    expect(coveredText(doc, replace)).toBe('Trois');
    expect(applySuggestion(doc, replace)).toBeNull();
    expect(node.toString()).toBe('Quatre régions du nord');
    expect(applySuggestion(doc, op(at(node, 14), at(node, 22)))).toBeNull();
    expect(node.toString()).toBe('Quatre régions');
    expect(applySuggestion(doc, op(at(node, 14), at(node, 14), ' côtières'))).toBeNull();
    expect(node.toString()).toBe('Quatre régions côtières');
  });

  it('formats a range, and writes the first text of an empty paragraph', () => {
    const { doc, texts, empty } = documentWith('Mot important');
    const [node] = texts as [Y.XmlText];
    expect(applySuggestion(doc, op(at(node, 4), at(node, 13), '', { name: 'bold', on: true }))).toBeNull();
    expect(node.toDelta()).toEqual([{ insert: 'Mot ' }, { insert: 'important', attributes: { bold: {} } }]);
    const inEmpty = toBase64(Y.encodeRelativePosition(new Y.RelativePosition(empty._item!.id, null, null)));
    expect(applySuggestion(doc, op(inEmpty, inEmpty, 'Nouveau'))).toBeNull();
    expect(bodyText(doc)).toContain('Nouveau');
  });

  it('refuses what is not a change of one run of text of the body', () => {
    const { doc, texts } = documentWith('Premier', 'Second');
    const [first, second] = texts as [Y.XmlText, Y.XmlText];
    metaOf(doc).set('title', 'x');
    const meta = new Y.Doc().getText('elsewhere');
    meta.insert(0, 'abc');
    expect(checkSuggestion(doc, op(at(first, 2), at(second, 2), 'x'))).toBe('not_one_text');
    expect(checkSuggestion(doc, op(at(first, 3), at(first, 1)))).toBe('malformed');
    expect(checkSuggestion(doc, op(at(first, 1), at(first, 1)))).toBe('empty');
    expect(checkSuggestion(doc, op(at(first, 1), at(first, 1), 'a\nb'))).toBe('bad_text');
    expect(checkSuggestion(doc, op(at(first, 1), at(first, 3), 'x', { name: 'bold', on: true }))).toBe('malformed');
    expect(checkSuggestion(doc, op('not base64!', 'not base64!', 'x'))).toBe('malformed');
    // A position in another type: resolving it in this document finds nothing of the body.
    expect(checkSuggestion(doc, op(at(meta, 1), at(meta, 1), 'x'))).toBe('outside');
    // The body itself (between paragraphs) is structure, not text.
    expect(checkSuggestion(doc, op(at(bodyOf(doc), 1), at(bodyOf(doc), 1), 'x'))).toBe('not_one_text');
  });

  it('reports a suggestion whose text was deleted, and writes nothing', () => {
    const { doc, texts } = documentWith('Phrase à retirer');
    const [node] = texts as [Y.XmlText];
    const deletion = op(at(node, 0), at(node, 7));
    node.delete(0, node.length);
    expect(applySuggestion(doc, deletion)).toBe('empty');
    bodyOf(doc).delete(0, 1);
    expect(applySuggestion(doc, op(at(node, 0), at(node, 0), 'x'))).toBe('outside');
    expect(bodyText(doc)).not.toContain('x');
  });
});

describe('suggestion policy', () => {
  const actor = { userId: 'u1', organisationId: 'o1', role: 'member' as const };
  it('suggest needs comment, decide needs edit, withdraw is the author’s (or an editor’s)', () => {
    expect(suggestionPolicy.decide(actor, 'suggest', { level: 'comment' }).allowed).toBe(true);
    expect(suggestionPolicy.decide(actor, 'suggest', { level: 'view' }).allowed).toBe(false);
    expect(suggestionPolicy.decide(actor, 'decide', { level: 'comment' }).allowed).toBe(false);
    expect(suggestionPolicy.decide(actor, 'decide', { level: 'edit' }).allowed).toBe(true);
    expect(suggestionPolicy.decide(actor, 'withdraw', { level: 'comment', authorId: 'u1' }).allowed).toBe(true);
    expect(suggestionPolicy.decide(actor, 'withdraw', { level: 'comment', authorId: 'u2' }).allowed).toBe(false);
    expect(suggestionPolicy.decide(actor, 'view', { level: null })).toMatchObject({ allowed: false, hidden: true });
  });
});
