import Router from '@koa/router';
import { z } from 'zod';
import { contentFromHub } from '../commands/comments-content.ts';
import { EXPORT_FORMATS, exportDocument } from '../commands/exports.ts';
import { loadLogo, MAX_LOGO_BYTES, removeLogo, setLogo } from '../commands/settings.ts';
import { requireActor } from '../http/authenticate.ts';
import type { AppContext, AppState } from '../http/context.ts';
import { sendFile } from '../http/download.ts';
import { readUpload } from '../http/multipart.ts';
import { parseParams, parseQuery } from '../http/validate.ts';
import { notFound } from '../errors.ts';
import { importWordDocument } from '../commands/imports.ts';
import { requireDocument } from '../commands/document-guard.ts';
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

filesRouter.post('/documents/import', async (ctx) => {
  const actor = requireActor(ctx);
  const upload = await readUpload(ctx);
  const kind = upload.fields.kind ? documentKind.parse(upload.fields.kind) : undefined;
  const { row, summary } = await importWordDocument(ctx.services.db, actor, upload, { kind, ip: ctx.ip });
  ctx.services.events.emit({ type: 'document.created', documentId: row.id, actorUserId: actor.userId });
  const { level } = await requireDocument(ctx.services.db, actor, row.id, 'view', ctx.ip);
  ctx.status = 201;
  ctx.body = { document: presentDocument({ row, partnerOrganisationIds: [], access: level }), import: summary };
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
