import { listSessions } from '../../server/queries/sessions.ts';
import { presentSession } from '../../server/presenters/session.ts';
import { sessionBlocks, type SessionSummary } from '../blocks/session.ts';
import type { SlackMessage } from '../blocks/common.ts';
import type { BotUser } from '../linking/links.ts';
import type { BotServices } from '../services.ts';
import { findCommissionNames } from '../../server/queries/commissions.ts';

/** The live session of the reader's commissions, else the next planned one; items as the session presenter shows them. */
export async function sessionCommand(services: BotServices, user: BotUser): Promise<SlackMessage> {
  const sessions = await listSessions(services.db, user, { upcoming: 'true', limit: 20, offset: 0 }, services.clock.now());
  const chosen = sessions.find((view) => view.session.state === 'live') ?? sessions[0];
  if (!chosen) return sessionBlocks(null, user.locale, services.publicUrl);
  const presented = presentSession(chosen, user);
  const commission = await findCommissionNames(services.db, chosen.session.commission_id);
  const summary: SessionSummary = {
    title: presented.title,
    commissionName: commission?.names[user.locale] ?? '',
    state: presented.state,
    scheduledAt: chosen.session.scheduled_at,
    startedAt: chosen.session.started_at,
    location: presented.location,
    currentItemId: presented.currentItemId,
    items: presented.items.map((item) => ({ id: item.id, title: item.title, documentId: item.documentId, decision: item.decision })),
    minutesDocumentId: presented.minutesDocumentId,
  };
  return sessionBlocks(summary, user.locale, services.publicUrl);
}
