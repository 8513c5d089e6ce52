import type { App, BlockAction, RespondFn } from '@slack/bolt';
import { ActionId, decodeValue, type SlackMessage } from '../blocks/common.ts';
import { linkBlocks } from '../blocks/help.ts';
import { t } from '../i18n/index.ts';
import { resolveSlackUser } from '../linking/identity.ts';
import type { BotUser, SlackIdentity } from '../linking/links.ts';
import { publishHome } from '../home.ts';
import type { BotServices } from '../services.ts';
import { openCommentModal, openReturnModal, registerModals, showPickedDocument } from './modals.ts';
import { moveDocument, refusalMessage, resolveComment, setMeasureStatus } from './operations.ts';

/** Buttons and menus: acknowledged at once, then done as the linked user, answered to the clicker only. */
export function registerActions(app: App, services: BotServices): void {
  // Link buttons open a page in the browser; Slack still tells us, and wants an ack.
  app.action({ action_id: new RegExp(`^(${ActionId.open}|${ActionId.link})`) }, async ({ ack }) => ack());

  onAction(app, services, ActionId.measureDone, (user, value) => setMeasureStatus(services, user, value.d!, value.m!, 'done'));
  onAction(app, services, ActionId.measureStatus, (user, value) => setMeasureStatus(services, user, value.d!, value.m!, value.s!));
  onAction(app, services, ActionId.commentResolve, (user, value) => resolveComment(services, user, value.d!, value.c!));
  onAction(app, services, ActionId.documentApprove, (user, value) => moveDocument(services, user, value.d!, 'adopted'));
  onAction(app, services, ActionId.documentPick, (user, value) => showPickedDocument(services, user, value.d!), { replaceOriginal: true });
  // Modals must open within three seconds of the click (the trigger expires): no answer message.
  onAction(app, services, ActionId.commentNew, (user, value, body) => openCommentModal(services, user, body.trigger_id, value.d ?? null, value.m), { anyDocument: true });
  onAction(app, services, ActionId.documentReturn, (user, value, body) => openReturnModal(services, user, body.trigger_id, value.d!));
  registerModals(app, services);
}

type Handler = (user: BotUser, value: Record<string, string>, body: BlockAction) => Promise<SlackMessage | null>;

interface ActionOptions {
  replaceOriginal?: boolean;
  /** the action works without a document (App Home's comment button asks for one) */
  anyDocument?: boolean;
}

function onAction(app: App, services: BotServices, actionId: string, handler: Handler, options: ActionOptions = {}): void {
  app.action<BlockAction>({ action_id: new RegExp(`^${actionId}(#\\d+)?$`) }, async ({ ack, body, action, respond }) => {
    await ack();
    const value = actionValue(action);
    const identity: SlackIdentity = { teamId: body.team?.id ?? body.user.team_id ?? '', slackUserId: body.user.id };
    const message = await act(services, identity, value, body, handler, options.anyDocument ?? false);
    if (message) await reply(services, body, respond, message, options.replaceOriginal ?? false);
    // A click in App Home changes what it shows: publish it again.
    if (body.view?.type === 'home') await publishHome(services, identity).catch((error: unknown) => services.logger.warn({ err: error }, 'could not refresh App Home'));
  });
}

/** A button's value, or a menu's chosen option (a document id alone, or an encoded value). */
function actionValue(action: BlockAction['actions'][number]): Record<string, string> {
  if (action.type === 'button') return decodeValue(action.value);
  if (action.type === 'static_select' || action.type === 'external_select') {
    const chosen = action.selected_option?.value ?? '';
    return chosen.startsWith('{') ? decodeValue(chosen) : { d: chosen };
  }
  return {};
}

async function act(
  services: BotServices,
  identity: SlackIdentity,
  value: Record<string, string>,
  body: BlockAction,
  handler: Handler,
  anyDocument: boolean,
): Promise<SlackMessage | null> {
  let locale: BotUser['locale'] = 'fr';
  try {
    const resolved = await resolveSlackUser(services, identity);
    if (!resolved.user) return linkBlocks(resolved.locale, resolved.linkUrl);
    locale = resolved.user.locale;
    if (!value.d && !anyDocument) return { text: t(locale, 'error.gone'), blocks: [] };
    try {
      return await handler(resolved.user, value, body);
    } catch (error) {
      const refusal = refusalMessage(resolved.user, error);
      if (refusal) return refusal;
      throw error;
    }
  } catch (error) {
    services.logger.error({ err: error, actionOf: identity.slackUserId }, 'Slack action failed');
    return { text: t(locale, 'error.generic'), blocks: [] };
  }
}

/** To the clicker only: through response_url from a message, as an ephemeral message in the channel otherwise. */
async function reply(services: BotServices, body: BlockAction, respond: RespondFn | undefined, message: SlackMessage, replaceOriginal: boolean): Promise<void> {
  try {
    const blocks = message.blocks.length > 0 ? { blocks: message.blocks } : {};
    if (body.response_url && respond) {
      await respond({ response_type: 'ephemeral', replace_original: replaceOriginal, text: message.text, ...blocks });
    } else if (body.channel?.id) {
      await services.slack.chat.postEphemeral({ channel: body.channel.id, user: body.user.id, text: message.text, ...blocks });
    } else {
      // From App Home there is no conversation: the bot's direct messages with the user are one.
      await services.slack.chat.postMessage({ channel: body.user.id, text: message.text, ...blocks });
    }
  } catch (error) {
    services.logger.error({ err: error }, 'could not answer a Slack action');
  }
}
