import type { App } from '@slack/bolt';
import { sql } from 'kysely';
import { findDocumentWithAccess } from '../server/queries/documents.ts';
import { unfurlBlocks } from './blocks/unfurl.ts';
import { documentIdIn, organisationNames } from './commands/lookup.ts';
import { publishHome } from './home.ts';
import { findLinkedUser, type BotUser } from './linking/links.ts';
import type { BotServices } from './services.ts';

/** Events API: App Home opened, Tansiq links shared. Events are acknowledged by Bolt before this runs. */
export function registerEvents(app: App, services: BotServices): void {
  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    await publishHome(services, { teamId: body.team_id, slackUserId: event.user });
  });

  app.event('link_shared', async ({ event, body }) => {
    // Previews only for a linked user who may see the document: nothing at all for anyone else.
    const user = await findLinkedUser(services.db, { teamId: body.team_id, slackUserId: event.user });
    if (!user) return;
    const unfurls: Record<string, { blocks: ReturnType<typeof unfurlBlocks> }> = {};
    for (const { url } of event.links.slice(0, 5)) {
      const id = documentIdIn(url, services.publicUrl);
      const blocks = id ? await documentPreview(services, user, id) : null;
      if (blocks) unfurls[url] = { blocks };
    }
    if (Object.keys(unfurls).length === 0) return;
    const where = event.channel && event.message_ts ? { channel: event.channel, ts: event.message_ts } : { unfurl_id: event.unfurl_id!, source: event.source as 'composer' | 'conversations_history' };
    await services.slack.chat.unfurl({ ...where, unfurls });
  });
}

async function documentPreview(services: BotServices, user: BotUser, id: string) {
  const found = await findDocumentWithAccess(services.db, user, id);
  if (!found.row) return null;
  const today = services.clock.today();
  const counts = await services.db
    .selectFrom('measures')
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`count(*) FILTER (WHERE status = 'done')::int`.as('done'),
      sql<number>`count(*) FILTER (WHERE due_date < ${today}::date AND status NOT IN ('done', 'cancelled'))::int`.as('overdue'),
    ])
    .where('document_id', '=', id)
    .executeTakeFirstOrThrow();
  const names = await organisationNames(services.db, [found.row.lead_organisation_id], user.locale);
  return unfurlBlocks(
    {
      id,
      title: found.row.title,
      kind: found.row.kind,
      status: found.row.status,
      leadName: names.get(found.row.lead_organisation_id) ?? '—',
      measuresDone: Number(counts.done),
      measuresTotal: Number(counts.total),
      overdue: Number(counts.overdue),
    },
    user.locale,
    services.publicUrl,
  );
}
