import Router from '@koa/router';
import { createVersion, getVersion, listVersions } from '../commands/versions.ts';
import { diffVersion } from '../queries/versions-diff.ts';
import { restoreVersion } from '../commands/versions-restore.ts';
import { requireActor } from '../http/authenticate.ts';
import type { AppContext, AppState } from '../http/context.ts';
import { parseBody, parseParams, parseQuery } from '../http/validate.ts';
import { presentVersion } from '../presenters/version.ts';
import { presentVersionDiffJson } from '../presenters/version-diff.ts';
import { idParams } from '../../shared/api/schemas/common.ts';
import { createVersionSchema, restoreVersionSchema, versionDiffQuery, versionParams } from '../../shared/api/schemas/versions.ts';

/** Snapshots of a document: list, read and compare with view access; name one or restore one with edit access. */
export const versionsRouter = new Router<AppState, AppContext>({ prefix: '/api/documents/:id/versions' });

versionsRouter.get('/', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  ctx.body = { versions: (await listVersions(ctx.services.db, actor, id, ctx.ip)).map(presentVersion) };
});

versionsRouter.post('/', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const { name } = parseBody(ctx, createVersionSchema);
  const { version, events } = await createVersion(ctx.services.db, ctx.services.hub, actor, id, name, ctx.ip);
  ctx.services.events.publish(events);
  ctx.status = 201;
  ctx.body = { version: presentVersion(version) };
});

versionsRouter.get('/:versionId', async (ctx) => {
  const actor = requireActor(ctx);
  const { id, versionId } = parseParams(ctx, versionParams);
  const { version, text } = await getVersion(ctx.services.db, actor, id, versionId, ctx.ip);
  ctx.body = { version: { ...presentVersion(version), text } };
});

versionsRouter.get('/:versionId/diff', async (ctx) => {
  const actor = requireActor(ctx);
  const { id, versionId } = parseParams(ctx, versionParams);
  const { against } = parseQuery(ctx, versionDiffQuery);
  const comparison = await diffVersion(ctx.services.db, ctx.services.hub, actor, id, versionId, against === 'current' ? 'current' : { versionId: against }, ctx.ip);
  ctx.type = 'application/json';
  ctx.body = presentVersionDiffJson(comparison);
});

versionsRouter.post('/:versionId/restore', async (ctx) => {
  const actor = requireActor(ctx);
  const { id, versionId } = parseParams(ctx, versionParams);
  parseBody(ctx, restoreVersionSchema);
  const { version, backup, changes, events } = await restoreVersion(ctx.services.db, ctx.services.hub, actor, id, versionId, ctx.ip);
  ctx.services.events.publish(events);
  ctx.body = { version: presentVersion(version), backup: presentVersion(backup), changes };
});
