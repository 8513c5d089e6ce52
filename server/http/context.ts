import type { ParameterizedContext } from 'koa';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import type { CollabHub } from '../collab/hub.ts';
import type { DomainEvents } from '../events/bus.ts';
import type { Registry } from 'prom-client';
import type { Clock } from '../clock.ts';

/** What every request handler can reach: shared services, created once per process. */
export interface Services {
  db: Kysely<Database>;
  config: Config;
  logger: Logger;
  events: DomainEvents;
  hub: CollabHub;
  metrics: Registry;
  clock: Clock;
}

export interface AppState {
  requestId: string;
  log: Logger;
  /** set by `authenticate` when the request carries a valid session cookie or API token */
  actor?: Actor;
}

export type AppContext = ParameterizedContext<AppState> & { services: Services; request: { body?: unknown } };
