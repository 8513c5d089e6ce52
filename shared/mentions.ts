/**
 * @mentions in comment bodies, read the same way by the server, the web client and the Slack bot.
 * Pure. The syntax, chosen so that a person can type it and the web client can produce it from a
 * picker:
 *
 *   @sante                   an organisation, by its code (1–32 of a-z 0-9 _ -, case-insensitive)
 *   @amina.idrissi@sante.ma  a user, by e-mail address
 *   @[3f1c…-uuid]            a user, by id (what a picker inserts: stable when names and e-mails change)
 *
 * A mention starts at the beginning of the body or after a character that is not a letter, digit,
 * `.`, `_`, `-` or `@`, so the `@` inside an e-mail address written in prose ("write to
 * x@sante.ma") is not one. Trailing punctuation ("@sante," "@sante.") is not part of it.
 *
 * The stored form keeps ids and codes; people read names (`mentionsAsNames`).
 */

export interface ParsedMentions {
  userIds: string[];
  emails: string[];
  organisationCodes: string[];
}

/** One comment cannot page half the ministry. */
export const MAX_MENTIONS = 50;

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const EMAIL = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+";
const CODE = '[A-Za-z0-9][A-Za-z0-9_-]{0,31}(?![A-Za-z0-9_-])';
const mentionPattern = () => new RegExp(`(?<![\\p{L}\\p{N}._@-])@(?:\\[(${UUID})\\]|(${EMAIL})|(${CODE}))`, 'gu');

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'user'; id: string; text: string }
  | { kind: 'email'; email: string; text: string }
  | { kind: 'organisation'; code: string; text: string };

/** A comment body cut into plain text and mentions (ids, e-mails and codes lower-cased). */
export function splitMentions(body: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of body.matchAll(mentionPattern())) {
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

export function parseMentions(body: string): ParsedMentions {
  const userIds = new Set<string>();
  const emails = new Set<string>();
  const codes = new Set<string>();
  for (const segment of splitMentions(body)) {
    if (segment.kind === 'user') userIds.add(segment.id);
    else if (segment.kind === 'email') emails.add(segment.email);
    else if (segment.kind === 'organisation') codes.add(segment.code);
  }
  return { userIds: [...userIds], emails: [...emails], organisationCodes: [...codes] };
}

/** Names to show for mentions, keyed as `splitMentions` gives them (lower-cased). */
export interface MentionNames {
  users: ReadonlyMap<string, string>;
  emails: ReadonlyMap<string, string>;
  organisations: ReadonlyMap<string, string>;
}

/** The name a mention segment reads as; undefined when nobody by that id, e-mail or code is known. */
export function mentionName(segment: Exclude<Segment, { kind: 'text' }>, names: MentionNames): string | undefined {
  switch (segment.kind) {
    case 'user':
      return names.users.get(segment.id);
    case 'email':
      return names.emails.get(segment.email);
    case 'organisation':
      return names.organisations.get(segment.code);
  }
}

/**
 * The body as people read it: "@[uuid]" becomes "@Amina Idrissi", "@sante" "@Ministère de la
 * Santé". A mention nobody is known by stays as written rather than disappearing.
 */
export function mentionsAsNames(body: string, names: MentionNames): string {
  return splitMentions(body)
    .map((segment) => {
      if (segment.kind === 'text') return segment.text;
      const name = mentionName(segment, names);
      return name ? `@${name}` : segment.text;
    })
    .join('');
}
