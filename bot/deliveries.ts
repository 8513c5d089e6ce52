import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Slack may deliver one thing several times: an event again when our ack was slow
 * (X-Slack-Retry-Num), a request replayed by someone who captured it. The first delivery claims
 * its key; later ones find it taken. Slack retries over about an hour, so keys live for two.
 */
export const DELIVERY_TTL_MS = 2 * 3_600_000;

export async function claimDelivery(db: Kysely<Database>, key: string, now: Date): Promise<boolean> {
  const inserted = await db
    .insertInto('slack_deliveries')
    .values({ key: key.slice(0, 300), expires_at: new Date(now.getTime() + DELIVERY_TTL_MS) })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function pruneDeliveries(db: Kysely<Database>, now: Date): Promise<void> {
  await db.deleteFrom('slack_deliveries').where('expires_at', '<', now).execute();
}
