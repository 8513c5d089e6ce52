import Router from '@koa/router';
import { deleteComment, editComment, setThreadResolved } from '../commands/comments-changes.ts';
import { contentFromHub } from '../queries/comments-content.ts';
import { createComment, listComments, readComment, type CommentChange } from '../commands/comments.ts';
import { requireActor } from '../http/authenticate.ts';
import type { AppContext, AppState } from '../http/context.ts';
import { parseBody, parseParams, parseQuery } from '../http/validate.ts';
import { presentComment, presentThread } from '../presenters/comment.ts';
import { idParams } from '../../shared/api/schemas/common.ts';
import { commentParams, createCommentSchema, listCommentsQuery, updateCommentSchema } from '../../shared/api/schemas/comments.ts';

/** Comment threads of a document: /api/documents/:id/comments (see commands/comments*.ts for the rules). */
export const commentsRouter = new Router<AppState, AppContext>({ prefix: '/api/documents/:id/comments' });

/** Announces what a write did, after its transaction committed. */
const announce = (ctx: AppContext, change: CommentChange) => {
  ctx.services.events.publish(change.events);
};

commentsRouter.get('/', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const filter = parseQuery(ctx, listCommentsQuery);
  const threads = await listComments(ctx.services.db, contentFromHub(ctx.services.hub), actor, id, filter, ctx.ip);
  ctx.body = { threads: threads.map((thread) => presentThread(thread, thread.anchor)) };
});

commentsRouter.post('/', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const input = parseBody(ctx, createCommentSchema);
  const change = await createComment(ctx.services.db, contentFromHub(ctx.services.hub), actor, id, input, ctx.ip);
  announce(ctx, change);
  ctx.status = 201;
  ctx.body = { comment: presentComment(change.comment) };
});

commentsRouter.get('/:commentId', async (ctx) => {
  const actor = requireActor(ctx);
  const { id, commentId } = parseParams(ctx, commentParams);
  ctx.body = { comment: presentComment(await readComment(ctx.services.db, actor, id, commentId, ctx.ip)) };
});

commentsRouter.patch('/:commentId', async (ctx) => {
  const actor = requireActor(ctx);
  const { id, commentId } = parseParams(ctx, commentParams);
  const input = parseBody(ctx, updateCommentSchema);
  const change = await editComment(ctx.services.db, actor, id, commentId, input, ctx.ip);
  announce(ctx, change);
  ctx.body = { comment: presentComment(change.comment) };
});

commentsRouter.delete('/:commentId', async (ctx) => {
  const actor = requireActor(ctx);
  const { id, commentId } = parseParams(ctx, commentParams);
  announce(ctx, await deleteComment(ctx.services.db, actor, id, commentId, ctx.ip));
  ctx.status = 204;
});

for (const [action, resolved] of [
  ['resolve', true],
  ['reopen', false],
] as const) {
  commentsRouter.post(`/:commentId/${action}`, async (ctx) => {
    const actor = requireActor(ctx);
    const { id, commentId } = parseParams(ctx, commentParams);
    const change = await setThreadResolved(ctx.services.db, actor, id, commentId, resolved, ctx.ip);
    announce(ctx, change);
    ctx.body = { comment: presentComment(change.comment) };
  });
}
