import Router from '@koa/router';
import type { AppContext, AppState } from '../http/context.ts';
import { requireActor } from '../http/authenticate.ts';
import { parseParams } from '../http/validate.ts';
import { notFound } from '../errors.ts';
import { idParams } from '../../shared/api/schemas/common.ts';
import { listSlackSubscriptions, setSlackSubscriptionPaused, removeSlackSubscription } from '../queries/slack-subscriptions.ts';

/**
 * Every Slack channel subscription, for the coordination unit's administrators (the admin area);
 * like the audit log, it does not exist for anyone else (404). Pause, resume, remove.
 */
export const slackSubscriptionsRouter = new Router<AppState, AppContext>();

function requireAdmin(ctx: AppContext) {
  const actor = requireActor(ctx);
  if (actor.role !== 'admin') throw notFound();
  return actor;
}

slackSubscriptionsRouter.get('/api/slack/subscriptions', async (ctx) => {
  const actor = requireAdmin(ctx);
  ctx.body = { subscriptions: await listSlackSubscriptions(ctx.services.db, actor.locale ?? 'fr') };
});

for (const [path, paused] of [['pause', true], ['resume', false]] as const) {
  slackSubscriptionsRouter.post(`/api/slack/subscriptions/:id/${path}`, async (ctx) => {
    requireAdmin(ctx);
    const { id } = parseParams(ctx, idParams);
    if (!(await setSlackSubscriptionPaused(ctx.services.db, id, paused, ctx.services.clock.now()))) throw notFound('Subscription');
    ctx.status = 204;
  });
}

slackSubscriptionsRouter.delete('/api/slack/subscriptions/:id', async (ctx) => {
  requireAdmin(ctx);
  const { id } = parseParams(ctx, idParams);
  if (!(await removeSlackSubscription(ctx.services.db, id))) throw notFound('Subscription');
  ctx.status = 204;
});
