import { webApi } from '@slack/bolt';
import { pruneDeliveries } from '../deliveries.ts';
import type { BotServices } from '../services.ts';
import { slackUsersOf } from '../linking/links.ts';
import { audienceOf, documentFollowers } from './audience.ts';
import { claim, done, dueRows, enqueue, retryAt, type OutboxRow } from './outbox.ts';
import { ChannelPacer } from './pacer.ts';
import { planSlackEvent, type SlackPlan } from './plan.ts';
import { renderRow } from './render.ts';
import { subscriptionsFollowing } from './subscriptions.ts';

const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 5;
const ROWS_PER_TICK = 25;
// Errors that another attempt will not fix: the message is dropped (and logged).
const PERMANENT = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'invalid_auth', 'account_inactive', 'token_revoked', 'user_not_found', 'cannot_dm_bot', 'invalid_blocks', 'msg_too_long', 'restricted_action', 'missing_scope']);

/**
 * Channel and direct-message notifications: domain events are queued in the outbox (coalesced per
 * channel and subject), and a loop posts what is due, paced per channel, retrying after 429s.
 * Nothing here can fail a web request: the bus isolates listeners, and every error is logged.
 */
export function startNotifier(services: BotServices): () => Promise<void> {
  const { logger } = services;
  const pacer = new ChannelPacer(services.config.channelIntervalMs);
  const stopListening = services.events.onAny(async (event) => {
    const plan = planSlackEvent(event);
    if (!plan) return;
    try {
      await queue(services, plan);
    } catch (error) {
      logger.error({ err: error, event: event.type }, 'could not queue a Slack notification');
    }
  });
  let running: Promise<void> | null = null;
  let lastPrune = 0;
  const tick = () => {
    if (running) return;
    running = flush(services, pacer)
      .then(async () => {
        if (Date.now() - lastPrune > 600_000) {
          lastPrune = Date.now();
          await pruneDeliveries(services.db, services.clock.now());
        }
      })
      .catch((error: unknown) => logger.error({ err: error }, 'Slack notification loop failed'))
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, services.config.flushIntervalMs);
  timer.unref();
  return async () => {
    stopListening();
    clearInterval(timer);
    await running;
  };
}

async function queue(services: BotServices, plan: SlackPlan): Promise<void> {
  const { db } = services;
  const now = services.clock.now();
  const window = { quietMs: services.config.coalesceQuietMs, maxMs: services.config.coalesceMaxMs };
  if (plan.category) {
    const followed = plan.subject.type === 'session' ? [{ type: 'commission' as const, id: plan.commissionId! }] : await documentFollowers(services, plan.subject.id);
    const channels = new Map<string, { teamId: string; channelId: string }>();
    for (const sub of await subscriptionsFollowing(db, followed)) {
      if (sub.events.includes(plan.category)) channels.set(`${sub.team_id}/${sub.channel_id}`, { teamId: sub.team_id, channelId: sub.channel_id });
    }
    for (const channel of channels.values()) await enqueue(db, { ...channel, subject: plan.subject }, plan.stored, now, window);
  }
  for (const target of await slackUsersOf(db, plan.dmUserIds)) {
    await enqueue(db, { teamId: target.teamId, channelId: target.slackUserId, subject: plan.subject }, plan.stored, now, window);
  }
}

async function flush(services: BotServices, pacer: ChannelPacer): Promise<void> {
  const now = services.clock.now();
  for (const candidate of await dueRows(services.db, now, ROWS_PER_TICK)) {
    if (!pacer.ready(candidate.channel_id, Date.now())) continue;
    const row = await claim(services.db, candidate.id, now, LEASE_MS);
    if (row) await deliver(services, pacer, row);
  }
}

async function deliver(services: BotServices, pacer: ChannelPacer, row: OutboxRow): Promise<void> {
  const { db, logger } = services;
  const log = { outboxId: row.id, channel: row.channel_id, subject: row.subject_id, events: row.event_count };
  try {
    const audience = await audienceOf(services, row);
    const message = audience ? await renderRow(services, row, audience) : null;
    if (!message) {
      // Unsubscribed, access lost, subject gone: nobody is left to tell.
      await done(db, row.id);
      return;
    }
    pacer.sent(row.channel_id, Date.now());
    await services.slack.chat.postMessage({ channel: row.channel_id, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
    await done(db, row.id);
    logger.debug(log, 'Slack notification posted');
  } catch (error) {
    await failed(services, pacer, row, error, log);
  }
}

async function failed(services: BotServices, pacer: ChannelPacer, row: OutboxRow, error: unknown, log: Record<string, unknown>): Promise<void> {
  const { db, logger } = services;
  const coded = error as { code?: string; retryAfter?: number; data?: { error?: string } };
  if (coded.code === webApi.ErrorCode.RateLimitedError) {
    const until = Date.now() + (coded.retryAfter ?? 1) * 1000;
    pacer.blockUntil(row.channel_id, until);
    await retryAt(db, row.id, new Date(services.clock.now().getTime() + (coded.retryAfter ?? 1) * 1000), false);
    logger.info({ ...log, retryAfter: coded.retryAfter }, 'Slack rate limit: notification will be retried');
    return;
  }
  const platformError = coded.code === webApi.ErrorCode.PlatformError ? coded.data?.error : undefined;
  if (platformError && PERMANENT.has(platformError)) {
    await done(db, row.id);
    logger.warn({ ...log, slackError: platformError }, 'Slack refused a notification; dropped');
    return;
  }
  const attempts = await retryAt(db, row.id, new Date(services.clock.now().getTime() + 2_000 * 2 ** row.attempts), true);
  if (attempts >= MAX_ATTEMPTS) {
    await done(db, row.id);
    logger.error({ ...log, err: error, attempts }, 'Slack notification failed too often; dropped');
  } else {
    logger.warn({ ...log, err: error, attempts, slackError: platformError }, 'Slack notification failed; will retry');
  }
}
