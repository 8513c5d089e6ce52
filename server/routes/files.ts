import Router from '@koa/router';
import { contentFromHub } from '../queries/comments-content.ts';
import { exportDocument } from '../commands/exports.ts';
import { loadLogo, removeLogo, setLogo } from '../commands/settings.ts';
import { requireActor } from '../http/authenticate.ts';
import type { AppContext, AppState } from '../http/context.ts';
import { sendFile } from '../http/download.ts';
import { readUpload } from '../http/multipart.ts';
import { parseParams, parseQuery } from '../http/validate.ts';
import { badRequest, notFound } from '../errors.ts';
import { importWordDocument } from '../commands/imports.ts';
import { applyMeasuresImport, exportMeasureList, exportMeasures, previewMeasuresImport } from '../commands/measures-files.ts';
import { organisationIdFor } from '../commands/organisations.ts';
import { followUpReport } from '../commands/reports.ts';
import { listVisibleMeasures } from '../queries/measures.ts';
import { requireDocument } from '../queries/document-guard.ts';
import { presentDocument } from '../presenters/document.ts';
import { idParams } from '../../shared/api/schemas/common.ts';
import { exportQuery, importFields, measureListExportQuery, reportQuery, sheetQuery, wordImportFields } from '../../shared/api/schemas/files.ts';
import { MAX_LOGO_BYTES, type Logo, type WordImportResult } from '../../shared/api/files.ts';

/** Documents in and out: exports, imports, and the logo official exports carry. */
export const filesRouter = new Router<AppState, AppContext>({ prefix: '/api' });

filesRouter.get('/documents/:id/export', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const { format } = parseQuery(ctx, exportQuery);
  sendFile(ctx, await exportDocument(ctx.services.db, contentFromHub(ctx.services.hub), actor, id, format, ctx.services.clock.today(), ctx.ip));
});

filesRouter.get('/documents/:id/measures/export', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const { format } = parseQuery(ctx, sheetQuery);
  sendFile(ctx, await exportMeasures(ctx.services.db, contentFromHub(ctx.services.hub), actor, id, format, ctx.ip));
});

filesRouter.get('/measures/export', async (ctx) => {
  const actor = requireActor(ctx);
  const { format, ...query } = parseQuery(ctx, measureListExportQuery);
  const found = query.organisation ? await organisationIdFor(ctx.services.db, query.organisation) : undefined;
  // An unknown organisation filters down to nothing, as in the list itself.
  const organisationId = found === null ? '00000000-0000-0000-0000-000000000000' : found;
  const list = await listVisibleMeasures(ctx.services.db, actor, {
    ...query,
    organisationId,
    documentId: query.document,
    overdue: query.overdue === 'true',
    today: ctx.services.clock.today(),
  });
  const measures = list.map((row) => ({
    ...row,
    start: row.start ?? null,
    due: row.due ?? null,
    partnerOrganisationIds: row.partnerOrganisationIds ?? [],
    leadOrganisationId: row.leadOrganisationId ?? null,
    indicator: row.indicator ?? '',
  }));
  sendFile(ctx, await exportMeasureList(ctx.services.db, actor, measures as never, format, ctx.ip));
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
  ctx.body = await applyMeasuresImport(
    ctx.services.db,
    ctx.services.hub,
    contentFromHub(ctx.services.hub),
    actor,
    id,
    upload,
    { ...fields, skipInvalid: fields.skipInvalid === 'true' },
    ctx.ip,
  );
});

filesRouter.post('/documents/import', async (ctx) => {
  const actor = requireActor(ctx);
  const upload = await readUpload(ctx);
  const { kind, measures } = wordImportFields.parse({ kind: upload.fields.kind || undefined, measures: upload.fields.measures || undefined });
  const { row, summary, events } = await importWordDocument(ctx.services.db, actor, upload, { kind, measures, ip: ctx.ip });
  ctx.services.events.publish(events);
  const { level } = await requireDocument(ctx.services.db, actor, row.id, 'view', ctx.ip);
  ctx.status = 201;
  const body: WordImportResult = { document: presentDocument({ row, partnerOrganisationIds: [], access: level }), import: summary };
  ctx.body = body;
});

filesRouter.get('/reports/follow-up', async (ctx) => {
  const actor = requireActor(ctx);
  const query = parseQuery(ctx, reportQuery);
  const today = ctx.services.clock.today();
  sendFile(
    ctx,
    await followUpReport(ctx.services.db, actor, { commissionId: query.commission, documentIds: query.documents, asOf: query.asOf ?? today }, query.format, today, ctx.ip),
  );
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
  const body: { logo: Logo } = { logo: { type: logo.type, width: logo.width, height: logo.height } };
  ctx.body = body;
});

filesRouter.delete('/settings/logo', async (ctx) => {
  const actor = requireActor(ctx);
  await removeLogo(ctx.services.db, actor, ctx.ip);
  ctx.status = 204;
});
