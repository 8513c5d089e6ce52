import type { Locale } from '../../db/schema.ts';
import { AppError } from '../../server/errors.ts';
import { accessFacts, findDocumentWithAccess } from '../../server/queries/documents.ts';
import { findMentionCandidates } from '../../server/queries/mention-candidates.ts';
import { t } from '../i18n/index.ts';
import type { BotUser } from '../linking/links.ts';
import type { BotServices } from '../services.ts';
import { organisationName } from './lookup.ts';

/**
 * `@Karim` typed in Slack, where people mention by name: turned into the app's stored mention form
 * (`@[user id]` for a person, `@code` for an organisation) before the comment is posted, so it
 * notifies the same people a mention made in the app would. Forms the app already reads
 * (`@[id]`, `@someone@mail`, an organisation code) are left as they are.
 */
const NAME_MENTION = /(?<![\p{L}\p{N}._@-])@(\p{L}[\p{L}\p{N}_-]*(?:\.\p{L}[\p{L}\p{N}_-]*)*)(?![\p{L}\p{N}@])/gu;

/** A mention that names nobody, or several: the message to show instead of posting. */
export class MentionProblem extends Error {
  constructor(readonly text: string) {
    super(text);
  }
}

export async function resolveNameMentions(services: BotServices, user: BotUser, documentId: string, body: string): Promise<string> {
  const names = [...new Set([...body.matchAll(NAME_MENTION)].map((match) => match[1]!))];
  if (names.length === 0) return body;
  const found = await findDocumentWithAccess(services.db, user, documentId);
  if (!found.row) throw new AppError(404, 'not_found', 'Document not found');
  const facts = accessFacts(found.row, found.grants);
  const replacements = new Map<string, string>();
  for (const name of names) {
    const candidates = await findMentionCandidates(services.db, facts, name.replace(/[._]/g, ' '));
    const exactCode = candidates.organisations.find((organisation) => organisation.code.toLowerCase() === name.toLowerCase());
    if (exactCode) continue; // already the app's form
    const options = [
      ...candidates.users.map((person) => ({ stored: `@[${person.id}]`, label: `${person.name} (${person.organisationCode})` })),
      ...candidates.organisations.map((organisation) => ({
        stored: `@${organisation.code}`,
        label: `${organisationName({ name_fr: organisation.names.fr, name_ar: organisation.names.ar, name_en: organisation.names.en }, user.locale)} (@${organisation.code})`,
      })),
    ];
    if (options.length === 1) replacements.set(name, options[0]!.stored);
    else
      throw new MentionProblem(
        mentionMessage(
          user.locale,
          name,
          options.map((option) => option.label),
        ),
      );
  }
  return body.replace(NAME_MENTION, (whole, name: string) => replacements.get(name) ?? whole);
}

function mentionMessage(locale: Locale, name: string, candidates: string[]): string {
  if (candidates.length === 0) return t(locale, 'mention.unknown', { name });
  return t(locale, 'mention.ambiguous', { name, candidates: candidates.join(', ') });
}
