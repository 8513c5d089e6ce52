import Router from '@koa/router';
import { listReports, readReport, reviewReport, saveReport, submitReport } from '../commands/cycle-reports.ts';
import { closeCycle, cycleDashboard, listCycles, openCycle } from '../commands/cycles.ts';
import { measureHistory, sendReminders } from '../commands/cycle-follow-up.ts';
import type { DomainEvent } from '../events/bus.ts';
import { requireActor } from '../http/authenticate.ts';
import type { AppContext, AppState } from '../http/context.ts';
import { parseBody, parseParams, parseQuery } from '../http/validate.ts';
import {
  acceptReportSchema,
  closeCycleSchema,
  cycleParams,
  historyQuery,
  listReportsQuery,
  remindSchema,
  openCycleSchema,
  reportParams,
  returnReportSchema,
  saveReportSchema,
  submitReportSchema,
} from '../../shared/api/schemas/cycles.ts';

/** Follow-up cycles and their reports: /api/cycles (rules in commands/cycles.ts, cycle-reports.ts). */
export const cyclesRouter = new Router<AppState, AppContext>({ prefix: '/api/cycles' });

/** Announces what a write did, after its transaction committed, and answers with its result. */
const answer = <T>(ctx: AppContext, change: { result: T; events: DomainEvent[] }): T => {
  ctx.services.events.publish(change.events);
  return change.result;
};

cyclesRouter.get('/', async (ctx) => {
  const actor = requireActor(ctx);
  ctx.body = { cycles: await listCycles(ctx.services.db, actor) };
});

cyclesRouter.post('/', async (ctx) => {
  const actor = requireActor(ctx);
  const input = parseBody(ctx, openCycleSchema);
  ctx.status = 201;
  ctx.body = answer(ctx, await openCycle(ctx.services.db, actor, input, ctx.ip));
});

// Before /:id: a measure's reports period by period (history chart), as its readers may see them.
cyclesRouter.get('/history', async (ctx) => {
  const actor = requireActor(ctx);
  const { documentId, measureId } = parseQuery(ctx, historyQuery);
  ctx.body = { periods: await measureHistory(ctx.services.db, actor, documentId, measureId) };
});

cyclesRouter.get('/:id', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, cycleParams);
  ctx.body = await cycleDashboard(ctx.services.db, ctx.services.clock, actor, id, ctx.ip);
});

cyclesRouter.post('/:id/close', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, cycleParams);
  const { language } = parseBody(ctx, closeCycleSchema);
  ctx.body = { cycle: answer(ctx, await closeCycle(ctx.services.db, ctx.services.clock, actor, id, ctx.ip, language ?? actor.locale)) };
});

cyclesRouter.post('/:id/remind', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, cycleParams);
  const { organisationIds } = parseBody(ctx, remindSchema);
  ctx.body = answer(ctx, await sendReminders(ctx.services.db, ctx.services.clock, actor, id, organisationIds, ctx.ip));
});

cyclesRouter.get('/:id/reports', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, cycleParams);
  const { organisation } = parseQuery(ctx, listReportsQuery);
  ctx.body = { reports: await listReports(ctx.services.db, ctx.services.clock, actor, id, organisation, ctx.ip) };
});

cyclesRouter.get('/:id/reports/:reportId', async (ctx) => {
  const actor = requireActor(ctx);
  const { id, reportId } = parseParams(ctx, reportParams);
  ctx.body = { report: await readReport(ctx.services.db, ctx.services.clock, actor, id, reportId, ctx.ip) };
});

cyclesRouter.put('/:id/reports/:reportId', async (ctx) => {
  const actor = requireActor(ctx);
  const { id, reportId } = parseParams(ctx, reportParams);
  const input = parseBody(ctx, saveReportSchema);
  ctx.body = { report: answer(ctx, await saveReport(ctx.services.db, ctx.services.clock, actor, id, reportId, input, ctx.ip)) };
});

cyclesRouter.post('/:id/reports/:reportId/submit', async (ctx) => {
  const actor = requireActor(ctx);
  const { id, reportId } = parseParams(ctx, reportParams);
  const input = parseBody(ctx, submitReportSchema);
  ctx.body = { report: answer(ctx, await submitReport(ctx.services.db, ctx.services.hub, ctx.services.clock, actor, id, reportId, input, ctx.ip)) };
});

for (const [decision, schema] of [
  ['return', returnReportSchema],
  ['accept', acceptReportSchema],
] as const) {
  cyclesRouter.post(`/:id/reports/:reportId/${decision}`, async (ctx) => {
    const actor = requireActor(ctx);
    const { id, reportId } = parseParams(ctx, reportParams);
    const input = parseBody(ctx, schema);
    ctx.body = { report: answer(ctx, await reviewReport(ctx.services.db, ctx.services.clock, actor, id, reportId, decision, input, ctx.ip)) };
  });
}
