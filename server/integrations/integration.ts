import type Router from '@koa/router';
import type { Middleware } from 'koa';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/schema.ts';
import type { Clock } from '../clock.ts';
import type { CollabHub } from '../collab/hub.ts';
import type { Config } from '../config.ts';
import type { DomainEvents } from '../events/bus.ts';
import type { AppContext, AppState } from '../http/context.ts';
import type { ReadinessCheck } from '../http/readiness.ts';

/** What the core hands an integration when it starts it. */
export interface IntegrationContext {
  db: Kysely<Database>;
  hub: CollabHub;
  /** the one domain-event bus: an integration subscribes to what it relays */
  events: DomainEvents;
  clock: Clock;
  config: Config;
  /** already scoped to the integration (component: its name) */
  logger: Logger;
}

/**
 * Something that plugs into Tansiq from outside the core (the Slack bot): the core starts it,
 * mounts what it serves, asks it whether it is ready and stops it, and never imports it. The
 * composition root (main.ts at the top of the repository) says which integrations run.
 */
export interface Integration {
  readonly name: string;
  /** its own endpoints that read the raw body (webhooks, form pages): mounted before the JSON parser */
  middleware?: Middleware<AppState, AppContext>;
  /** API routes: mounted with the core's, after the JSON parser and authentication */
  routers?: readonly Router<AppState, AppContext>[];
  /** for GET /readyz */
  readiness?: ReadinessCheck;
  close(): Promise<void>;
}

/** Starts an integration, or answers null (with one log line) when it is not configured. */
export interface IntegrationFactory {
  readonly name: string;
  start(context: IntegrationContext): Promise<Integration | null>;
}
