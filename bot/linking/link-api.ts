import Router from '@koa/router';
import { notFound } from '../../server/errors.ts';
import { requireActor } from '../../server/http/authenticate.ts';
import type { AppContext, AppState } from '../../server/http/context.ts';
import { parseBody, parseQuery } from '../../server/http/validate.ts';
import type { BotServices } from '../services.ts';
import { findLinkCode } from './links.ts';
import { redeemSlackLink } from './redeem.ts';
import { slackLinkQuery, slackLinkSchema } from '../../shared/api/schemas/slack.ts';
import type { PendingSlackLink, SlackLinked } from '../../shared/api/slack.ts';

/**
 * GET/POST /api/slack/link: finishing a Slack account link from the web app. The bot hands a
 * Slack user a one-time code; a signed-in Tansiq user redeems it (redeem.ts, as the page does),
 * and that Slack user then acts as them.
 */
export function linkApiRouter(services: BotServices): Router<AppState, AppContext> {
  const router = new Router<AppState, AppContext>({ prefix: '/api/slack/link' });

  /** What the code would link (shown before confirming, so nobody links a stranger's Slack account unawares). */
  router.get('/', async (ctx) => {
    requireActor(ctx);
    const query = parseQuery(ctx, slackLinkQuery);
    const pending = await findLinkCode(services.db, query.code, services.clock.now());
    if (!pending) throw notFound('Link code');
    const body: PendingSlackLink = { slackUserId: pending.slackUserId, slackUserName: pending.slackUserName, teamId: pending.teamId, expiresAt: pending.expiresAt.toISOString() };
    ctx.body = body;
  });

  router.post('/', async (ctx) => {
    const actor = requireActor(ctx);
    const input = parseBody(ctx, slackLinkSchema);
    const linked = await redeemSlackLink(services, input.code, actor);
    if (!linked) throw notFound('Link code');
    const body: SlackLinked = { linked: { teamId: linked.teamId, slackUserId: linked.slackUserId } };
    ctx.body = body;
  });

  return router;
}
