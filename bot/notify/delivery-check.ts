import type { BotServices } from '../services.ts';
import type { OutboxRow } from './outbox.ts';
import { isDirectTarget } from './plan.ts';

/** The message metadata type our notifications carry, with `{ batch, events }` as payload. */
export const BATCH_EVENT_TYPE = 'tansiq_notification';

/** How far before the recorded attempt a message may have been stamped (clocks differ a little). */
const CLOCK_SLACK_S = 60;

/**
 * Did an earlier attempt post this batch (the process died before it could note so)? Reads the
 * conversation's messages since the attempt and looks for the batch id in their metadata. When
 * Slack cannot tell (no access to the history, an error), the answer is "no": the batch is posted
 * (once more at worst) rather than lost.
 */
export async function alreadyPosted(services: BotServices, row: OutboxRow): Promise<boolean> {
  return postedBefore(services, { target: row.channel_id, attemptedAt: row.attempted_at!, eventType: BATCH_EVENT_TYPE, key: 'batch', id: row.id });
}

/** A post whose attempt was recorded: where it went, and the id its message metadata carries under `key`. */
export interface AttemptedPost {
  /** a channel, or a Slack user id for a direct message */
  target: string;
  attemptedAt: Date;
  /** the root message's ts when the post is a reply in a thread (read with conversations.replies) */
  threadTs?: string;
  eventType: string;
  key: string;
  id: string;
}

/**
 * The check behind every post that may be retried after a crash (notifications, replies in a
 * card's thread): is a message carrying this id in its metadata already in the conversation (or
 * the thread) since the attempt? "No" when Slack cannot tell: posted once more at worst, never lost.
 */
export async function postedBefore(services: BotServices, post: AttemptedPost): Promise<boolean> {
  try {
    // A direct message is addressed to the person; its history lives in the DM conversation.
    const channel = isDirectTarget(post.target) ? (await services.slack.conversations.open({ users: post.target })).channel?.id : post.target;
    if (!channel) return false;
    const oldest = String(Math.floor(post.attemptedAt.getTime() / 1000) - CLOCK_SLACK_S);
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const common = { channel, oldest, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) };
      const answer: { messages?: Array<{ metadata?: { event_type?: string; event_payload?: unknown } }>; response_metadata?: { next_cursor?: string } } = post.threadTs
        ? await services.slack.conversations.replies({ ...common, ts: post.threadTs })
        : await services.slack.conversations.history(common);
      const found = (answer.messages ?? []).some(
        (message) => message.metadata?.event_type === post.eventType && String((message.metadata.event_payload as Record<string, unknown> | undefined)?.[post.key]) === post.id,
      );
      if (found) return true;
      cursor = answer.response_metadata?.next_cursor || undefined;
      if (!cursor) return false;
    }
    return false;
  } catch (error) {
    services.logger.warn({ err: error, target: post.target, eventType: post.eventType, id: post.id }, 'could not check whether a message was posted before a restart; posting it');
    return false;
  }
}
