import Koa from 'koa';
import type { Services } from './http/context.ts';
import type { AppContext, AppState } from './http/context.ts';
import { authenticate } from './http/authenticate.ts';
import { errorHandler } from './http/error-handler.ts';
import { jsonBody } from './http/json-body.ts';
import type { ReadinessCheck } from './http/readiness.ts';
import type { Integration } from './integrations/integration.ts';
import { requestContext } from './http/request-context.ts';
import { auditRouter } from './routes/audit.ts';
import { authRouter } from './routes/auth.ts';
import { commissionsRouter } from './routes/commissions.ts';
import { cyclesRouter } from './routes/cycles.ts';
import { commentsRouter } from './routes/comments.ts';
import { suggestionsRouter } from './routes/suggestions.ts';
import { documentActivityRouter } from './routes/document-activity.ts';
import { documentsRouter } from './routes/documents.ts';
import { filesRouter } from './routes/files.ts';
import { healthRouter } from './routes/health.ts';
import { metricsRouter } from './routes/metrics.ts';
import { CLIENT_DIST_DIR, serveClient } from './http/static-client.ts';
import { measuresRouter } from './routes/measures.ts';
import { notificationsRouter } from './routes/notifications.ts';
import { organisationsRouter } from './routes/organisations.ts';
import { preferencesRouter } from './routes/preferences.ts';
import { sessionsRouter } from './routes/sessions.ts';
import { slackSubscriptionsRouter } from './routes/slack-subscriptions.ts';
import { tokensRouter } from './routes/tokens.ts';
import { usersRouter } from './routes/users.ts';
import { versionsRouter } from './routes/versions.ts';

export const JSON_BODY_LIMIT_BYTES = 256 * 1024;

export interface AppOptions {
  services: Services;
  /** what GET /readyz checks */
  readiness: readonly ReadinessCheck[];
  /** what the integrations serve (server/integrations/integration.ts) */
  integrations?: readonly Integration[];
}

/** Builds the Koa application: middleware pipeline, then one router per resource. */
export function createApp({ services, readiness, integrations = [] }: AppOptions): Koa<AppState, AppContext> {
  // Behind a trusted proxy, the client address is the one that proxy appended (the last entry of
  // X-Forwarded-For); the entries before it are whatever the client chose to send.
  const app = new Koa<AppState, AppContext>({ proxy: services.config.trustProxy, maxIpsCount: 1 });
  app.context.services = services;
  app.silent = true;

  app.use(requestContext);
  app.use(securityHeaders);
  app.use(errorHandler);
  const health = healthRouter(readiness);
  app.use(health.routes());
  app.use(metricsRouter.routes());
  app.use(serveClient(CLIENT_DIST_DIR, { publicUrl: services.config.publicUrl }));
  // Integrations' own endpoints read the raw body (signed webhooks, form pages): before the JSON parser.
  for (const integration of integrations) if (integration.middleware) app.use(integration.middleware);
  app.use(jsonBody(JSON_BODY_LIMIT_BYTES));
  app.use(authenticate);
  for (const router of [
    authRouter,
    auditRouter,
    organisationsRouter,
    usersRouter,
    preferencesRouter,
    tokensRouter,
    filesRouter,
    documentsRouter,
    commentsRouter,
    suggestionsRouter,
    documentActivityRouter,
    measuresRouter,
    notificationsRouter,
    commissionsRouter,
    cyclesRouter,
    sessionsRouter,
    versionsRouter,
    slackSubscriptionsRouter,
    ...integrations.flatMap((integration) => integration.routers ?? []),
  ]) {
    app.use(router.routes());
    app.use(router.allowedMethods({ throw: true }));
  }
  return app;
}

async function securityHeaders(ctx: AppContext, next: Koa.Next): Promise<void> {
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Referrer-Policy', 'same-origin');
  ctx.set('X-Frame-Options', 'DENY');
  if (ctx.path.startsWith('/api/')) ctx.set('Cache-Control', 'no-store');
  await next();
}
