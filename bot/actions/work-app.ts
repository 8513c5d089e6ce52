import type { App, BlockAction, RespondFn } from '@slack/bolt';
import type { Locale } from '../../db/schema.ts';
import { decodeValue, type SlackMessage } from '../blocks/common.ts';
import { WorkAppId } from '../blocks/work-app.ts';
import { changeSubscription, unlinkCommand, workspaceSubscriptionsCommand, type SubscriptionChange } from '../commands/work-app.ts';
import { publishHome } from '../home.ts';
import { findLinkedUser, type SlackIdentity } from '../linking/links.ts';
import { saveSettings, type SettingsChange } from '../notify/settings.ts';
import type { BotServices } from '../services.ts';

const identityOf = (body: BlockAction): SlackIdentity => ({ teamId: body.team?.id ?? body.user.team_id ?? '', slackUserId: body.user.id });

/**
 * App Home's Settings (what comes by direct message, its language, mute, the weekly digest), its
 * Unlink button, and the administrators' subscription buttons. Each click is checked again: the
 * person must still be linked (and an administrator, for subscriptions).
 */
export function registerWorkAppActions(app: App, services: BotServices): void {
  const onSetting = (actionId: string, change: (action: BlockAction['actions'][number]) => SettingsChange | null) =>
    app.action<BlockAction>({ action_id: actionId }, async ({ ack, body, action }) => {
      await ack();
      const identity = identityOf(body);
      try {
        const user = await findLinkedUser(services.db, identity);
        const wanted = change(action);
        if (user && wanted) await saveSettings(services.db, user.userId, wanted);
        await publishHome(services, identity);
      } catch (error) {
        services.logger.error({ err: error }, 'could not change Slack settings');
      }
    });

  onSetting(WorkAppId.settingsKinds, (action) => (action.type === 'checkboxes' ? { kinds: action.selected_options.map((chosen) => chosen.value ?? '') } : null));
  onSetting(WorkAppId.settingsLocale, (action) => {
    if (action.type !== 'static_select') return null;
    const value = action.selected_option?.value;
    return value === 'fr' || value === 'ar' || value === 'en' ? { locale: value as Locale } : value === 'auto' ? { locale: null } : null;
  });
  onSetting(WorkAppId.settingsMute, (action) => (action.type === 'button' ? { muted: decodeValue(action.value).muted === '1' } : null));
  onSetting(WorkAppId.settingsDigest, (action) => (action.type === 'button' ? { weeklyDigest: decodeValue(action.value).digest === '1' } : null));

  app.action<BlockAction>({ action_id: WorkAppId.unlink }, async ({ ack, body }) => {
    await ack();
    const identity = identityOf(body);
    try {
      const message = await unlinkCommand(services, identity);
      await services.slack.chat.postMessage({ channel: body.user.id, text: message.text, blocks: message.blocks });
      await publishHome(services, identity);
    } catch (error) {
      services.logger.error({ err: error }, 'could not unlink from App Home');
    }
  });

  const onSubscription = (prefix: string, change: SubscriptionChange) =>
    app.action<BlockAction>({ action_id: new RegExp(`^${prefix}(#\\d+)?$`) }, async ({ ack, body, action, respond }) => {
      await ack();
      const identity = identityOf(body);
      try {
        const id = action.type === 'button' ? (decodeValue(action.value).s ?? '') : '';
        const outcome = await changeSubscription(services, identity, id, change);
        // The list is drawn again as it now is, under the outcome.
        const list = outcome.user?.role === 'admin' ? await workspaceSubscriptionsCommand(services, outcome.user, identity.teamId) : null;
        await answer(respond, { text: outcome.message.text, blocks: [...outcome.message.blocks, ...(list?.blocks ?? [])].slice(0, 50) }, list !== null);
      } catch (error) {
        services.logger.error({ err: error }, 'could not change a Slack subscription');
      }
    });
  onSubscription(WorkAppId.subscriptionPause, 'pause');
  onSubscription(WorkAppId.subscriptionResume, 'resume');
  onSubscription(WorkAppId.subscriptionRemove, 'remove');
}

async function answer(respond: RespondFn | undefined, message: SlackMessage, replaceOriginal: boolean): Promise<void> {
  await respond?.({ response_type: 'ephemeral', replace_original: replaceOriginal, text: message.text, blocks: message.blocks });
}
