import { Readable } from 'node:stream';
import Router from '@koa/router';
import type { AppContext, AppState } from '../http/context.ts';
import { parseQuery } from '../http/validate.ts';
import { notFound } from '../errors.ts';
import { auditPolicy } from '../policies/audit.ts';
import { authorize } from '../policies/authorize.ts';
import { AUDIT_CSV_COLUMNS, auditCsvRow, presentAuditEntry } from '../presenters/audit.ts';
import { auditPage, eachAuditEntry } from '../queries/audit.ts';
import { auditQuery, type AuditFilter } from '../../shared/api/schemas/audit.ts';

/** The CSV export stops here: enough for any audit question, and a bound on one request's work. */
export const AUDIT_CSV_MAX_ROWS = 100_000;

/** The audit log, for administrators; it does not exist for anyone else (404, not 403). */
export const auditRouter = new Router<AppState, AppContext>();

/** Anonymous visitors are simply told "not found"; a signed-in refusal is audited by authorize(). */
async function requireAuditReader(ctx: AppContext): Promise<void> {
  const actor = ctx.state.actor;
  if (!actor) throw notFound();
  await authorize({ db: ctx.services.db, ip: ctx.ip }, actor, auditPolicy, 'read', { facts: null });
}

auditRouter.get('/api/audit', async (ctx) => {
  await requireAuditReader(ctx);
  const { before, limit, format, ...filter } = parseQuery(ctx, auditQuery);
  if (format === 'csv') return sendCsv(ctx, filter);
  const page = await auditPage(ctx.services.db, filter, { before, limit });
  ctx.body = { entries: page.entries.map(presentAuditEntry), nextCursor: page.nextCursor === null ? null : String(page.nextCursor) };
});

auditRouter.get('/api/audit.csv', async (ctx) => {
  await requireAuditReader(ctx);
  const { before: _before, limit: _limit, format: _format, ...filter } = parseQuery(ctx, auditQuery);
  sendCsv(ctx, filter);
});

function sendCsv(ctx: AppContext, filter: AuditFilter): void {
  const db = ctx.services.db;
  async function* lines() {
    // A byte-order mark so spreadsheet programs read the Arabic and French names as UTF-8.
    yield `\uFEFF${AUDIT_CSV_COLUMNS.join(',')}\r\n`;
    for await (const row of eachAuditEntry(db, filter, AUDIT_CSV_MAX_ROWS)) yield `${auditCsvRow(row)}\r\n`;
  }
  ctx.set('Content-Type', 'text/csv; charset=utf-8');
  ctx.set('Content-Disposition', `attachment; filename="audit-${ctx.services.clock.now().toISOString().slice(0, 10)}.csv"`);
  ctx.set('X-Audit-Row-Limit', String(AUDIT_CSV_MAX_ROWS));
  const stream = Readable.from(lines());
  stream.on('error', (error) => ctx.services.logger.error({ err: error }, 'audit export failed'));
  ctx.body = stream;
}
