import { createHash } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import { webApi } from '@slack/bolt';
import type { Database, SlackCardsTable } from '../../db/schema.ts';
import type { DomainEvent } from '../../server/events/bus.ts';
import { loadMentionNames } from '../../server/queries/mention-names.ts';
import { mentionsAsNames } from '../../shared/mentions.ts';
import { oneLine, section } from '../blocks/common.ts';
import { t } from '../i18n/index.ts';
import type { BotServices } from '../services.ts';
import { audienceOf } from './audience.ts';
import { postedBefore } from './delivery-check.ts';
import type { SubjectRow } from './outbox.ts';
import { renderRow, type RenderedMessage } from './render.ts';

/**
 * Live cards: every message the notifier posts is remembered, and drawn again with chat.update
 * when its subject changes (a status, a comment, a measure, a decision), never posted again: stale
 * Adopt/Return buttons go, and the card says how things stand now and who acted. The change marks
 * the cards in the transaction that takes the event in (`wanted` goes up); the loop draws each
 * marked card once for all the changes it missed.
 *
 * A card about exactly one comment thread also carries that thread: Tansiq replies to it are
 * posted in the card's Slack thread (`slack_thread_posts`), and replies written there become
 * replies in Tansiq (bot/threads.ts).
 */

type Card = Selectable<SlackCardsTable>;

/** Cards older than this are left as they are. */
const CARD_LIFETIME_MS = 30 * 86_400_000;
const CARDS_PER_TICK = 10;
const LEASE_MS = 30_000;
/** The card is gone or can no longer be changed: forget it. */
const CARD_GONE = new Set(['message_not_found', 'cant_update_message', 'channel_not_found', 'is_archived', 'not_in_channel', 'edit_window_closed']);

const fingerprint = (message: RenderedMessage) =>
  createHash('sha256')
    .update(JSON.stringify([message.text, message.blocks]))
    .digest('base64url');

export async function rememberCard(db: Kysely<Database>, row: SubjectRow, posted: { channel?: string; ts?: string }, message: RenderedMessage): Promise<void> {
  if (!posted.ts) return;
  await db
    .insertInto('slack_cards')
    .values({
      team_id: row.team_id,
      target_id: row.channel_id,
      channel_id: posted.channel ?? row.channel_id,
      ts: posted.ts,
      subject_type: row.subject_type,
      subject_id: row.subject_id,
      events: JSON.stringify(row.events),
      event_count: row.event_count,
      thread_comment_id: message.threadRootId ?? null,
      rendered_hash: fingerprint(message),
    })
    .onConflict((oc) => oc.columns(['team_id', 'channel_id', 'ts']).doNothing())
    .execute();
}

/** What an event changes on the cards that show it. */
function changedSubject(event: DomainEvent): { type: 'document' | 'session'; id: string; actor: string | null } | null {
  switch (event.type) {
    case 'document.status_changed':
    case 'comment.created':
    case 'comment.resolved':
    case 'measure.status_changed':
      return { type: 'document', id: event.documentId, actor: event.actorUserId };
    case 'session.started':
    case 'session.item_changed':
    case 'session.decision_recorded':
    case 'session.closed':
      return { type: 'session', id: event.sessionId, actor: event.actorUserId };
    default:
      return null;
  }
}

/** Marks the cards an event makes stale; in the transaction that takes the event in. */
export async function markCardsStale(trx: Kysely<Database>, event: DomainEvent, now: Date): Promise<void> {
  const subject = changedSubject(event);
  if (!subject) return;
  await trx
    .updateTable('slack_cards')
    .set((eb) => ({ wanted: eb('wanted', '+', 1), last_actor_id: subject.actor ?? eb.ref('last_actor_id') }))
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .where('created_at', '>', new Date(now.getTime() - CARD_LIFETIME_MS))
    .execute();
}

/**
 * A Tansiq reply to a thread that has cards: queued for each card's Slack thread, in the
 * transaction that takes the event in. Returns the conversations ("team/channel") that get it in
 * a thread, where it is not posted again as a message of its own.
 */
export async function queueThreadPosts(trx: Kysely<Database>, event: DomainEvent): Promise<Set<string>> {
  const threaded = new Set<string>();
  if (event.type !== 'comment.created' || !event.threadId) return threaded;
  const cards = await trx.selectFrom('slack_cards').select(['id', 'team_id', 'target_id']).where('thread_comment_id', '=', event.threadId).execute();
  if (cards.length === 0) return threaded;
  await trx
    .insertInto('slack_thread_posts')
    .values(cards.map((card) => ({ card_id: card.id, comment_id: event.commentId })))
    .onConflict((oc) => oc.columns(['card_id', 'comment_id']).doNothing())
    .execute();
  for (const card of cards) threaded.add(`${card.team_id}/${card.target_id}`);
  return threaded;
}

/** Draws the stale cards again (chat.update), a few per tick. */
export async function refreshCards(services: BotServices): Promise<void> {
  const { db } = services;
  const now = services.clock.now();
  const stale = await db
    .selectFrom('slack_cards')
    .select('id')
    .where(sql<boolean>`wanted > rendered`)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .orderBy('id')
    .limit(CARDS_PER_TICK)
    .execute();
  for (const { id } of stale) {
    const card = await db
      .updateTable('slack_cards')
      .set({ claimed_until: new Date(now.getTime() + LEASE_MS) })
      .where('id', '=', id)
      .where(sql<boolean>`wanted > rendered`)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .returningAll()
      .executeTakeFirst();
    if (card) await redraw(services, card);
  }
}

