import Router from '@koa/router';
import { z } from 'zod';
import { readDocumentActivity } from '../queries/document-activity.ts';
import { requireActor } from '../http/authenticate.ts';
import type { AppContext, AppState } from '../http/context.ts';
import { parseParams, parseQuery } from '../http/validate.ts';
import { idParams } from '../schemas/common.ts';

/** GET /api/documents/:id/activity: the document's history from the audit log, for whoever can view it. */
export const documentActivityRouter = new Router<AppState, AppContext>({ prefix: '/api/documents/:id/activity' });

const activityQuery = z.object({
  action: z.string().min(1).max(64).optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

documentActivityRouter.get('/', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const query = parseQuery(ctx, activityQuery);
  ctx.body = await readDocumentActivity(ctx.services.db, actor, id, query, ctx.ip);
});
