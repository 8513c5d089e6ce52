import Router from '@koa/router';
import { z } from 'zod';
import { contentFromHub } from '../queries/comments-content.ts';
import { EXPORT_FORMATS, exportDocument } from '../commands/exports.ts';
import { loadLogo, MAX_LOGO_BYTES, removeLogo, setLogo } from '../commands/settings.ts';
import { requireActor } from '../http/authenticate.ts';
import type { AppContext, AppState } from '../http/context.ts';
import { sendFile } from '../http/download.ts';
import { readUpload } from '../http/multipart.ts';
import { parseParams, parseQuery } from '../http/validate.ts';
import { badRequest, notFound } from '../errors.ts';
import { importWordDocument } from '../commands/imports.ts';
import { applyMeasuresImport, exportMeasureList, exportMeasures, previewMeasuresImport, SHEET_FORMATS } from '../commands/measures-files.ts';
import { organisationIdFor } from '../commands/organisations.ts';
import { followUpReport, REPORT_FORMATS } from '../commands/reports.ts';
import { uuid } from '../schemas/common.ts';
import { MEASURE_COLUMNS } from '../import/measure-rows.ts';
import { listVisibleMeasures } from '../queries/measures.ts';
import { measuresQuery } from './measures.ts';
import { requireDocument } from '../queries/document-guard.ts';
import { presentDocument } from '../presenters/document.ts';
import { documentKind } from '../schemas/documents.ts';
import { idParams } from '../schemas/common.ts';

/** Documents in and out: exports, imports, and the logo official exports carry. */
export const filesRouter = new Router<AppState, AppContext>({ prefix: '/api' });

const exportQuery = z.object({ format: z.enum(EXPORT_FORMATS) });

filesRouter.get('/documents/:id/export', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const { format } = parseQuery(ctx, exportQuery);
  sendFile(ctx, await exportDocument(ctx.services.db, contentFromHub(ctx.services.hub), actor, id, format, ctx.services.clock.today(), ctx.ip));
});

const sheetQuery = z.object({ format: z.enum(SHEET_FORMATS) });

filesRouter.get('/documents/:id/measures/export', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const { format } = parseQuery(ctx, sheetQuery);
  sendFile(ctx, await exportMeasures(ctx.services.db, contentFromHub(ctx.services.hub), actor, id, format, ctx.ip));
});

filesRouter.get('/measures/export', async (ctx) => {
  const actor = requireActor(ctx);
  const { format } = parseQuery(ctx, sheetQuery);
  const query = parseQuery(ctx, measuresQuery.extend({ limit: z.coerce.number().int().min(1).max(20_000).default(20_000) }));
  const found = query.organisation ? await organisationIdFor(ctx.services.db, query.organisation) : undefined;
  // An unknown organisation filters down to nothing, as in the list itself.
  const organisationId = found === null ? '00000000-0000-0000-0000-000000000000' : found;
  const list = await listVisibleMeasures(ctx.services.db, actor, { ...query, organisationId, documentId: query.document, overdue: query.overdue === 'true', today: ctx.services.clock.today() });
  const measures = list.map((row) => ({ ...row, start: row.start ?? null, due: row.due ?? null, partnerOrganisationIds: row.partnerOrganisationIds ?? [], leadOrganisationId: row.leadOrganisationId ?? null, indicator: row.indicator ?? '' }));
  sendFile(ctx, await exportMeasureList(ctx.services.db, actor, measures as never, format, ctx.ip));
});

/** Multipart fields of a measures import: JSON for the column mapping and the organisation choices. */
const importFields = z.object({
  mapping: z.string().max(4000).optional().transform((value) => (value ? z.array(z.enum(MEASURE_COLUMNS).nullable()).max(60).parse(JSON.parse(value)) : undefined)),
  organisationChoices: z.string().max(20_000).optional().transform((value) => (value ? z.record(z.string().max(300), z.uuid()).parse(JSON.parse(value)) : undefined)),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
  onlyInvalid: z.enum(['true', 'false']).optional(),
  skipInvalid: z.enum(['true', 'false']).optional(),
});

const parseImportFields = (fields: Record<string, string>) => {
  try {
    return importFields.parse(fields);
  } catch (error) {
    if (error instanceof SyntaxError) throw badRequest('"mapping" and "organisationChoices" must be JSON.');
    throw error;
  }
};

filesRouter.post('/documents/:id/measures/import/preview', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const upload = await readUpload(ctx);
  const fields = parseImportFields(upload.fields);
  ctx.body = await previewMeasuresImport(ctx.services.db, contentFromHub(ctx.services.hub), actor, id, upload, { ...fields, onlyInvalid: fields.onlyInvalid === 'true' }, ctx.ip);
});

filesRouter.post('/documents/:id/measures/import', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const upload = await readUpload(ctx);
  const fields = parseImportFields(upload.fields);
  ctx.body = await applyMeasuresImport(ctx.services.db, ctx.services.hub, contentFromHub(ctx.services.hub), actor, id, upload, { ...fields, skipInvalid: fields.skipInvalid === 'true' }, ctx.ip);
});

filesRouter.post('/documents/import', async (ctx) => {
  const actor = requireActor(ctx);
  const upload = await readUpload(ctx);
  const kind = upload.fields.kind ? documentKind.parse(upload.fields.kind) : undefined;
  const measures = upload.fields.measures ? z.enum(['apply', 'preview']).parse(upload.fields.measures) : undefined;
  const { row, summary } = await importWordDocument(ctx.services.db, actor, upload, { kind, measures, ip: ctx.ip });
  ctx.services.events.emit({ type: 'document.created', documentId: row.id, actorUserId: actor.userId });
  const { level } = await requireDocument(ctx.services.db, actor, row.id, 'view', ctx.ip);
  ctx.status = 201;
  ctx.body = { document: presentDocument({ row, partnerOrganisationIds: [], access: level }), import: summary };
});

const reportQuery = z.object({
  format: z.enum(REPORT_FORMATS),
  commission: uuid.optional(),
  documents: z.string().max(20_000).optional().transform((value) => (value === undefined ? undefined : z.array(uuid).max(500).parse(value.split(',').filter(Boolean)))),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});

filesRouter.get('/reports/follow-up', async (ctx) => {
  const actor = requireActor(ctx);
  const query = parseQuery(ctx, reportQuery);
  const today = ctx.services.clock.today();
  sendFile(ctx, await followUpReport(ctx.services.db, actor, { commissionId: query.commission, documentIds: query.documents, asOf: query.asOf ?? today }, query.format, today, ctx.ip));
});

filesRouter.get('/settings/logo', async (ctx) => {
  requireActor(ctx);
  const logo = await loadLogo(ctx.services.db);
  if (!logo) throw notFound('Logo');
  ctx.type = logo.type === 'png' ? 'image/png' : 'image/jpeg';
  ctx.body = Buffer.from(logo.data);
});

filesRouter.put('/settings/logo', async (ctx) => {
  const actor = requireActor(ctx);
  const upload = await readUpload(ctx, MAX_LOGO_BYTES);
  const logo = await setLogo(ctx.services.db, actor, upload.data, ctx.ip);
  ctx.body = { logo: { type: logo.type, width: logo.width, height: logo.height } };
});

filesRouter.delete('/settings/logo', async (ctx) => {
  const actor = requireActor(ctx);
  await removeLogo(ctx.services.db, actor, ctx.ip);
  ctx.status = 204;
});
