import Router from '@koa/router';
import { z } from 'zod';
import { findLinkCode, redeemLinkCode } from '../../bot/linking/links.ts';
import { notFound } from '../errors.ts';
import { requireActor } from '../http/authenticate.ts';
import type { AppContext, AppState } from '../http/context.ts';
import { parseBody, parseQuery } from '../http/validate.ts';

/**
 * Finishing a Slack account link from the web app: the bot hands a Slack user a one-time code;
 * a signed-in Tansiq user redeems it, and that Slack user then acts as them.
 */
export const slackLinkRouter = new Router<AppState, AppContext>({ prefix: '/api/slack/link' });

const code = z.string().trim().min(10).max(100);

/** What the code would link (shown before confirming, so nobody links a stranger's Slack account unawares). */
slackLinkRouter.get('/', async (ctx) => {
  requireActor(ctx);
  const query = parseQuery(ctx, z.object({ code }));
  const pending = await findLinkCode(ctx.services.db, query.code, ctx.services.clock.now());
  if (!pending) throw notFound('Link code');
  ctx.body = { slackUserId: pending.slackUserId, slackUserName: pending.slackUserName, teamId: pending.teamId, expiresAt: pending.expiresAt.toISOString() };
});

slackLinkRouter.post('/', async (ctx) => {
  const actor = requireActor(ctx);
  const input = parseBody(ctx, z.strictObject({ code }));
  const linked = await redeemLinkCode(ctx.services.db, input.code, actor.userId, ctx.services.clock.now());
  if (!linked) throw notFound('Link code');
  ctx.body = { linked: { teamId: linked.teamId, slackUserId: linked.slackUserId } };
});
