import type { Middleware } from 'koa';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { App, SocketModeReceiver, webApi, type Authorize, type Receiver } from '@slack/bolt';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../server/clock.ts';
import type { CollabHub } from '../server/collab/hub.ts';
import type { Config, SlackConfig } from '../server/config.ts';
import type { DomainEvents } from '../server/events/bus.ts';
import { registerActions } from './actions/register.ts';
import { boltLogger } from './bolt-logger.ts';
import { registerCommands } from './commands/router.ts';
import { claimDelivery } from './deliveries.ts';
import { registerEvents } from './events.ts';
import { KoaSlackReceiver } from './http/receiver.ts';
import { linkPage } from './linking/link-page.ts';
import { startNotifier } from './notify/notifier.ts';
import type { BotServices } from './services.ts';

export interface SlackBotDeps {
  db: Kysely<Database>;
  hub: CollabHub;
  events: DomainEvents;
  clock: Clock;
  logger: Logger;
  config: Config;
}

export interface SlackBot {
  /** POST /slack/events (HTTP mode) and /slack/link, to mount before the JSON body parser */
  middleware: Middleware;
  services: BotServices;
  close(): Promise<void>;
}

/** The Web API client: Slack's 429s are handled by whoever calls (the notifier retries after Retry-After). */
export function webClient(config: SlackConfig, logger: Logger): webApi.WebClient {
  return new webApi.WebClient(config.botToken, webClientOptions(config, logger));
}

function webClientOptions(config: SlackConfig, logger: Logger): webApi.WebClientOptions {
  return {
    slackApiUrl: config.apiUrl,
    logger: boltLogger(logger),
    rejectRateLimitedCalls: true,
    // A few quick retries of network failures; anything longer is the caller's decision.
    retryConfig: { retries: 2, minTimeout: 100, maxTimeout: 1_000 },
    timeout: 10_000,
  };
}

/**
 * Starts the Slack bot inside the Tansiq process: HTTP mode on POST /slack/events, or Socket Mode
 * when an app token is set. Null, with one log line, when Slack is not configured.
 */
export async function startSlackBot(deps: SlackBotDeps): Promise<SlackBot | null> {
  const config = deps.config.slack;
  if (!config) {
    deps.logger.info('Slack bot off: set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)');
    return null;
  }
  const logger = deps.logger;
  const services: BotServices = { ...deps, config, publicUrl: deps.config.publicUrl, slack: webClient(config, logger) };
  const receiver: Receiver & { middleware?(): Middleware } = config.appToken
    ? new SocketModeReceiver({ appToken: config.appToken, logger: boltLogger(logger), installerOptions: { clientOptions: { slackApiUrl: config.apiUrl } } })
    : new KoaSlackReceiver({ signingSecret: config.signingSecret!, logger, claimOnce: (key) => claimDelivery(deps.db, key, deps.clock.now()) });
  const app = new App({
    receiver,
    authorize: botAuthorize(services),
    logger: boltLogger(logger),
    clientOptions: webClientOptions(config, logger),
    convoStore: false,
  });
  app.error(async (error) => {
    logger.error({ err: error.original ?? error, code: error.code }, 'Slack listener failed');
  });
  app.use(async ({ body, next }) => {
    // Events come again when an ack was slow (X-Slack-Retry-Num): the first delivery acts, not the others.
    const event = body as { event_id?: unknown; team_id?: unknown };
    if (typeof event.event_id === 'string' && !(await claimDelivery(deps.db, `event:${String(event.team_id)}:${event.event_id}`, deps.clock.now()))) {
      logger.info({ eventId: event.event_id }, 'ignored a Slack event delivered again');
      return;
    }
    await next();
  });
  registerCommands(app, services);
  registerActions(app, services);
  registerEvents(app, services);
  const stopNotifier = startNotifier(services);
  if (config.appToken) {
    // A Slack outage must not keep Tansiq from starting: the socket client keeps reconnecting.
    app.start().catch((error: unknown) => logger.error({ err: error }, 'Slack Socket Mode could not connect'));
  }
  logger.info({ mode: config.appToken ? 'socket' : 'http' }, 'Slack bot on');
  const events = receiver.middleware?.();
  return {
    middleware: async (ctx, next) => {
      if (ctx.path === '/slack/link' && (ctx.method === 'GET' || ctx.method === 'POST')) return linkPage(services, ctx);
      return events ? events(ctx, next) : next();
    },
    services,
    close: async () => {
      await stopNotifier();
      await app.stop().catch((error: unknown) => logger.warn({ err: error }, 'Slack bot did not stop cleanly'));
    },
  };
}

/**
 * One workspace, one bot token. The bot's own ids (auth.test) are looked up in the background and
 * used once known: an ack must never wait for Slack.
 */
function botAuthorize(services: BotServices): Authorize<boolean> {
  let known: { botUserId?: string; botId?: string } = {};
  let pending: Promise<void> | undefined;
  let lastAttempt = 0;
  const lookUp = () => {
    if (pending || known.botUserId || Date.now() - lastAttempt < 60_000) return;
    lastAttempt = Date.now();
    pending = services.slack.auth
      .test()
      .then((result) => {
        known = { botUserId: result.user_id, botId: result.bot_id };
      })
      .catch((error: unknown) => services.logger.warn({ err: error }, 'Slack auth.test failed; will try again'))
      .finally(() => (pending = undefined));
  };
  lookUp();
  return async () => {
    lookUp();
    return { botToken: services.config.botToken, ...known };
  };
}
