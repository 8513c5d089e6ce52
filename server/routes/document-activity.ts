import Router from '@koa/router';
import { readDocumentActivity } from '../queries/document-activity.ts';
import { requireActor } from '../http/authenticate.ts';
import type { AppContext, AppState } from '../http/context.ts';
import { parseParams, parseQuery } from '../http/validate.ts';
import { idParams } from '../../shared/api/schemas/common.ts';
import { activityQuery } from '../../shared/api/schemas/documents.ts';

/** GET /api/documents/:id/activity: the document's history from the audit log, for whoever can view it. */
export const documentActivityRouter = new Router<AppState, AppContext>({ prefix: '/api/documents/:id/activity' });

documentActivityRouter.get('/', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const query = parseQuery(ctx, activityQuery);
  ctx.body = await readDocumentActivity(ctx.services.db, actor, id, query, ctx.ip);
});
