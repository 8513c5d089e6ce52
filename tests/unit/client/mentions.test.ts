import { describe, expect, it } from 'vitest';
import { parseMentions } from '../../../shared/mentions.ts';
import { insertMention, mentionQueryAt, splitMentions } from '../../../client/src/lib/mentions.ts';

const ID = '3f1c2a4b-1111-4222-8333-944455556666';

describe('mentions in the client', () => {
  it('cuts a body into text and mentions exactly where the server finds them', () => {
    const samples = [`Voir @sante et @[${ID}], écrire à x@sante.ma ou @amina.idrissi@sante.ma.`, '@oim: merci, @emploi.', 'Pas de mention ici.', `@[${ID.toUpperCase()}]@sante`];
    for (const body of samples) {
      const segments = splitMentions(body);
      expect(segments.map((segment) => segment.text).join('')).toBe(body);
      const server = parseMentions(body);
      expect(segments.flatMap((s) => (s.kind === 'organisation' ? [s.code] : []))).toEqual(server.organisationCodes);
      expect(segments.flatMap((s) => (s.kind === 'user' ? [s.id] : []))).toEqual(server.userIds);
      expect(segments.flatMap((s) => (s.kind === 'email' ? [s.email] : []))).toEqual(server.emails);
    }
  });

  it('finds the mention being typed before the caret, and only then', () => {
    expect(mentionQueryAt('Merci @sa', 9)).toEqual({ start: 6, query: 'sa' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('شكرا @صحة', 9)).toEqual({ start: 5, query: 'صحة' });
    expect(mentionQueryAt('écrire à x@sante', 16)).toBeNull();
    expect(mentionQueryAt('Merci @sante fin', 16)).toBeNull();
  });

  it('inserts the picked token and a space, caret after it', () => {
    expect(insertMention('Merci @sa, bien', 6, 9, '@sante')).toEqual({ text: 'Merci @sante , bien', caret: 13 });
    expect(insertMention('@am', 0, 3, `@[${ID}]`)).toEqual({ text: `@[${ID}] `, caret: ID.length + 4 });
  });
});
