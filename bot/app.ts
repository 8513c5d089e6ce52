import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { App, SocketModeReceiver, webApi, type Authorize, type Receiver } from '@slack/bolt';
import type { SlackConfig } from '../server/config.ts';
import type { Integration, IntegrationContext, IntegrationFactory } from '../server/integrations/integration.ts';
import { registerActions } from './actions/register.ts';
import { registerReportOpen } from './actions/report-open.ts';
import { registerReportSubmit } from './actions/report-submit.ts';
import { registerReportCommand } from './commands/report.ts';
import { boltLogger } from './bolt-logger.ts';
import { registerCommands } from './commands/router.ts';
import { claimDelivery } from './deliveries.ts';
import { registerEvents } from './events.ts';
import { registerWorkApp } from './work-app.ts';
import { KoaSlackReceiver } from './http/receiver.ts';
import { linkApiRouter } from './linking/link-api.ts';
import { linkPage } from './linking/link-page.ts';
import { startNotifier } from './notify/notifier.ts';
import type { BotServices } from './services.ts';
import { SocketSupervisor } from './socket-supervisor.ts';

/**
 * The Slack bot as an integration: it owns POST /slack/events (HTTP mode), the account-link page
 * /slack/link and its API /api/slack/link, and reports its Socket Mode connection to /readyz.
 */
export const slackIntegration: IntegrationFactory = { name: 'slack', start: startSlackBot };

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
async function startSlackBot(deps: IntegrationContext): Promise<Integration | null> {
  const config = deps.config.slack;
  if (!config) {
    deps.logger.info('Slack bot off: set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)');
    return null;
  }
  const logger = deps.logger;
  const services: BotServices = { ...deps, config, publicUrl: deps.config.publicUrl, slack: webClient(config, logger) };
  // Socket Mode reconnects under the supervisor below, not by itself (see socket-supervisor.ts).
  const socketReceiver = config.appToken
    ? new SocketModeReceiver({
        appToken: config.appToken,
        logger: boltLogger(logger),
        autoReconnectEnabled: false,
        installerOptions: { clientOptions: { slackApiUrl: config.apiUrl } },
      })
    : null;
  const receiver: Receiver & { middleware?(): Middleware } = socketReceiver
    ? socketReceiver
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
  // Follow-up cycles (issue 19): `/tansiq report` is answered ahead of the command router.
  registerReportCommand(app, services);
  registerCommands(app, services);
  registerActions(app, services);
  registerReportOpen(app, services);
  registerReportSubmit(app, services);
  registerEvents(app, services);
  registerWorkApp(app, services);
  const stopNotifier = startNotifier(services);
  // A Slack outage or a refused token must not keep Tansiq from starting: the supervisor keeps trying.
  const supervisor = socketReceiver ? new SocketSupervisor(socketReceiver.client, logger, { baseDelayMs: config.socketRetryMs }) : null;
  supervisor?.start();
  logger.info({ mode: config.appToken ? 'socket' : 'http' }, 'Slack bot on');
  const events = receiver.middleware?.();
  const middleware: Middleware = async (ctx, next) => {
    if (ctx.path === '/slack/link' && (ctx.method === 'GET' || ctx.method === 'POST')) return linkPage(services, ctx);
    return events ? events(ctx, next) : next();
  };
  return {
    name: 'slack',
    middleware,
    routers: [linkApiRouter(services)],
    readiness: {
      name: 'slack',
      // Tansiq works without Slack: a bot that is down is reported, the process stays in service.
      critical: false,
      check: async () => {
        const connection = supervisor?.status();
        if (!connection || connection.state === 'up') return null;
        return `Socket Mode ${connection.state} since ${connection.since.toISOString()}${connection.error ? ` (${connection.error})` : ''}`;
      },
    },
    close: async () => {
      await supervisor?.stop();
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
