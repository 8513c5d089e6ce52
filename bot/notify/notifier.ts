import { webApi } from '@slack/bolt';
import type { DomainEvent } from '../../server/events/bus.ts';
import { DURABLE_EVENT_TYPES, pruneEventOutbox, takeEvents } from '../../server/events/outbox.ts';
import { queueCycleNotices } from '../cycles/notices.ts';
import { pruneDeliveries } from '../deliveries.ts';
import type { BotServices } from '../services.ts';
import { slackUsersOf } from '../linking/links.ts';
import { audienceOf, cycleNoticeFor, documentFollowers } from './audience.ts';
import { alreadyPosted, BATCH_EVENT_TYPE } from './delivery-check.ts';
import { claim, done, dueRows, enqueue, isSubjectRow, markAttempted, retryAt, type OutboxRow } from './outbox.ts';
import { ChannelPacer } from './pacer.ts';
import { pauseChannel } from './pause.ts';
import { isDirectTarget, planSlackEvent, type SlackPlan } from './plan.ts';
import { renderRow, type RenderedMessage } from './render.ts';
import { subscriptionsFollowing } from './subscriptions.ts';
import { deliverThreadPosts, markCardsStale, queueThreadPosts, refreshCards, rememberCard } from './cards.ts';
import { sendWeeklyDigests } from './digest.ts';
import { personalPlan, type PersonalPlan } from './personal.ts';
import { loadSettings, wants } from './settings.ts';

const MAX_ATTEMPTS = 5;
const ROWS_PER_TICK = 25;
const EVENTS_PER_TICK = 200;
/** The conversation is gone or closed to the bot: its subscriptions are paused, the subscribers told. */
const CONVERSATION_CLOSED = new Set(['channel_not_found', 'not_in_channel', 'is_archived']);
// Errors that another attempt will not fix: the message is dropped (and logged).
const PERMANENT = new Set([
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'user_not_found',
  'cannot_dm_bot',
  'invalid_blocks',
  'msg_too_long',
  'restricted_action',
  'missing_scope',
]);

/**
 * Channel and direct-message notifications. Commands record their events in the event outbox in
 * the transaction of their change (server/events/outbox.ts); this loop takes them in, queues them
 * in the Slack outbox (coalesced per channel and subject) in one transaction, and posts what is
 * due, paced per channel, retrying after 429s. A post is marked as attempted before it is made
 * and carries its batch id in message metadata, so after a crash the next attempt asks Slack
 * (conversations.history) before posting again. Nothing here can fail a web request.
 */
export function startNotifier(services: BotServices): () => Promise<void> {
  const { logger } = services;
  const pacer = new ChannelPacer(services.config.channelIntervalMs);
  let running: Promise<void> | null = null;
  let again = false;
  let lastPrune = 0;
  const tick = () => {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      await takeInEvents(services);
      await flush(services, pacer);
      await refreshCards(services);
      await deliverThreadPosts(services);
      await sendWeeklyDigests(services);
      if (Date.now() - lastPrune > 600_000) {
        lastPrune = Date.now();
        await pruneDeliveries(services.db, services.clock.now());
        await pruneEventOutbox(services.db, services.clock.now());
      }
    })()
      .catch((error: unknown) => logger.error({ err: error }, 'Slack notification loop failed'))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          setImmediate(tick);
        }
      });
  };
  // The bus only says "there is news" (sooner than the next tick); the event outbox holds it.
  const stopListening = services.events.onAny((event: DomainEvent) => {
    if (DURABLE_EVENT_TYPES.has(event.type)) tick();
  });
  const timer = setInterval(tick, services.config.flushIntervalMs);
  timer.unref();
  return async () => {
    stopListening();
    clearInterval(timer);
    again = false;
    await running;
  };
}

/**
 * Moves recorded events into the Slack outbox: taking them and queueing them is one transaction,
 * so each is queued once. The same transaction marks the live cards they change and queues
 * Tansiq replies for the Slack threads that follow their comment thread.
 */
async function takeInEvents(services: BotServices): Promise<void> {
  for (;;) {
    const { taken } = await takeEvents(services.db, 'slack', EVENTS_PER_TICK, async (trx, events) => {
      const scoped = { ...services, db: trx };
      const now = services.clock.now();
      for (const event of events) {
        await markCardsStale(trx, event, now);
        const threaded = await queueThreadPosts(trx, event);
        const plan = planSlackEvent(event);
        if (plan) await queue(scoped, plan, threaded);
        const personal = await personalPlan(trx, event);
        if (personal) await queuePersonal(scoped, personal, threaded);
        // Follow-up cycles: their notices are made now and queued as ready messages.
        await queueCycleNotices(scoped, event);
      }
    });
    if (taken < EVENTS_PER_TICK) return;
  }
}

