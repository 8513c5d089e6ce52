import Router from '@koa/router';
import { createCommission, getCommission, listCommissions, updateCommission } from '../commands/commissions.ts';
import { requireActor, requireAdmin } from '../http/authenticate.ts';
import type { AppContext, AppState } from '../http/context.ts';
import { parseBody, parseParams, parseQuery } from '../http/validate.ts';
import { presentCommission } from '../presenters/commission.ts';
import { idParams } from '../../shared/api/schemas/common.ts';
import { createCommissionSchema, listCommissionsQuery, updateCommissionSchema } from '../../shared/api/schemas/commissions.ts';

export const commissionsRouter = new Router<AppState, AppContext>({ prefix: '/api/commissions' });

commissionsRouter.get('/', async (ctx) => {
  const actor = requireActor(ctx);
  const filter = parseQuery(ctx, listCommissionsQuery);
  ctx.body = { commissions: (await listCommissions(ctx.services.db, actor, filter)).map(presentCommission) };
});

commissionsRouter.get('/:id', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  ctx.body = { commission: presentCommission(await getCommission(ctx.services.db, actor, id)) };
});

commissionsRouter.post('/', async (ctx) => {
  const actor = await requireAdmin(ctx);
  const input = parseBody(ctx, createCommissionSchema);
  ctx.status = 201;
  ctx.body = { commission: presentCommission(await createCommission(ctx.services.db, actor, input, ctx.ip)) };
});

commissionsRouter.patch('/:id', async (ctx) => {
  const actor = await requireAdmin(ctx);
  const { id } = parseParams(ctx, idParams);
  const input = parseBody(ctx, updateCommissionSchema);
  const { commission, events } = await updateCommission(ctx.services.db, actor, id, input, ctx.ip);
  // Whoever's organisation left the commission may no longer follow its sessions, live sockets included.
  ctx.services.events.publish(events);
  ctx.body = { commission: presentCommission(commission) };
});