async function redraw(services: BotServices, card: Card): Promise<void> {
  const { db, logger } = services;
  const drawn = (hash: string | null) =>
    db
      .updateTable('slack_cards')
      .set({ rendered: card.wanted, claimed_until: null, ...(hash ? { rendered_hash: hash } : {}) })
      .where('id', '=', card.id)
      .execute();
  try {
    // Who may read it is decided again: a card never shows more than its readers may now see.
    const audience = await audienceOf(services, { team_id: card.team_id, channel_id: card.target_id, subject_type: card.subject_type, subject_id: card.subject_id });
    const message = audience ? await renderRow(services, card, audience, { lastActorId: card.last_actor_id }) : null;
    if (!message) return void (await drawn(null));
    const hash = fingerprint(message);
    if (hash !== card.rendered_hash) {
      await services.slack.chat.update({ channel: card.channel_id, ts: card.ts, text: message.text, blocks: message.blocks });
    }
    await drawn(hash);
  } catch (error) {
    const coded = error as { code?: string; retryAfter?: number; data?: { error?: string } };
    const slackError = coded.code === webApi.ErrorCode.PlatformError ? coded.data?.error : undefined;
    if (slackError && CARD_GONE.has(slackError)) {
      await db.deleteFrom('slack_cards').where('id', '=', card.id).execute();
      return;
    }
    const retryInMs = coded.code === webApi.ErrorCode.RateLimitedError ? (coded.retryAfter ?? 1) * 1000 : 5_000;
    await db
      .updateTable('slack_cards')
      .set({ claimed_until: new Date(services.clock.now().getTime() + retryInMs) })
      .where('id', '=', card.id)
      .execute();
    logger.warn({ err: error, card: card.id, slackError }, 'could not update a Slack card; will try again');
  }
}

/** The message metadata of a Tansiq reply posted in a card's thread. */
export const THREAD_EVENT_TYPE = 'tansiq_thread_reply';

/**
 * Posts queued Tansiq replies in their cards' Slack threads, at most once across crashes as the
 * notifications are (notifier.ts): the attempt is committed before the post, the message carries
 * the post's id in its metadata, and a post found attempted (its process died before it could
 * note the outcome) is looked up in the thread (conversations.replies) before being posted again.
 */
export async function deliverThreadPosts(services: BotServices): Promise<void> {
  const { db, logger } = services;
  const now = services.clock.now();
  const leaseMs = services.config.deliveryLeaseMs;
  const due = await db
    .selectFrom('slack_thread_posts')
    .select('id')
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .orderBy('id')
    .limit(CARDS_PER_TICK)
    .execute();
  for (const { id } of due) {
    const post = await db
      .updateTable('slack_thread_posts')
      .set({ claimed_until: new Date(now.getTime() + leaseMs) })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .returningAll()
      .executeTakeFirst();
    if (!post) continue;
    const forget = () => db.deleteFrom('slack_thread_posts').where('id', '=', post.id).execute();
    try {
      const card = await db.selectFrom('slack_cards').selectAll().where('id', '=', post.card_id).executeTakeFirst();
      const message = card ? await threadReply(services, card, post.comment_id) : null;
      if (!card || !message) {
        await forget();
        continue;
      }
      const attempt = { target: card.channel_id, threadTs: card.ts, eventType: THREAD_EVENT_TYPE, key: 'post', id: String(post.id) };
      if (post.attempted_at && (await postedBefore(services, { ...attempt, attemptedAt: post.attempted_at }))) {
        await forget();
        logger.info({ post: post.id, channel: card.channel_id }, 'Tansiq reply was posted in its Slack thread before a restart; not posted again');
        continue;
      }
      await db.updateTable('slack_thread_posts').set({ attempted_at: services.clock.now() }).where('id', '=', post.id).execute();
      await services.slack.chat.postMessage({
        channel: card.channel_id,
        thread_ts: card.ts,
        text: message,
        blocks: [section(message)],
        unfurl_links: false,
        unfurl_media: false,
        metadata: { event_type: THREAD_EVENT_TYPE, event_payload: { post: String(post.id) } },
      });
      await forget();
    } catch (error) {
      const attempts = post.attempts + 1;
      if (attempts >= 5) await forget();
      else
        await db
          .updateTable('slack_thread_posts')
          .set({ attempts, claimed_until: new Date(services.clock.now().getTime() + 2_000 * 2 ** attempts) })
          .where('id', '=', post.id)
          .execute();
      logger.warn({ err: error, post: post.id, attempts }, 'could not post a Tansiq reply in a Slack thread');
    }
  }
}

/** The text of a Tansiq reply for a card's thread, or null: written in that very thread, deleted, or not for every reader. */
async function threadReply(services: BotServices, card: Card, commentId: string): Promise<string | null> {
  const { db } = services;
  const origin = await db.selectFrom('slack_comment_origins').selectAll().where('comment_id', '=', commentId).executeTakeFirst();
  if (origin && origin.team_id === card.team_id && origin.channel_id === card.channel_id && origin.thread_ts === card.ts) return null;
  const audience = await audienceOf(services, { team_id: card.team_id, channel_id: card.target_id, subject_type: card.subject_type, subject_id: card.subject_id });
  if (!audience?.everyoneMayRead) return null;
  const comment = await db
    .selectFrom('comments')
    .innerJoin('users', 'users.id', 'comments.author_id')
    .select(['comments.body', 'users.name'])
    .where('comments.id', '=', commentId)
    .where('comments.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!comment) return null;
  const names = await loadMentionNames(db, [comment.body], audience.locale);
  return t(audience.locale, 'thread.reply', { author: comment.name, text: oneLine(mentionsAsNames(comment.body, names), 2000) });
}
