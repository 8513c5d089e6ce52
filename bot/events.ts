import type { App } from '@slack/bolt';
import { findDocumentWithAccess } from '../server/queries/documents.ts';
import { documentMeasureCounts } from '../server/queries/measures.ts';
import { organisationNames } from '../server/queries/organisations.ts';
import { restrictedUnfurlBlocks, unfurlBlocks } from './blocks/unfurl.ts';
import { t, tPlain } from './i18n/index.ts';
import { resolveSlackUser } from './linking/identity.ts';
import { mayReadDocument } from './notify/audience.ts';
import { everyMemberMayRead } from './notify/members.ts';
import { documentIdIn } from './commands/lookup.ts';
import { publishHome } from './home.ts';
import type { BotUser } from './linking/links.ts';
import type { BotServices } from './services.ts';
import { dropConversation } from './notify/outbox.ts';
import { pauseChannel } from './notify/pause.ts';
import { forgetChannel, pauseSubscriptions, renameChannel, resumeSubscriptions } from './notify/subscriptions.ts';

/** Events API: App Home opened, Tansiq links shared. Events are acknowledged by Bolt before this runs. */
export function registerEvents(app: App, services: BotServices): void {
  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    await publishHome(services, { teamId: body.team_id, slackUserId: event.user });
  });

  // The life of the channels subscriptions post to, and of the app itself.
  for (const name of ['channel_archive', 'group_archive'] as const) {
    app.event(name, async ({ event, body }) => pauseChannel(services, body.team_id, event.channel, 'is_archived'));
  }
  for (const name of ['channel_unarchive', 'group_unarchive'] as const) {
    app.event(name, async ({ event, body }) => {
      const resumed = await resumeSubscriptions(services.db, body.team_id, event.channel);
      if (resumed > 0) services.logger.info({ channel: event.channel, resumed }, 'Slack channel unarchived: its subscriptions deliver again');
    });
  }
  for (const name of ['channel_deleted', 'group_deleted'] as const) {
    app.event(name, async ({ event, body }) => {
      await forgetChannel(services.db, body.team_id, event.channel);
      await dropConversation(services.db, body.team_id, event.channel);
    });
  }
  for (const name of ['channel_rename', 'group_rename'] as const) {
    app.event(name, async ({ event, body }) => renameChannel(services.db, body.team_id, event.channel.id, event.channel.name));
  }
  app.event('app_uninstalled', async ({ body }) => stopWorkspace(services, body.team_id, 'app_uninstalled'));
  app.event('tokens_revoked', async ({ event, body }) => {
    // Only the bot token matters to us: without it nothing can be posted to the workspace.
    if ((event.tokens.bot ?? []).length > 0) await stopWorkspace(services, body.team_id, 'tokens_revoked');
  });

  app.event('link_shared', async ({ event, body }) => {
    const where =
      event.channel && event.message_ts
        ? { channel: event.channel, ts: event.message_ts }
        : { unfurl_id: event.unfurl_id!, source: event.source as 'composer' | 'conversations_history' };
    const links = event.links.slice(0, 5).filter(({ url }) => documentIdIn(url, services.publicUrl) !== null);
    if (links.length === 0) return;
    const resolved = await resolveSlackUser(services, { teamId: body.team_id, slackUserId: event.user });
    if (!resolved.user) {
      // An unlinked sharer is offered to link (Slack shows this to them alone), never a preview.
      await services.slack.chat.unfurl({
        ...where,
        unfurls: {},
        user_auth_required: true,
        user_auth_message: tPlain(resolved.locale, 'unfurl.linkToPreview'),
        user_auth_url: resolved.linkUrl,
      });
      return;
    }
    const user = resolved.user;
    const unfurls: Record<string, { blocks: ReturnType<typeof unfurlBlocks> }> = {};
    const reduced: string[] = [];
    for (const { url } of links) {
      const id = documentIdIn(url, services.publicUrl)!;
      const found = await findDocumentWithAccess(services.db, user, id);
      if (!found.row) continue;
      // The preview is read by the whole conversation: full only when each member may read the document.
      const everyone =
        event.channel && event.channel !== 'COMPOSER'
          ? await everyMemberMayRead(services, body.team_id, event.channel, (subject) => mayReadDocument(services, subject, id))
          : false;
      if (everyone) {
        const blocks = await documentPreview(services, user, id);
        if (blocks) unfurls[url] = { blocks };
      } else {
        unfurls[url] = { blocks: restrictedUnfurlBlocks(id, user.locale, services.publicUrl) };
        reduced.push(found.row.title);
      }
    }
    if (Object.keys(unfurls).length === 0) return;
    await services.slack.chat.unfurl({ ...where, unfurls });
    if (reduced.length > 0 && event.channel && event.channel !== 'COMPOSER') {
      // Why the preview says so little, to the sharer alone (as Google Drive's app does).
      const text = t(user.locale, 'unfurl.explained', { title: reduced.join(', ') });
      await services.slack.chat
        .postEphemeral({ channel: event.channel, user: event.user, text })
        .catch((error: unknown) => services.logger.warn({ err: error }, 'could not explain a reduced preview'));
    }
  });
}

async function documentPreview(services: BotServices, user: BotUser, id: string) {
  const found = await findDocumentWithAccess(services.db, user, id);
  if (!found.row) return null;
  const today = services.clock.today();
  const counts = await documentMeasureCounts(services.db, id, today);
  const names = await organisationNames(services.db, [found.row.lead_organisation_id], user.locale);
  return unfurlBlocks(
    {
      id,
      title: found.row.title,
      kind: found.row.kind,
      status: found.row.status,
      leadName: names.get(found.row.lead_organisation_id) ?? '—',
      measuresDone: counts.byStatus.done,
      measuresTotal: counts.total,
      overdue: counts.overdue,
    },
    user.locale,
    services.publicUrl,
  );
}

/** The app left the workspace (or lost its token): nothing more is posted there until it is back and subscribed again. */
async function stopWorkspace(services: BotServices, teamId: string, reason: string): Promise<void> {
  const paused = await pauseSubscriptions(services.db, teamId, null, reason, services.clock.now());
  await dropConversation(services.db, teamId, null);
  services.logger.warn({ teamId, reason, paused: paused.length }, 'Slack app removed from a workspace: its subscriptions are paused');
}
