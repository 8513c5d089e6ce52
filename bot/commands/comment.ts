import { createComment } from '../../server/commands/comments.ts';
import { contentFromHub } from '../../server/queries/comments-content.ts';
import { canComment } from '../../server/policies/document-access.ts';
import { createCommentSchema } from '../../shared/api/schemas/comments.ts';
import { plain, type SlackMessage } from '../blocks/common.ts';
import { mrkdwn, t } from '../i18n/index.ts';
import { ambiguousList } from '../blocks/lists.ts';
import type { BotUser } from '../linking/links.ts';
import type { BotServices } from '../services.ts';
import { findDocument } from './lookup.ts';
import { MentionProblem, resolveNameMentions } from './mentions.ts';

/**
 * Posts a comment as the linked user, through the same command (and rules) as the web app, and
 * announces it on the bus like the comments route does.
 */
export async function postComment(services: BotServices, user: BotUser, documentId: string, typed: string, anchor?: { measureId: string }) {
  const body = await resolveNameMentions(services, user, documentId, typed);
  const input = createCommentSchema.parse({ body, ...(anchor ? { anchor: { type: 'measure', ...anchor } } : {}) });
  const change = await createComment(services.db, contentFromHub(services.hub), user, documentId, input);
  services.events.publish(change.events);
  return change.comment;
}

export async function commentCommand(services: BotServices, user: BotUser, query: string, text: string): Promise<SlackMessage> {
  const match = await findDocument(services.db, user, query, services.publicUrl);
  if (match.kind === 'none') return plain(t(user.locale, 'error.notFound', { query }));
  if (match.kind === 'many') {
    return plain(
      ambiguousList(
        user.locale,
        query,
        match.candidates.map((candidate) => candidate.title),
        match.total,
      ),
    );
  }
  if (!canComment(match.level) || match.row.archived_at) return plain(t(user.locale, 'error.forbidden', { title: match.row.title }));
  const parsed = createCommentSchema.safeParse({ body: text });
  if (!parsed.success) return plain(t(user.locale, 'error.usage', { usage: mrkdwn(t(user.locale, 'help.comment')) }));
  try {
    await postComment(services, user, match.row.id, text);
  } catch (error) {
    if (error instanceof MentionProblem) return plain(error.text);
    throw error;
  }
  return plain(t(user.locale, 'comment.posted', { title: match.row.title }));
}
