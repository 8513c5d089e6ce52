import { getSchema } from '@tiptap/core';
import type { Node as PmNode, Schema } from '@tiptap/pm/model';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import { initProseMirrorDoc, prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { anchorState, checkAnchor } from '../../../server/domain/comment-anchors.ts';
import { bodyOf } from '../../../shared/doc-schema.ts';
import { anchorFromRange, rangeFromAnchor, type YBinding } from '../../../client/src/pages/document/comments/anchors.ts';
import { BlockDirection } from '../../../client/src/pages/document/editor-extensions.ts';

const schema: Schema = getSchema([StarterKit.configure({ undoRedo: false, codeBlock: false }), TableKit, BlockDirection]);

const paragraph = (text: string) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] });

/** A Y.Doc whose body holds `content`, and what the editor's binding would see of it. */
function documentWith(content: unknown[]): Y.Doc {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content }, bodyOf(doc));
  return doc;
}

function view(doc: Y.Doc): { pm: PmNode; binding: YBinding } {
  const type = bodyOf(doc);
  const { doc: pm, mapping } = initProseMirrorDoc(type, schema);
  return { pm, binding: { doc, type, mapping } };
}

/** ProseMirror positions of `text` in the document (first occurrence). */
function find(pm: PmNode, text: string): { from: number; to: number } {
  let found: { from: number; to: number } | null = null;
  pm.descendants((node, pos) => {
    if (found || !node.isText) return !found;
    const index = node.text!.indexOf(text);
    if (index >= 0) found = { from: pos + index, to: pos + index + text.length };
    return false;
  });
  if (!found) throw new Error(`"${text}" not found`);
  return found;
}

/** Another person's edit, arriving through Yjs. */
function remoteEdit(doc: Y.Doc, edit: (body: Y.XmlFragment, other: Y.Doc) => void): void {
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  edit(bodyOf(other), other);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
}

const firstText = (body: Y.XmlFragment, index: number) => (body.get(index) as Y.XmlElement).get(0) as Y.XmlText;

describe('comment anchors from the editor', () => {
  const content = [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Contexte' }] },
    paragraph('La diaspora marocaine compte plus de cinq millions de personnes.'),
    { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph('Former des médiateurs de santé')] }] },
    paragraph('يقيم أكثر من خمسة ملايين مغربي بالخارج.'),
  ];

  it('makes an anchor the server accepts, covering exactly the selected text', () => {
    const doc = documentWith(content);
    const { pm, binding } = view(doc);
    for (const text of ['cinq millions', 'médiateurs de santé', 'خمسة ملايين', 'Contexte']) {
      const range = find(pm, text);
      const anchor = anchorFromRange(pm, binding, range.from, range.to)!;
      expect(anchor.quote).toBe(text);
      expect(checkAnchor(doc, anchor)).toBeNull();
      expect(anchorState(doc, anchor)).toEqual({ status: 'attached', text });
      expect(rangeFromAnchor(binding, anchor, pm.content.size)).toEqual(range);
    }
  });

  it('spans paragraphs', () => {
    const doc = documentWith(content);
    const { pm, binding } = view(doc);
    const from = find(pm, 'personnes').from;
    const to = find(pm, 'Former').to;
    const anchor = anchorFromRange(pm, binding, from, to)!;
    expect(anchor.quote).toBe('personnes.\nFormer');
    expect(checkAnchor(doc, anchor)).toBeNull();
    expect(rangeFromAnchor(binding, anchor, pm.content.size)).toEqual({ from, to });
  });

  it('gives nothing for an empty selection', () => {
    const { pm, binding } = view(documentWith(content));
    const at = find(pm, 'cinq').from;
    expect(anchorFromRange(pm, binding, at, at)).toBeNull();
  });

  it('follows text typed before it, in the same paragraph and in an earlier one', () => {
    const doc = documentWith(content);
    const before = view(doc);
    const anchor = anchorFromRange(before.pm, before.binding, ...(Object.values(find(before.pm, 'cinq millions')) as [number, number]))!;
    remoteEdit(doc, (body) => firstText(body, 1).insert(0, 'Selon le recensement, '));
    remoteEdit(doc, (body, other) => {
      const added = new Y.XmlElement('paragraph');
      added.insert(0, [new Y.XmlText('Un paragraphe ajouté au début.')]);
      other.transact(() => body.insert(0, [added]));
    });
    const after = view(doc);
    const range = rangeFromAnchor(after.binding, anchor, after.pm.content.size)!;
    expect(after.pm.textBetween(range.from, range.to)).toBe('cinq millions');
    expect(range).toEqual(find(after.pm, 'cinq millions'));
    expect(anchorState(doc, anchor).text).toBe('cinq millions');
  });

  it('is detached once its text is deleted, or its paragraph removed', () => {
    const doc = documentWith(content);
    const first = view(doc);
    const words = find(first.pm, 'cinq millions');
    const inText = anchorFromRange(first.pm, first.binding, words.from, words.to)!;
    const arabic = find(first.pm, 'خمسة ملايين');
    const inArabic = anchorFromRange(first.pm, first.binding, arabic.from, arabic.to)!;

    remoteEdit(doc, (body) => firstText(body, 1).delete('La diaspora marocaine compte plus de '.length, 'cinq millions'.length));
    remoteEdit(doc, (body) => body.delete(3, 1));
    const after = view(doc);
    expect(rangeFromAnchor(after.binding, inText, after.pm.content.size)).toBeNull();
    expect(rangeFromAnchor(after.binding, inArabic, after.pm.content.size)).toBeNull();
    expect(anchorState(doc, inText).status).toBe('detached');
    expect(anchorState(doc, inArabic).status).toBe('detached');
  });

  it('treats garbage as detached rather than failing', () => {
    const { pm, binding } = view(documentWith(content));
    expect(rangeFromAnchor(binding, { start: '!!', end: 'AAAA' }, pm.content.size)).toBeNull();
  });
});
