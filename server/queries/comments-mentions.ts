import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../errors.ts';
import { MAX_MENTIONS, parseMentions } from '../../shared/mentions.ts';
import { canView, documentAccess, type DocumentAccessFacts } from '../policies/document-access.ts';

export interface ExplicitMentions {
  userIds?: string[];
  organisationIds?: string[];
}

export interface ResolvedMentions {
  userIds: string[];
  organisationIds: string[];
}

interface Unknown {
  mention: string;
  kind: 'user' | 'organisation';
}

/**
 * Turns the mentions written in a body (see shared/mentions.ts) plus those passed explicitly into
 * ids. Anyone or anything unknown refuses the whole comment, naming what was not found, so that a
 * typo does not silently notify nobody. Disabled users count as unknown: they would never hear.
 * So does a person who cannot read the document: the answer is the same as for an e-mail nobody
 * has, so a comment cannot be used to find out who has an account (organisations are public).
 */
export async function resolveMentions(db: Kysely<Database>, document: DocumentAccessFacts, body: string, explicit: ExplicitMentions = {}): Promise<ResolvedMentions> {
  const parsed = parseMentions(body);
  const wantedUserIds = unique([...parsed.userIds, ...(explicit.userIds ?? []).map((id) => id.toLowerCase())]);
  const wantedOrgIds = unique((explicit.organisationIds ?? []).map((id) => id.toLowerCase()));
  if (wantedUserIds.length + parsed.emails.length + parsed.organisationCodes.length + wantedOrgIds.length > MAX_MENTIONS) {
    throw new AppError(400, 'too_many_mentions', `A comment mentions at most ${MAX_MENTIONS} people or organisations.`);
  }

  const active = db.selectFrom('users').select(['id', 'email', 'organisation_id', 'role']).where('disabled_at', 'is', null);
  const mayRead = (row: { id: string; organisation_id: string; role: 'admin' | 'member' }) =>
    canView(documentAccess({ userId: row.id, organisationId: row.organisation_id, role: row.role }, document));
  const [byId, byEmail, orgsById, orgsByCode] = await Promise.all([
    wantedUserIds.length
      ? active
          .where('id', 'in', wantedUserIds)
          .execute()
          .then((rows) => rows.filter(mayRead))
      : [],
    parsed.emails.length
      ? active
          .where((eb) => eb(eb.fn('lower', ['email']), 'in', parsed.emails))
          .execute()
          .then((rows) => rows.filter(mayRead))
      : [],
    wantedOrgIds.length ? db.selectFrom('organisations').select(['id', 'code']).where('id', 'in', wantedOrgIds).execute() : [],
    parsed.organisationCodes.length ? db.selectFrom('organisations').select(['id', 'code']).where('code', 'in', parsed.organisationCodes).execute() : [],
  ]);

  const unknown: Unknown[] = [
    ...missing(
      wantedUserIds,
      byId.map((row) => row.id),
    ).map((id) => ({ mention: `@[${id}]`, kind: 'user' as const })),
    ...missing(
      parsed.emails,
      byEmail.map((row) => row.email.toLowerCase()),
    ).map((email) => ({ mention: `@${email}`, kind: 'user' as const })),
    ...missing(
      wantedOrgIds,
      orgsById.map((row) => row.id),
    ).map((id) => ({ mention: id, kind: 'organisation' as const })),
    ...missing(
      parsed.organisationCodes,
      orgsByCode.map((row) => row.code.toLowerCase()),
    ).map((code) => ({ mention: `@${code}`, kind: 'organisation' as const })),
  ];
  if (unknown.length > 0) {
    const list = unknown.map((entry) => entry.mention).join(', ');
    throw new AppError(400, 'unknown_mention', `Nobody and no organisation is known as ${list}.`, { unknown });
  }
  return {
    userIds: unique([...byId, ...byEmail].map((row) => row.id)),
    organisationIds: unique([...orgsById, ...orgsByCode].map((row) => row.id)),
  };
}

/**
 * Who a set of mentions reaches: the users named, and every active user of the organisations
 * named. Access to the document is filtered later, by the notifications.
 */
export async function mentionRecipients(db: Kysely<Database>, mentions: ResolvedMentions): Promise<string[]> {
  const members = mentions.organisationIds.length
    ? await db.selectFrom('users').select('id').where('organisation_id', 'in', mentions.organisationIds).where('disabled_at', 'is', null).execute()
    : [];
  return unique([...mentions.userIds, ...members.map((row) => row.id)]);
}

const unique = <T>(values: Iterable<T>): T[] => [...new Set(values)];
const missing = (wanted: readonly string[], found: readonly string[]) => {
  const known = new Set(found);
  return wanted.filter((value) => !known.has(value));
};
