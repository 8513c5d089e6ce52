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
  try {
    // A direct message is addressed to the person; its history lives in the DM conversation.
    const channel = isDirectTarget(row.channel_id) ? (await services.slack.conversations.open({ users: row.channel_id })).channel?.id : row.channel_id;
    if (!channel) return false;
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const history = await services.slack.conversations.history({
        channel,
        oldest: String(Math.floor(row.attempted_at!.getTime() / 1000) - CLOCK_SLACK_S),
        include_all_metadata: true,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      const found = (history.messages ?? []).some((message) => message.metadata?.event_type === BATCH_EVENT_TYPE && (message.metadata.event_payload as { batch?: unknown } | undefined)?.batch === row.id);
      if (found) return true;
      cursor = history.response_metadata?.next_cursor || undefined;
      if (!cursor) return false;
    }
    return false;
  } catch (error) {
    services.logger.warn({ err: error, outboxId: row.id, channel: row.channel_id }, 'could not check whether a notification was posted before a restart; posting it');
    return false;
  }
}
