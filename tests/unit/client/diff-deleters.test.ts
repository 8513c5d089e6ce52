import { describe, expect, it } from 'vitest';
import { deletedPiecesOf, diffAuthors, diffDeleters, legendOf } from '../../../client/src/pages/document/versions/diff-authors.ts';

const people: Record<string, { name: string; organisationId: string }> = {
  amina: { name: 'Amina Idrissi', organisationId: 'sante' },
  karim: { name: 'Karim Tazi', organisationId: 'emploi' },
};
const lookup = { person: (id: string) => people[id], organisationName: (id: string) => `Ministère ${id}`, color: (id: string) => (id === 'sante' ? '#1f6feb' : '#8e44ad') };

describe('deletions named by who deleted them, in the client', () => {
  const deleters = [
    { client: 7, clock: 0, length: 5, userId: 'amina' },
    { client: 7, clock: 5, length: 3, userId: 'karim' },
    { client: 9, clock: 0, length: 2, userId: null },
  ];

  it('cuts a deleted text into its deleters’ pieces; runs that do not cover it make one unknown piece', () => {
    expect(deletedPiecesOf('troisdeux', [[9, 7, 0]], deleters)).toEqual([
      { text: 'trois', userId: 'amina' },
      { text: 'deu', userId: 'karim' },
      { text: 'x', userId: null },
    ]);
    expect(deletedPiecesOf('abc', [[2, 7, 0]], deleters)).toEqual([{ text: 'abc', userId: null }]);
    expect(deletedPiecesOf('abc', undefined, deleters)).toEqual([{ text: 'abc', userId: null }]);
  });

  it('lists deleters in the legend with the writers, each once', () => {
    const people = diffDeleters({ deleters }, lookup);
    expect([...people.keys()]).toEqual(['amina', 'karim']);
    expect(people.get('karim')).toEqual({ userId: 'karim', name: 'Karim Tazi', organisation: 'Ministère emploi', color: '#8e44ad' });
    const writers = diffAuthors({ writers: [{ client: 1, userId: 'amina' }] }, lookup);
    expect(legendOf(writers, people).people.map((person) => person.userId)).toEqual(['amina', 'karim']);
  });
});
