import Router from '@koa/router';
import { contentFromHub } from '../queries/comments-content.ts';
import { acceptSuggestions, createSuggestions, dismissSuggestions, linkThread, listSuggestions, type SuggestionChange } from '../commands/suggestions.ts';
import { requireActor } from '../http/authenticate.ts';
import type { AppContext, AppState } from '../http/context.ts';
import { parseBody, parseParams } from '../http/validate.ts';
import { presentSuggestion } from '../presenters/suggestion.ts';
import { idParams } from '../../shared/api/schemas/common.ts';
import { createSuggestionsSchema, linkThreadSchema, suggestionParams } from '../../shared/api/schemas/suggestions.ts';

/** Suggestions of a document: /api/documents/:id/suggestions (see commands/suggestions.ts for the rules). */
export const suggestionsRouter = new Router<AppState, AppContext>({ prefix: '/api/documents/:id/suggestions' });

const announce = (ctx: AppContext, change: SuggestionChange) => {
  ctx.services.events.publish(change.events);
};

suggestionsRouter.get('/', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  ctx.body = { suggestions: (await listSuggestions(ctx.services.db, actor, id, ctx.ip)).map(presentSuggestion) };
});

suggestionsRouter.post('/', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const input = parseBody(ctx, createSuggestionsSchema);
  const change = await createSuggestions(ctx.services.db, contentFromHub(ctx.services.hub), actor, id, input.suggestions, ctx.ip);
  announce(ctx, change);
  ctx.status = 201;
  ctx.body = { suggestions: change.suggestions.map(presentSuggestion) };
});

/** Accept or reject every open suggestion of the document. */
for (const action of ['accept', 'reject'] as const) {
  suggestionsRouter.post(`/${action}-all`, async (ctx) => {
    const actor = requireActor(ctx);
    const { id } = parseParams(ctx, idParams);
    const change =
      action === 'accept'
        ? await acceptSuggestions(ctx.services.db, ctx.services.hub, actor, id, 'all', ctx.ip)
        : { ...(await dismissSuggestions(ctx.services.db, actor, id, 'all', ctx.ip)), stale: [] };
    announce(ctx, change);
    ctx.body = { decided: change.suggestions.map((row) => row.id), stale: change.stale };
  });
}

suggestionsRouter.post('/:suggestionId/accept', async (ctx) => {
  const actor = requireActor(ctx);
  const { id, suggestionId } = parseParams(ctx, suggestionParams);
  const change = await acceptSuggestions(ctx.services.db, ctx.services.hub, actor, id, [suggestionId], ctx.ip);
  announce(ctx, change);
  ctx.body = { decided: change.suggestions.map((row) => row.id), stale: change.stale };
});

/** Rejects (an editor) or withdraws (its author). */
suggestionsRouter.post('/:suggestionId/reject', async (ctx) => {
  const actor = requireActor(ctx);
  const { id, suggestionId } = parseParams(ctx, suggestionParams);
  const change = await dismissSuggestions(ctx.services.db, actor, id, [suggestionId], ctx.ip);
  announce(ctx, change);
  ctx.body = { decided: change.suggestions.map((row) => row.id) };
});

suggestionsRouter.put('/:suggestionId/thread', async (ctx) => {
  const actor = requireActor(ctx);
  const { id, suggestionId } = parseParams(ctx, suggestionParams);
  const { threadId } = parseBody(ctx, linkThreadSchema);
  const change = await linkThread(ctx.services.db, actor, id, suggestionId, threadId, ctx.ip);
  announce(ctx, change);
  ctx.body = { suggestion: presentSuggestion(change.suggestions[0]!) };
});
