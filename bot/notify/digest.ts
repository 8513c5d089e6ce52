import { listVisibleMeasures } from '../../server/queries/measures.ts';
import { weeklyDigestBlocks } from '../blocks/work-app.ts';
import type { BotServices } from '../services.ts';
import { postedBefore } from './delivery-check.ts';

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
 * Sends the weekly digests due on the (injected) clock, once a week per person across processes,
 * ticks and crashes. Each person's week is claimed before the post (one conditional UPDATE that
 * also records the attempt); Slack's acceptance clears the attempt. A claim whose process died
 * before that (its attempt older than the delivery lease) is taken up again: the person's direct
 * messages are read for the digest of that week (message metadata) before it is posted again.
 * A digest Slack refuses is skipped for the week rather than tried for ever.
 */
export async function sendWeeklyDigests(services: BotServices): Promise<number> {
  const { db, logger } = services;
  const now = services.clock.now();
  const week = digestWeek(now);
  const abandonedBefore = new Date(now.getTime() - services.config.deliveryLeaseMs);
  const candidates = await db
    .selectFrom('slack_user_settings')
    .innerJoin('slack_links', 'slack_links.user_id', 'slack_user_settings.user_id')
    .innerJoin('users', 'users.id', 'slack_user_settings.user_id')
    .select([
      'users.id as userId',
      'users.organisation_id as organisationId',
      'users.role',
      'users.name',
      'users.locale as userLocale',
      'slack_user_settings.locale',
      'slack_user_settings.digest_week as claimedWeek',
      'slack_user_settings.digest_attempted_at as attemptedAt',
      'slack_links.slack_user_id',
      'slack_links.team_id',
    ])
    .where('slack_user_settings.weekly_digest', '=', true)
    .where('slack_user_settings.muted', '=', false)
    .where((eb) =>
      eb.or([
        eb('slack_user_settings.digest_week', 'is', null),
        eb('slack_user_settings.digest_week', '<>', week),
        eb.and([eb('slack_user_settings.digest_attempted_at', 'is not', null), eb('slack_user_settings.digest_attempted_at', '<', abandonedBefore)]),
      ]),
    )
    .where('users.disabled_at', 'is', null)
    .limit(20)
    .execute();
  let sent = 0;
  for (const person of candidates) {
    const resumed = person.claimedWeek === week && person.attemptedAt !== null;
    const claimed = await db
      .updateTable('slack_user_settings')
      .set({ digest_week: week, digest_attempted_at: now })
      .where('user_id', '=', person.userId)
      .where((eb) =>
        resumed
          ? eb.and([eb('digest_week', '=', week), eb('digest_attempted_at', '=', person.attemptedAt!)])
          : eb.or([eb('digest_week', 'is', null), eb('digest_week', '<>', week)]),
      )
      .returning('user_id')
      .executeTakeFirst();
    if (!claimed) continue;
    const settle = () => db.updateTable('slack_user_settings').set({ digest_attempted_at: null }).where('user_id', '=', person.userId).where('digest_week', '=', week).execute();
    try {
      if (resumed && (await postedBefore(services, { target: person.slack_user_id, attemptedAt: person.attemptedAt!, eventType: DIGEST_EVENT_TYPE, key: 'week', id: week }))) {
        await settle();
        logger.info({ userId: person.userId, week }, 'weekly digest was sent before a restart; not sent again');
        continue;
      }
      const today = services.clock.today();
      const subject = { userId: person.userId, organisationId: person.organisationId, role: person.role };
      const overdue = await listVisibleMeasures(db, subject, { overdue: true, organisationId: person.organisationId, today, limit: 200 });
      const horizon = addDays(today, 7);
      const mine = await listVisibleMeasures(db, subject, { organisationId: person.organisationId, today, limit: 500 });
      const dueSoon = mine.filter((measure) => measure.due && measure.due >= today && measure.due <= horizon && !['done', 'cancelled'].includes(measure.status));
      const unread = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('user_id', '=', person.userId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
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
      await settle();
      sent++;
    } catch (error) {
      await settle().catch(() => undefined);
      logger.warn({ err: error, userId: person.userId, week }, 'could not send a weekly digest; it is skipped this week');
    }
  }
  return sent;
}
