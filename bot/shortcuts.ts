import type { App, MessageShortcut, ViewSubmitAction } from '@slack/bolt';
import { canComment } from '../server/policies/document-access.ts';
import { requireDocument } from '../server/queries/document-guard.ts';
import { submit } from './actions/modals.ts';
import { ActionId, decodeValue, plain, truncate } from './blocks/common.ts';
import { linkBlocks } from './blocks/help.ts';
import { ModalField, type ModalView } from './blocks/modals.ts';
import { linkModal, shortcutModal, WorkAppId } from './blocks/work-app.ts';
import { postComment } from './commands/comment.ts';
import { fromSlackText } from './commands/slack-text.ts';
import { t, tPlain } from './i18n/index.ts';
import { resolveSlackUser } from './linking/identity.ts';
import type { BotUser } from './linking/links.ts';
import type { BotServices } from './services.ts';
import type { Locale } from '../db/schema.ts';
import { MAX_COMMENT_CHARS } from '../shared/api/schemas/comments.ts';
import { AppError } from '../server/errors.ts';

/**
 * The message shortcut "Comment in Tansiq": on any Slack message, a modal with a document picker
 * and the message's text; submitted, the text becomes a comment by the linked person (their rights,
 * checked by the comment command), ending with a link back to the Slack message.
 */
export function registerShortcuts(app: App, services: BotServices): void {
  onMessageShortcut(app, services, WorkAppId.commentShortcut, 'message shortcut', (user, message) => shortcutModal(user.locale, { ...message, text: fromSlackText(message.text) }));

  app.view<ViewSubmitAction>(WorkAppId.shortcutView, async ({ ack, body, view }) => {
    await submit(services, body, ack, ModalField.body, async (user) => {
      const meta = decodeValue(view.private_metadata);
      const values = view.state.values;
      const documentId = values[ModalField.document]?.[ActionId.documentSearch]?.selected_option?.value;
      const text = (values[ModalField.body]?.[ModalField.body]?.value ?? '').trim();
      if (!documentId) return plain(t(user.locale, 'error.gone'));
      // Checked here for a clear answer; the comment command checks again.
      const { row, level } = await requireDocument(services.db, user, documentId, 'view');
      if (!canComment(level) || row.archived_at) throw new AppError(403, 'forbidden', 'Commenting is not allowed on this document.');
      const source = await sourceLine(services, user.locale, meta).then((line) => (line ? `\n\n${line}` : ''));
      await postComment(services, user, documentId, `${truncate(text, MAX_COMMENT_CHARS - source.length)}${source}`);
      return plain(t(user.locale, 'comment.posted', { title: row.title }));
    });
  });
}

/** A Slack message a shortcut was used on: its text (Slack's markup), its channel and timestamp. */
export interface ShortcutMessage {
  text: string;
  channel: string;
  ts: string;
}

/**
 * Answers a message shortcut with a modal: the one `build` makes from the message for a linked
 * person, or the modal that offers to link the Slack account. A failure is logged (the shortcut
 * has been acknowledged; Slack shows nothing).
 */
export function onMessageShortcut(
  app: App,
  services: BotServices,
  callbackId: string,
  what: string,
  build: (user: BotUser, message: ShortcutMessage) => ModalView | Promise<ModalView>,
): void {
  app.shortcut<MessageShortcut>({ callback_id: callbackId, type: 'message_action' }, async ({ ack, shortcut }) => {
    await ack();
    const identity = { teamId: shortcut.team?.id ?? shortcut.user.team_id ?? '', slackUserId: shortcut.user.id };
    try {
      const resolved = await resolveSlackUser(services, identity);
      const view = resolved.user
        ? await build(resolved.user, { text: shortcut.message.text ?? '', channel: shortcut.channel.id, ts: shortcut.message.ts })
        : linkModal(resolved.locale, linkBlocks(resolved.locale, resolved.linkUrl).blocks);
      await services.slack.views.open({ trigger_id: shortcut.trigger_id, view });
    } catch (error) {
      services.logger.error({ err: error }, `could not open the ${what}`);
    }
  });
}

/** The line that links back to the Slack message (`c`, `ts` in the modal's metadata), or '' when Slack gives no permalink. */
export async function sourceLine(services: BotServices, locale: Locale, meta: { c?: string; ts?: string }): Promise<string> {
  if (!meta.c || !meta.ts) return '';
  const permalink = await services.slack.chat.getPermalink({ channel: meta.c, message_ts: meta.ts }).then(
    (answer) => answer.permalink ?? null,
    () => null,
  );
  return permalink ? tPlain(locale, 'shortcut.source', { url: permalink }) : '';
}