/** `threaded`: conversations ("team/channel") that get this comment in a card's thread, not as a message of its own. */
async function queue(services: BotServices, plan: SlackPlan, threaded: ReadonlySet<string>): Promise<void> {
  const { db } = services;
  const now = services.clock.now();
  const window = { quietMs: services.config.coalesceQuietMs, maxMs: services.config.coalesceMaxMs };
  if (plan.category) {
    const followed = plan.subject.type === 'session' ? [{ type: 'commission' as const, id: plan.commissionId! }] : await documentFollowers(services, plan.subject.id);
    const channels = new Map<string, { teamId: string; channelId: string }>();
    for (const sub of await subscriptionsFollowing(db, followed)) {
      if (plan.stored.kind === 'comment' && threaded.has(`${sub.team_id}/${sub.channel_id}`)) continue;
      if (sub.events.includes(plan.category)) channels.set(`${sub.team_id}/${sub.channel_id}`, { teamId: sub.team_id, channelId: sub.channel_id });
    }
    for (const channel of channels.values()) await enqueue(db, { ...channel, subject: plan.subject }, plan.stored, now, window);
  }
  for (const target of await slackUsersOf(db, plan.dmUserIds)) {
    await enqueue(db, { teamId: target.teamId, channelId: target.slackUserId, subject: plan.subject }, plan.stored, now, window);
  }
}

/** Personal notifications, to the linked people who want this kind by direct message (App Home settings). */
async function queuePersonal(services: BotServices, plan: PersonalPlan, threaded: ReadonlySet<string>): Promise<void> {
  const { db } = services;
  const settings = await loadSettings(db, plan.userIds);
  const wanted = plan.userIds.filter((userId) => wants(settings.get(userId), plan.kind));
  const window = { quietMs: services.config.coalesceQuietMs, maxMs: services.config.coalesceMaxMs };
  for (const target of await slackUsersOf(db, wanted)) {
    // A reply to a thread whose card is in this person's messages goes into that card's thread.
    if (plan.stored.kind === 'reply' && threaded.has(`${target.teamId}/${target.slackUserId}`)) continue;
    await enqueue(db, { teamId: target.teamId, channelId: target.slackUserId, subject: { type: 'document', id: plan.documentId } }, plan.stored, services.clock.now(), window);
  }
}

async function flush(services: BotServices, pacer: ChannelPacer): Promise<void> {
  const now = services.clock.now();
  for (const candidate of await dueRows(services.db, now, ROWS_PER_TICK)) {
    if (!pacer.ready(candidate.channel_id, Date.now())) continue;
    const row = await claim(services.db, candidate.id, now, services.config.deliveryLeaseMs);
    if (row) await deliver(services, pacer, row);
  }
}

async function deliver(services: BotServices, pacer: ChannelPacer, row: OutboxRow): Promise<void> {
  const { db, logger } = services;
  const log = { outboxId: row.id, channel: row.channel_id, subject: row.subject_id, events: row.event_count };
  try {
    const message = await messageOf(services, row);
    if (!message) {
      // Unsubscribed, access lost, subject gone: nobody is left to tell.
      await done(db, row.id);
      return;
    }
    if (row.attempted_at && (await alreadyPosted(services, row))) {
      await done(db, row.id);
      logger.info(log, 'Slack notification was posted before a restart; not posted again');
      return;
    }
    await markAttempted(db, row.id, services.clock.now());
    pacer.sent(row.channel_id, Date.now());
    const posted = await services.slack.chat.postMessage({
      channel: row.channel_id,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
      metadata: { event_type: BATCH_EVENT_TYPE, event_payload: { batch: row.id, events: row.event_count } },
    });
    await done(db, row.id);
    // Kept up to date from now on (live cards), and its thread fed both ways when it is about one thread.
    if (isSubjectRow(row))
      await rememberCard(db, row, { channel: posted.channel, ts: posted.ts }, message).catch((error: unknown) =>
        logger.warn({ err: error, ...log }, 'could not remember a Slack card'),
      );
    logger.debug(log, 'Slack notification posted');
  } catch (error) {
    await failed(services, pacer, row, error, log);
  }
}

/**
 * What a row says now, for whoever will read it: a burst about a document or a session is drawn
 * for its audience as it stands at delivery; a ready message (a follow-up cycle's notice), made
 * when its event was taken in, is shown or replaced by the minimal notice for its audience now.
 */
async function messageOf(services: BotServices, row: OutboxRow): Promise<RenderedMessage | null> {
  if (!isSubjectRow(row)) return cycleNoticeFor(services, row);
  const audience = await audienceOf(services, row);
  return audience ? renderRow(services, row, audience) : null;
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
  if (platformError && CONVERSATION_CLOSED.has(platformError) && !isDirectTarget(row.channel_id)) {
    await done(db, row.id);
    await pauseChannel(services, row.team_id, row.channel_id, platformError);
    logger.warn({ ...log, slackError: platformError }, 'Slack refused a channel: its subscriptions are paused and their subscribers told');
    return;
  }
  if (platformError && (PERMANENT.has(platformError) || CONVERSATION_CLOSED.has(platformError))) {
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
