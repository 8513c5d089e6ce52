/**
 * @mentions in comment bodies. Pure. The syntax, chosen so that a person can type it and the web
 * client can produce it from a picker:
 *
 *   @sante                   an organisation, by its code (1–32 of a-z 0-9 _ -, case-insensitive)
 *   @amina.idrissi@sante.ma  a user, by e-mail address
 *   @[3f1c…-uuid]            a user, by id (what a picker inserts: stable when e-mails change)
 *
 * A mention starts at the beginning of the body or after a character that is not a letter, digit,
 * `.`, `_`, `-` or `@`, so the `@` inside an e-mail address written in prose ("write to
 * x@sante.ma") is not one. Trailing punctuation ("@sante," "@sante.") is not part of it.
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
const MENTION = new RegExp(`(?<![\\p{L}\\p{N}._@-])@(?:\\[(${UUID})\\]|(${EMAIL})|(${CODE}))`, 'gu');

export function parseMentions(body: string): ParsedMentions {
  const userIds = new Set<string>();
  const emails = new Set<string>();
  const codes = new Set<string>();
  for (const match of body.matchAll(MENTION)) {
    const [, id, email, code] = match;
    if (id) userIds.add(id.toLowerCase());
    else if (email) emails.add(email.toLowerCase());
    else if (code) codes.add(code.toLowerCase());
  }
  return { userIds: [...userIds], emails: [...emails], organisationCodes: [...codes] };
}
