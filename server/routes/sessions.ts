import Router from '@koa/router';
import { createSession, updateSession, type SessionOutcome } from '../commands/sessions.ts';
import { addAgendaItem, removeAgendaItem, reorderAgenda } from '../commands/sessions-agenda.ts';
import { closeSession } from '../commands/sessions-close.ts';
import { recordAttendance } from '../commands/sessions-guard.ts';
import { moveToItem, recordDecision, startSession } from '../commands/sessions-live.ts';
import { listSessions, requireSession } from '../queries/sessions.ts';
import type { Actor } from '../auth/actor.ts';
import { requireActor, requireAdmin } from '../http/authenticate.ts';
import type { AppContext, AppState } from '../http/context.ts';
import { parseBody, parseParams, parseQuery } from '../http/validate.ts';
import { presentSession } from '../presenters/session.ts';
import { idParams } from '../../shared/api/schemas/common.ts';
import {
  agendaItemSchema,
  createSessionSchema,
  closeSessionSchema,
  decisionSchema,
  itemParams,
  listSessionsQuery,
  moveToItemSchema,
  reorderAgendaSchema,
  updateSessionSchema,
} from '../../shared/api/schemas/sessions.ts';

/**
 * Commission sessions. Everyone who may see a session reads it; only the chair (the secretariat,
 * role admin) plans and runs it. Every change is announced on the domain event bus after commit;
 * the sessions fanout turns those into `session:state` for the participants' sockets.
 */
export const sessionsRouter = new Router<AppState, AppContext>({ prefix: '/api/sessions' });

function reply(ctx: AppContext, actor: Actor, outcome: SessionOutcome, status = 200): void {
  ctx.services.events.publish(outcome.events);
  ctx.status = status;
  ctx.body = { session: presentSession(outcome.view, actor) };
}

sessionsRouter.get('/', async (ctx) => {
  const actor = requireActor(ctx);
  const query = parseQuery(ctx, listSessionsQuery);
  const views = await listSessions(ctx.services.db, actor, query, ctx.services.clock.now());
  ctx.body = { sessions: views.map((view) => presentSession(view, actor)) };
});

sessionsRouter.post('/', async (ctx) => {
  const actor = await requireAdmin(ctx);
  const input = parseBody(ctx, createSessionSchema);
  const view = await createSession(ctx.services.db, actor, input, ctx.ip);
  reply(ctx, actor, { view, events: [] }, 201);
});

sessionsRouter.get('/:id', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const view = await requireSession(ctx.services.db, actor, id, ctx.ip);
  ctx.body = { session: presentSession(view, actor) };
});

/**
 * Joining a session: while it is live, this records me as present (reading it never does, a GET
 * changes nothing). Before or after the session, nothing is recorded and `present` says so.
 */
sessionsRouter.post('/:id/attendance', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const view = await requireSession(ctx.services.db, actor, id, ctx.ip);
  const present = view.session.state === 'live';
  if (present) await recordAttendance(ctx.services.db, id, actor.userId);
  ctx.body = { session: presentSession(view, actor), present };
});

sessionsRouter.patch('/:id', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const input = parseBody(ctx, updateSessionSchema);
  reply(ctx, actor, await updateSession(ctx.services.db, actor, id, input, ctx.ip));
});

sessionsRouter.post('/:id/items', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const input = parseBody(ctx, agendaItemSchema);
  reply(ctx, actor, await addAgendaItem(ctx.services.db, actor, id, input, ctx.ip), 201);
});

sessionsRouter.put('/:id/items/order', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const { itemIds } = parseBody(ctx, reorderAgendaSchema);
  reply(ctx, actor, await reorderAgenda(ctx.services.db, actor, id, itemIds, ctx.ip));
});

sessionsRouter.delete('/:id/items/:itemId', async (ctx) => {
  const actor = requireActor(ctx);
  const { id, itemId } = parseParams(ctx, itemParams);
  reply(ctx, actor, await removeAgendaItem(ctx.services.db, actor, id, itemId, ctx.ip));
});

sessionsRouter.post('/:id/start', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  reply(ctx, actor, await startSession(ctx.services.db, actor, id, ctx.ip));
});

sessionsRouter.post('/:id/current', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const { itemId } = parseBody(ctx, moveToItemSchema);
  reply(ctx, actor, await moveToItem(ctx.services.db, actor, id, itemId, ctx.ip));
});

sessionsRouter.post('/:id/items/:itemId/decision', async (ctx) => {
  const actor = requireActor(ctx);
  const { id, itemId } = parseParams(ctx, itemParams);
  const input = parseBody(ctx, decisionSchema);
  reply(ctx, actor, await recordDecision(ctx.services.db, actor, id, itemId, input, ctx.ip));
});

/** Closes the session; its minutes are written in `language` (default: the chair's interface language). */
sessionsRouter.post('/:id/close', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const { language } = parseBody(ctx, closeSessionSchema);
  reply(ctx, actor, await closeSession(ctx.services.db, ctx.services.hub, actor, id, ctx.ip, language ?? actor.locale));
});
