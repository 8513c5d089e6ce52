import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { webApi } from '@slack/bolt';
import type { Database } from '../db/schema.ts';
import type { SlackConfig } from '../server/config.ts';
import type { Clock } from '../server/clock.ts';
import type { CollabHub } from '../server/collab/hub.ts';
import type { DomainEvents } from '../server/events/bus.ts';

/** What the bot's handlers reach: Tansiq's services and one Web API client. */
export interface BotServices {
  db: Kysely<Database>;
  hub: CollabHub;
  events: DomainEvents;
  clock: Clock;
  logger: Logger;
  publicUrl: string;
  config: SlackConfig;
  slack: webApi.WebClient;
}
