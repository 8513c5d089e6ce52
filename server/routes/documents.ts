import Router from '@koa/router';
import { revokeGrant, listGrants, setGrant } from '../commands/document-access.ts';
import { requireDocument } from '../queries/document-guard.ts';
import { accessOverview } from '../queries/access-overview.ts';
import { clearAnsweredRequests, requestAccess } from '../commands/access-requests.ts';
import { createDocument, reopenDocument, setArchived, transitionDocument, updateDocument, workflowRoles } from '../commands/documents.ts';
import { organisationIdFor } from '../commands/organisations.ts';
import { availableTransitions, reopenTarget } from '../../shared/workflow.ts';
import { requireActor } from '../http/authenticate.ts';
import type { AppContext, AppState } from '../http/context.ts';
import { parseBody, parseParams, parseQuery } from '../http/validate.ts';
import { documentAccess } from '../policies/document-access.ts';
import { presentDocument, presentGrant } from '../presenters/document.ts';
import { accessFacts, listVisibleDocuments, loadGrants, loadPartners } from '../queries/documents.ts';
import { idParams } from '../../shared/api/schemas/common.ts';
import {
  createDocumentSchema,
  grantParams,
  grantSchema,
  listDocumentsQuery,
  accessRequestSchema,
  reopenSchema,
  transitionSchema,
  updateDocumentSchema,
} from '../../shared/api/schemas/documents.ts';
import type { Kysely } from 'kysely';
import type { Database, DocumentRow } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';

export const documentsRouter = new Router<AppState, AppContext>({ prefix: '/api/documents' });

documentsRouter.get('/', async (ctx) => {
  const actor = requireActor(ctx);
  const query = parseQuery(ctx, listDocumentsQuery);
  const db = ctx.services.db;
  const lead = query.lead ? await organisationIdFor(db, query.lead) : undefined;
  const partner = query.partner ? await organisationIdFor(db, query.partner) : undefined;
  // An unknown organisation code filters down to nothing rather than being ignored.
  if (lead === null || partner === null) {
    ctx.body = { documents: [], total: 0 };
    return;
  }
  const { rows, total } = await listVisibleDocuments(db, actor, {
    ...query,
    leadOrganisationId: lead,
    partnerOrganisationId: partner,
  });
  const ids = rows.map((row) => row.id);
  const [grants, partners] = await Promise.all([loadGrants(db, ids), loadPartners(db, ids)]);
  ctx.body = {
    total,
    documents: rows.map((row) =>
      presentDocument({
        row,
        partnerOrganisationIds: partners.get(row.id) ?? [],
        access: documentAccess(actor, accessFacts(row, grants.get(row.id) ?? []))!,
      }),
    ),
  };
});

documentsRouter.post('/', async (ctx) => {
  const actor = requireActor(ctx);
  const input = parseBody(ctx, createDocumentSchema);
  const { row, events } = await createDocument(ctx.services.db, actor, { ...input, language: input.language ?? actor.locale }, ctx.ip);
  ctx.services.events.publish(events);
  ctx.status = 201;
  ctx.body = { document: await present(ctx.services.db, actor, row, ctx.ip) };
});

documentsRouter.get('/:id', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const { row } = await requireDocument(ctx.services.db, actor, id, 'view', ctx.ip);
  ctx.body = { document: await present(ctx.services.db, actor, row, ctx.ip) };
});

documentsRouter.patch('/:id', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const input = parseBody(ctx, updateDocumentSchema);
  const { row, events } = await updateDocument(ctx.services.db, actor, id, input, ctx.ip);
  ctx.services.events.publish(events);
  ctx.body = { document: await present(ctx.services.db, actor, row, ctx.ip) };
});

documentsRouter.post('/:id/transitions', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const input = parseBody(ctx, transitionSchema);
  const { row, events } = await transitionDocument(ctx.services.db, actor, id, input, ctx.ip);
  ctx.services.events.publish(events);
  ctx.body = { document: await present(ctx.services.db, actor, row, ctx.ip) };
});

documentsRouter.post('/:id/reopen', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const input = parseBody(ctx, reopenSchema);
  const { row, events } = await reopenDocument(ctx.services.db, actor, id, input, ctx.ip);
  ctx.services.events.publish(events);
  ctx.body = { document: await present(ctx.services.db, actor, row, ctx.ip) };
});

documentsRouter.post('/:id/archive', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const { row, events } = await setArchived(ctx.services.db, actor, id, true, ctx.ip);
  ctx.services.events.publish(events);
  ctx.body = { document: await present(ctx.services.db, actor, row, ctx.ip) };
});

documentsRouter.delete('/:id', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const { events } = await setArchived(ctx.services.db, actor, id, true, ctx.ip);
  ctx.services.events.publish(events);
  ctx.status = 204;
});

documentsRouter.post('/:id/restore', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const { row, events } = await setArchived(ctx.services.db, actor, id, false, ctx.ip);
  ctx.services.events.publish(events);
  ctx.body = { document: await present(ctx.services.db, actor, row, ctx.ip) };
});

documentsRouter.get('/:id/access', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  ctx.body = { grants: (await listGrants(ctx.services.db, actor, id, ctx.ip)).map(presentGrant) };
});

documentsRouter.get('/:id/access/overview', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  ctx.body = { overview: await accessOverview(ctx.services.db, actor, id, ctx.ip) };
});

documentsRouter.post('/:id/access-requests', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const input = parseBody(ctx, accessRequestSchema);
  const { events } = await requestAccess(ctx.services.db, actor, id, input, ctx.services.clock.now(), ctx.ip);
  ctx.services.events.publish(events);
  // The same answer whether the document exists or the lead was told before.
  ctx.status = 202;
  ctx.body = { requested: true };
});

const putGrant = async (ctx: AppContext & { params: Record<string, string> }) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const input = parseBody(ctx, grantSchema);
  const { grant, created, events } = await setGrant(ctx.services.db, actor, id, input, ctx.ip);
  await clearAnsweredRequests(ctx.services.db, id);
  ctx.services.events.publish(events);
  ctx.status = created ? 201 : 200;
  ctx.body = { grant: presentGrant(grant) };
};
documentsRouter.put('/:id/access', putGrant);
documentsRouter.post('/:id/access', putGrant);

documentsRouter.delete('/:id/access/:grantId', async (ctx) => {
  const actor = requireActor(ctx);
  const { id, grantId } = parseParams(ctx, grantParams);
  const { events } = await revokeGrant(ctx.services.db, actor, id, grantId, ctx.ip);
  ctx.services.events.publish(events);
  ctx.status = 204;
});

async function present(db: Kysely<Database>, actor: Actor, row: DocumentRow, ip: string) {
  const guarded = await requireDocument(db, actor, row.id, 'view', ip);
  const partners = await loadPartners(db, [row.id]);
  return presentDocument({
    row: guarded.row,
    partnerOrganisationIds: partners.get(row.id) ?? [],
    access: guarded.level,
    availableTransitions: availableTransitions(guarded.row.status, workflowRoles(actor, guarded.row, guarded.level)),
    canReopen: actor.role === 'admin' && reopenTarget(guarded.row.status) !== null && !guarded.row.archived_at,
  });
}
