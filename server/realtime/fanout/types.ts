import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../../db/schema.ts';
import type { DomainEvents } from '../../events/bus.ts';
import type { RealtimeServer } from '../socket-auth.ts';

export interface FanoutContext {
  io: RealtimeServer;
  db: Kysely<Database>;
  events: DomainEvents;
  logger: Logger;
}

/** Subscribes to domain events and relays them to socket.io rooms; returns the unsubscribe. */
export type Fanout = (context: FanoutContext) => () => void;
