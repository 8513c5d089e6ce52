/**
 * @mentions as the server reads them (server/domain/mentions.ts): `@code` an organisation,
 * `@e-mail` a person, `@[uuid]` a person by id (what the picker inserts). Pure.
 */

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const EMAIL = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+";
const CODE = '[A-Za-z0-9][A-Za-z0-9_-]{0,31}(?![A-Za-z0-9_-])';
const MENTION = new RegExp(`(?<![\\p{L}\\p{N}._@-])@(?:\\[(${UUID})\\]|(${EMAIL})|(${CODE}))`, 'gu');

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'user'; id: string; text: string }
  | { kind: 'email'; email: string; text: string }
  | { kind: 'organisation'; code: string; text: string };

/** A comment body cut into plain text and mentions, to show mentions as names. */
export function splitMentions(body: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of body.matchAll(MENTION)) {
    const at = match.index!;
    if (at > last) segments.push({ kind: 'text', text: body.slice(last, at) });
    const [whole, id, email, code] = match;
    if (id) segments.push({ kind: 'user', id: id.toLowerCase(), text: whole });
    else if (email) segments.push({ kind: 'email', email: email.toLowerCase(), text: whole });
    else segments.push({ kind: 'organisation', code: code!.toLowerCase(), text: whole });
    last = at + whole.length;
  }
  if (last < body.length) segments.push({ kind: 'text', text: body.slice(last) });
  return segments;
}

/** The mention being typed just before the caret ("@sa|"): where its @ is and what follows it. */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(?:^|[^\p{L}\p{N}._@-])@([\p{L}\p{N}._-]{0,40})$/u.exec(before);
  if (!match) return null;
  const query = match[1]!;
  return { start: caret - query.length - 1, query };
}

/** Replaces the mention being typed (from `start` to the caret) by `token` and a space; the new text and caret. */
export function insertMention(text: string, start: number, caret: number, token: string): { text: string; caret: number } {
  const inserted = `${token} `;
  const after = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, start) + inserted + after, caret: start + inserted.length };
}

export const userToken = (id: string) => `@[${id}]`;
export const organisationToken = (code: string) => `@${code}`;

/** Case- and accent-insensitive search key. */
export const searchKey = (value: string): string => value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
