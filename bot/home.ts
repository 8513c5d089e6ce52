import { listSessions } from '../server/queries/sessions.ts';
import { listVisibleDocuments } from '../server/queries/documents.ts';
import { listVisibleMeasures } from '../server/queries/measures.ts';
import { linkBlocks } from './blocks/help.ts';
import { homeView, unlinkedHomeView, type HomeData } from './blocks/home.ts';
import { editableDocuments } from './commands/documents.ts';
import { organisationNames } from '../server/queries/organisations.ts';
import { resolveSlackUser } from './linking/identity.ts';
import type { BotUser, SlackIdentity } from './linking/links.ts';
import type { BotServices } from './services.ts';
import { settingsOf } from './notify/settings.ts';

const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Casablanca', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Publishes a user's App Home, as they may see it. */
export async function publishHome(services: BotServices, identity: SlackIdentity): Promise<void> {
  const resolved = await resolveSlackUser(services, identity);
  const view = resolved.user
    ? homeView(await homeData(services, resolved.user), resolved.user.locale, services.publicUrl, await settingsOf(services.db, resolved.user.userId))
    : unlinkedHomeView(linkBlocks(resolved.locale, resolved.linkUrl).blocks);
  await services.slack.views.publish({ user_id: identity.slackUserId, view });
}

async function homeData(services: BotServices, user: BotUser): Promise<HomeData> {
  const { db } = services;
  const today = services.clock.today();
  const inTwoWeeks = DAY.format(new Date(services.clock.now().getTime() + 14 * 86_400_000));
  const [overdue, mine, documents, sessions] = await Promise.all([
    listVisibleMeasures(db, user, { overdue: true, organisationId: user.organisationId, today, limit: 10 }),
    listVisibleMeasures(db, user, { organisationId: user.organisationId, today, limit: 200 }),
    listVisibleDocuments(db, user, { leadOrganisationId: user.organisationId, archived: 'false', limit: 6, offset: 0 }),
    listSessions(db, user, { upcoming: 'true', limit: 20, offset: 0 }, services.clock.now()),
  ]);
  const dueSoon = mine.filter((measure) => measure.due && measure.due >= today && measure.due <= inTwoWeeks && !['done', 'cancelled'].includes(measure.status)).slice(0, 10);
  const editable = await editableDocuments(
    db,
    user,
    [...overdue, ...dueSoon].map((measure) => measure.documentId),
  );
  const names = await organisationNames(
    db,
    documents.rows.map((row) => row.lead_organisation_id),
    user.locale,
  );
  return {
    userName: user.name,
    overdue: overdue.map((measure) => ({ ...measure, canEdit: editable.has(measure.documentId) })),
    dueSoon: dueSoon.map((measure) => ({ ...measure, canEdit: editable.has(measure.documentId) })),
    documents: documents.rows.map((row) => ({ id: row.id, title: row.title, kind: row.kind, status: row.status, leadName: names.get(row.lead_organisation_id) ?? '—' })),
    documentsTotal: documents.total,
    sessions: sessions
      .filter((view) => view.session.state === 'live' || DAY.format(view.session.scheduled_at) === today)
      .map((view) => ({ title: view.session.title, scheduledAt: view.session.scheduled_at, state: view.session.state })),
  };
}
