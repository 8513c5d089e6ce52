import type { App, ViewSubmitAction } from '@slack/bolt';
import { workflowRoles } from '../../server/commands/documents.ts';
import { requireDocument } from '../../server/queries/document-guard.ts';
import { availableTransitions } from '../../shared/workflow.ts';
import { canComment } from '../../server/policies/document-access.ts';
import { findDocumentRow, listVisibleDocuments } from '../../server/queries/documents.ts';
import { ActionId, ViewId, decodeValue, option, plain, plainFromMrkdwn, truncate, type SlackMessage } from '../blocks/common.ts';
import { commentModal, ModalField, returnModal } from '../blocks/modals.ts';
import { statusBlocks } from '../blocks/status.ts';
import { statusView } from '../commands/documents.ts';
import { postComment } from '../commands/comment.ts';
import { mrkdwn, t, tPlain } from '../i18n/index.ts';
import { resolveSlackUser } from '../linking/identity.ts';
import { findLinkedUser, type BotUser } from '../linking/links.ts';
import type { BotServices } from '../services.ts';
import { moveDocument, refusalMessage } from './operations.ts';

export async function showPickedDocument(services: BotServices, user: BotUser, documentId: string): Promise<SlackMessage> {
  const { row, level } = await requireDocument(services.db, user, documentId, 'view');
  return statusBlocks(await statusView(services, user, row, level), user.locale, services.publicUrl);
}

export async function openCommentModal(services: BotServices, user: BotUser, triggerId: string, documentId: string | null, measureId?: string): Promise<SlackMessage | null> {
  let document: { id: string; title: string; measureId?: string } | null = null;
  if (documentId) {
    const { row, level } = await requireDocument(services.db, user, documentId, 'view');
    if (!canComment(level) || row.archived_at) return plain(t(user.locale, 'error.forbidden', { title: row.title }));
    document = { id: row.id, title: row.title, ...(measureId ? { measureId } : {}) };
  }
  await services.slack.views.open({ trigger_id: triggerId, view: commentModal(user.locale, document) });
  return null;
}

export async function openReturnModal(services: BotServices, user: BotUser, triggerId: string, documentId: string): Promise<SlackMessage | null> {
  const { row, level } = await requireDocument(services.db, user, documentId, 'view');
  if (!availableTransitions(row.status, workflowRoles(user, row, level)).includes('returned')) {
    return plain(t(user.locale, 'workflow.refused', { title: row.title, from: mrkdwn(t(user.locale, `status.${row.status}`)), to: mrkdwn(t(user.locale, 'status.returned')) }));
  }
  await services.slack.views.open({ trigger_id: triggerId, view: returnModal(user.locale, { id: row.id, title: row.title }) });
  return null;
}

/** A refusal that belongs next to one input of the modal (not the one `submit` was given). */
export class ModalFieldError extends Error {
  constructor(
    readonly field: string,
    readonly text: string,
  ) {
    super(text);
    this.name = 'ModalFieldError';
  }
}

type Ack = (response?: { response_action: 'errors'; errors: Record<string, string> }) => Promise<void>;

/** Modal submissions and the document menu of the comment modal. */
export function registerModals(app: App, services: BotServices): void {
  app.view<ViewSubmitAction>(ViewId.comment, async ({ ack, body, view }) => {
    await submit(services, body, ack, ModalField.body, async (user) => {
      const meta = decodeValue(view.private_metadata);
      const values = view.state.values;
      const documentId = meta.d ?? values[ModalField.document]?.[ActionId.documentSearch]?.selected_option?.value;
      const text = values[ModalField.body]?.[ModalField.body]?.value ?? '';
      if (!documentId) return plain(t(user.locale, 'error.gone'));
      const comment = await postComment(services, user, documentId, text, meta.m ? { measureId: meta.m } : undefined);
      const document = await findDocumentRow(services.db, comment.document_id);
      return plain(t(user.locale, 'comment.posted', { title: document?.title ?? '' }));
    });
  });

  app.view<ViewSubmitAction>(ViewId.returnDocument, async ({ ack, body, view }) => {
    await submit(services, body, ack, ModalField.reason, async (user) => {
      const reason = view.state.values[ModalField.reason]?.[ModalField.reason]?.value?.trim() ?? '';
      return moveDocument(services, user, decodeValue(view.private_metadata).d ?? '', 'returned', reason);
    });
  });

  // The document menu of the comment modal: documents the user may see, by title or full text.
  app.options(ActionId.documentSearch, async ({ ack, body }) => {
    const user = await findLinkedUser(services.db, { teamId: body.team?.id ?? body.user.team_id ?? '', slackUserId: body.user.id }).catch(() => null);
    const query = String((body as { value?: unknown }).value ?? '').slice(0, 200);
    if (!user || !query.trim()) return ack({ options: [] });
    const { rows } = await listVisibleDocuments(services.db, user, { q: query, archived: 'false', limit: 20, offset: 0 }).catch(() => ({ rows: [] }));
    await ack({ options: rows.map((row) => option(row.title, row.id)) });
  });
}

/**
 * A modal closes on an empty ack, or shows errors next to a field. The work gets the ack budget;
 * when slower, the modal closes and the outcome arrives as a direct message.
 */
export async function submit(services: BotServices, body: ViewSubmitAction, ack: Ack, field: string, work: (user: BotUser) => Promise<SlackMessage>): Promise<void> {
  const resolved = await resolveSlackUser(services, { teamId: body.team?.id ?? body.user.team_id ?? '', slackUserId: body.user.id });
  // Not linked: told in their Slack language (the modal's errors are plain text).
  if (!resolved.user) return ack({ response_action: 'errors', errors: { [field]: tPlain(resolved.locale, 'link.notLinked') } });
  const user = resolved.user;
  const outcome = work(user).then(
    (message) => ({ ok: true as const, message, field }),
    (error: unknown) => {
      if (error instanceof ModalFieldError) return { ok: false as const, message: plain(error.text), field: error.field };
      const refusal = refusalMessage(user, error);
      if (!refusal) services.logger.error({ err: error }, 'Slack modal submission failed');
      return { ok: false as const, message: refusal ?? plain(t(user.locale, 'error.generic')), field };
    },
  );
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), services.config.ackBudgetMs)));
  const first = await Promise.race([outcome, late]);
  clearTimeout(timer);
  if (first && !first.ok) return ack({ response_action: 'errors', errors: { [first.field]: truncate(plainFromMrkdwn(first.message.text), 150) } });
  await ack();
  const final = first ?? (await outcome);
  await services.slack.chat
    .postMessage({ channel: body.user.id, text: final.message.text })
    .catch((error: unknown) => services.logger.warn({ err: error }, 'could not confirm a modal submission'));
}
