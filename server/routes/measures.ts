import Router from '@koa/router';
import { organisationIdFor } from '../commands/organisations.ts';
import { requireActor } from '../http/authenticate.ts';
import type { AppContext, AppState } from '../http/context.ts';
import { parseQuery } from '../http/validate.ts';
import { listVisibleMeasures, measureProgressByOrganisation } from '../queries/measures.ts';
import { indicatorHistory } from '../queries/indicator-history.ts';
import { requireDocument } from '../queries/document-guard.ts';
import { parseParams } from '../http/validate.ts';
import { idParams } from '../../shared/api/schemas/common.ts';
import { indicatorHistoryQuery, measuresQuery } from '../../shared/api/schemas/measures.ts';

/** Read side of the measures projection: lists and the dashboard's per-organisation progress. */
export const measuresRouter = new Router<AppState, AppContext>({ prefix: '/api' });

measuresRouter.get('/measures', async (ctx) => {
  const actor = requireActor(ctx);
  const query = parseQuery(ctx, measuresQuery);
  const organisationId = query.organisation ? await organisationIdFor(ctx.services.db, query.organisation) : undefined;
  // An unknown organisation filters down to nothing rather than being ignored.
  if (organisationId === null) {
    ctx.body = { measures: [] };
    return;
  }
  const measures = await listVisibleMeasures(ctx.services.db, actor, {
    organisationId,
    documentId: query.document,
    status: query.status,
    overdue: query.overdue === 'true',
    today: ctx.services.clock.today(),
    limit: query.limit,
  });
  ctx.body = { measures };
});

measuresRouter.get('/dashboard', async (ctx) => {
  const actor = requireActor(ctx);
  ctx.body = { organisations: await measureProgressByOrganisation(ctx.services.db, actor, ctx.services.clock.today()) };
});

/**
 * The recorded values of a document's indicators (who, when): for whoever may see the document.
 * Written by the server only (server/collab/indicator-history.ts).
 */
measuresRouter.get('/documents/:id/indicator-history', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const query = parseQuery(ctx, indicatorHistoryQuery);
  await requireDocument(ctx.services.db, actor, id, 'view', ctx.ip);
  ctx.body = { history: await indicatorHistory(ctx.services.db, id, query.measure ? { measureId: query.measure, limit: 500 } : {}) };
});
