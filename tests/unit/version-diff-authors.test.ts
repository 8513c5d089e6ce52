import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyOf } from '../../shared/doc-schema.ts';
import { runsIn } from '../../server/domain/version-diff-authors.ts';
import { runDiffTask } from '../../server/workers/diff-task.ts';

/** A client of its own, editing the shared document and passing its changes on. */
function writer(clientID: number, from: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(from));
  return doc;
}
const sync = (to: Y.Doc, from: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from));

function paragraph(doc: Y.Doc, text: string): Y.XmlText {
  const p = new Y.XmlElement('paragraph');
  const t = new Y.XmlText();
  t.insert(0, text);
  p.insert(0, [t]);
  bodyOf(doc).push([p]);
  return t;
}
const firstText = (doc: Y.Doc) => (bodyOf(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;

describe('who inserted what in a version diff', () => {
  it('names the client of each inserted word and block, and the items of each deleted word', () => {
    const amina = writer(111, new Y.Doc());
    paragraph(amina, 'Couverture médicale des MRE.');
    const before = Y.encodeStateAsUpdate(amina);

    const karim = writer(222, amina);
    // Karim inserts a word in Amina's paragraph and deletes one; then Amina adds a paragraph.
    firstText(karim).insert('Couverture médicale'.length, ' universelle');
    firstText(karim).delete('Couverture médicale universelle des '.length, 'MRE'.length);
    sync(amina, karim);
    paragraph(amina, 'Nouveau paragraphe.');
    sync(karim, amina);

    const diff = runDiffTask({ from: before, to: Y.encodeStateAsUpdate(karim) });
    const change = diff.blocks.find((block) => block.op === 'change');
    expect(change?.op === 'change' && change.words).toEqual([
      { op: 'equal', text: 'Couverture médicale ' },
      // The word diff aligns the inserted space after the word: that space is Amina's own.
      {
        op: 'insert',
        text: 'universelle ',
        by: [
          [11, 222],
          [1, 111],
        ],
      },
      { op: 'equal', text: 'des ' },
      // A deletion names the items that held it (Amina's, from clock 26): who deleted them is the server's record.
      { op: 'delete', text: 'MRE', del: [[3, 111, 26]] },
      { op: 'equal', text: '.' },
    ]);
    expect(diff.deletedClients).toEqual([111]);
    const inserted = diff.blocks.find((block) => block.op === 'insert');
    expect(inserted).toEqual({ op: 'insert', block: { type: 'paragraph', text: 'Nouveau paragraphe.' }, by: [[19, 111]] });
    expect(diff.clients.sort()).toEqual([111, 222]);
    // The writers of unchanged text are not sent.
    expect(JSON.stringify(diff)).not.toContain('writers');
    expect(JSON.stringify(diff)).not.toContain('"ids"');
  });

  it('splits an insertion typed by two people into their runs', () => {
    const amina = writer(7, new Y.Doc());
    paragraph(amina, 'Début.');
    const before = Y.encodeStateAsUpdate(amina);
    firstText(amina).insert(0, 'Aa ');
    const karim = writer(9, amina);
    firstText(karim).insert(3, 'Bb ');
    const diff = runDiffTask({ from: before, to: Y.encodeStateAsUpdate(karim) });
    const change = diff.blocks.find((block) => block.op === 'change');
    expect(change?.op === 'change' && change.words?.[0]).toEqual({
      op: 'insert',
      text: 'Aa Bb ',
      by: [
        [3, 7],
        [3, 9],
      ],
    });
  });

  it('cuts runs to a range', () => {
    expect(
      runsIn(
        [
          [3, 1],
          [4, 2],
          [5, 3],
        ],
        2,
        8,
      ),
    ).toEqual([
      [1, 1],
      [4, 2],
      [1, 3],
    ]);
    expect(runsIn([[3, 1]], 3, 3)).toEqual([]);
  });
});
