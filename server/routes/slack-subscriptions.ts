import Router from '@koa/router';
import type { AppContext, AppState } from '../http/context.ts';
import { requireActor } from '../http/authenticate.ts';
import { parseParams } from '../http/validate.ts';
import { notFound } from '../errors.ts';
import { idParams } from '../../shared/api/schemas/common.ts';
import { authorize } from '../policies/authorize.ts';
import { slackSubscriptionPolicy } from '../policies/slack-subscription.ts';
import { removeSlackSubscription, setSlackSubscriptionPaused } from '../commands/slack-subscriptions.ts';
import { listSlackSubscriptions } from '../queries/slack-subscriptions.ts';

/**
 * Every Slack channel subscription, for the coordination unit's administrators (the admin area);
 * like the audit log, it does not exist for anyone else (404). Pause, resume, remove.
 */
export const slackSubscriptionsRouter = new Router<AppState, AppContext>();

slackSubscriptionsRouter.get('/api/slack/subscriptions', async (ctx) => {
  const actor = requireActor(ctx);
  await authorize({ db: ctx.services.db, ip: ctx.ip }, actor, slackSubscriptionPolicy, 'read', { facts: null });
  ctx.body = await listSlackSubscriptions(ctx.services.db, actor.locale ?? 'fr');
});

for (const [path, paused] of [
  ['pause', true],
  ['resume', false],
] as const) {
  slackSubscriptionsRouter.post(`/api/slack/subscriptions/:id/${path}`, async (ctx) => {
    const actor = requireActor(ctx);
    const { id } = parseParams(ctx, idParams);
    if (!(await setSlackSubscriptionPaused(ctx.services.db, actor, id, paused, ctx.services.clock.now(), ctx.ip))) throw notFound('Subscription');
    ctx.status = 204;
  });
}

slackSubscriptionsRouter.delete('/api/slack/subscriptions/:id', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  if (!(await removeSlackSubscription(ctx.services.db, actor, id, ctx.ip))) throw notFound('Subscription');
  ctx.status = 204;
});
