import Router from '@koa/router';
import { createOrganisation, getOrganisation, listOrganisations, updateOrganisation } from '../commands/organisations.ts';
import { requireActor, requireAdmin } from '../http/authenticate.ts';
import type { AppContext, AppState } from '../http/context.ts';
import { parseBody, parseParams, parseQuery } from '../http/validate.ts';
import { presentOrganisation } from '../presenters/organisation.ts';
import { idParams } from '../../shared/api/schemas/common.ts';
import { createOrganisationSchema, listOrganisationsQuery, updateOrganisationSchema } from '../../shared/api/schemas/organisations.ts';

export const organisationsRouter = new Router<AppState, AppContext>({ prefix: '/api/organisations' });

organisationsRouter.get('/', async (ctx) => {
  requireActor(ctx);
  const filter = parseQuery(ctx, listOrganisationsQuery);
  const rows = await listOrganisations(ctx.services.db, filter);
  ctx.body = { organisations: rows.map(presentOrganisation) };
});

organisationsRouter.get('/:id', async (ctx) => {
  requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  ctx.body = { organisation: presentOrganisation(await getOrganisation(ctx.services.db, id)) };
});

organisationsRouter.post('/', async (ctx) => {
  const actor = await requireAdmin(ctx);
  const input = parseBody(ctx, createOrganisationSchema);
  ctx.status = 201;
  ctx.body = { organisation: presentOrganisation(await createOrganisation(ctx.services.db, actor.userId, input)) };
});

organisationsRouter.patch('/:id', async (ctx) => {
  const actor = await requireAdmin(ctx);
  const { id } = parseParams(ctx, idParams);
  const input = parseBody(ctx, updateOrganisationSchema);
  ctx.body = { organisation: presentOrganisation(await updateOrganisation(ctx.services.db, actor.userId, id, input)) };
});
