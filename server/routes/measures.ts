import Router from '@koa/router';
import { z } from 'zod';
import { organisationIdFor } from '../commands/organisations.ts';
import { requireActor } from '../http/authenticate.ts';
import type { AppContext, AppState } from '../http/context.ts';
import { parseQuery } from '../http/validate.ts';
import { listVisibleMeasures, measureProgressByOrganisation } from '../queries/measures.ts';
import { indicatorHistory } from '../queries/indicator-history.ts';
import { requireDocument } from '../queries/document-guard.ts';
import { parseParams } from '../http/validate.ts';
import { uuid } from '../schemas/common.ts';
import { organisationRef } from '../schemas/organisations.ts';

export const measuresQuery = z.object({
  organisation: organisationRef.optional(),
  document: uuid.optional(),
  status: z.enum(['planned', 'in_progress', 'done', 'blocked', 'cancelled']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

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

const historyQuery = z.object({ measure: z.string().min(1).max(64).optional() });

/**
 * The recorded values of a document's indicators (who, when): for whoever may see the document.
 * Written by the server only (server/collab/indicator-history.ts).
 */
measuresRouter.get('/documents/:id/indicator-history', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, z.object({ id: uuid }));
  const query = parseQuery(ctx, historyQuery);
  await requireDocument(ctx.services.db, actor, id, 'view', ctx.ip);
  ctx.body = { history: await indicatorHistory(ctx.services.db, id, query.measure ? { measureId: query.measure, limit: 500 } : {}) };
});
