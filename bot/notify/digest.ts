import { listVisibleMeasures } from '../../server/queries/measures.ts';
import { weeklyDigestBlocks } from '../blocks/work-app.ts';
import type { BotServices } from '../services.ts';

/** The digest's message metadata (which week it tells). */
export const DIGEST_EVENT_TYPE = 'tansiq_weekly_digest';

const DAY_MS = 86_400_000;
const LOCAL_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Casablanca', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The week a digest belongs to, as an ISO week ("2026-W50"): weeks start on Monday at 08:00 in
 * Morocco, so the digest goes out on Monday morning (or at the first chance after, once). Pure.
 */
export function digestWeek(now: Date): string {
  const day = LOCAL_DAY.format(new Date(now.getTime() - 8 * 3_600_000));
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  const thursday = new Date(date.getTime() + (3 - weekday) * DAY_MS);
  const yearStart = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 1));
  const week = 1 + Math.floor((thursday.getTime() - yearStart.getTime()) / (7 * DAY_MS));
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * Sends the weekly digests due on the (injected) clock. Each person's week is claimed before the
 * post (one conditional UPDATE), so several processes, ticks or restarts send it at most once a
 * week; a crash between the claim and the post skips that week's digest rather than doubling it.
 */
export async function sendWeeklyDigests(services: BotServices): Promise<number> {
  const { db, logger } = services;
  const now = services.clock.now();
  const week = digestWeek(now);
  const candidates = await db
    .selectFrom('slack_user_settings')
    .innerJoin('slack_links', 'slack_links.user_id', 'slack_user_settings.user_id')
    .innerJoin('users', 'users.id', 'slack_user_settings.user_id')
    .select(['users.id as userId', 'users.organisation_id as organisationId', 'users.role', 'users.name', 'users.locale as userLocale', 'slack_user_settings.locale', 'slack_links.slack_user_id', 'slack_links.team_id'])
    .where('slack_user_settings.weekly_digest', '=', true)
    .where('slack_user_settings.muted', '=', false)
    .where((eb) => eb.or([eb('slack_user_settings.digest_week', 'is', null), eb('slack_user_settings.digest_week', '<>', week)]))
    .where('users.disabled_at', 'is', null)
    .limit(20)
    .execute();
  let sent = 0;
  for (const person of candidates) {
    const claimed = await db
      .updateTable('slack_user_settings')
      .set({ digest_week: week })
      .where('user_id', '=', person.userId)
      .where((eb) => eb.or([eb('digest_week', 'is', null), eb('digest_week', '<>', week)]))
      .returning('user_id')
      .executeTakeFirst();
    if (!claimed) continue;
    try {
      const today = services.clock.today();
      const subject = { userId: person.userId, organisationId: person.organisationId, role: person.role };
      const overdue = await listVisibleMeasures(db, subject, { overdue: true, organisationId: person.organisationId, today, limit: 200 });
      const horizon = addDays(today, 7);
      const mine = await listVisibleMeasures(db, subject, { organisationId: person.organisationId, today, limit: 500 });
      const dueSoon = mine.filter((measure) => measure.due && measure.due >= today && measure.due <= horizon && !['done', 'cancelled'].includes(measure.status));
      const unread = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('count')).where('user_id', '=', person.userId).where('read_at', 'is', null).executeTakeFirstOrThrow();
      const locale = person.locale ?? person.userLocale;
      const message = weeklyDigestBlocks(
        { userName: person.name, overdue, overdueTotal: overdue.length, dueSoon, dueSoonTotal: dueSoon.length, unread: Number(unread.count) },
        locale,
        services.publicUrl,
      );
      await services.slack.chat.postMessage({
        channel: person.slack_user_id,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { week } },
      });
      sent++;
    } catch (error) {
      logger.warn({ err: error, userId: person.userId, week }, 'could not send a weekly digest; it is skipped this week');
    }
  }
  return sent;
}
