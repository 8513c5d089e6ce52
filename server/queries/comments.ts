import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import type { CommentsTable, Database } from '../../db/schema.ts';
import type { ListCommentsQuery } from '../../shared/api/schemas/comments.ts';

/** A comment row with what a reader needs to show its author. */
export type CommentView = Selectable<CommentsTable> & { author_name: string; author_organisation_id: string };

const withAuthor = (db: Kysely<Database>) =>
  db
    .selectFrom('comments')
    .innerJoin('users', 'users.id', 'comments.author_id')
    .selectAll('comments')
    .select(['users.name as author_name', 'users.organisation_id as author_organisation_id']);

export async function findComment(db: Kysely<Database>, id: string): Promise<CommentView | undefined> {
  return withAuthor(db).where('comments.id', '=', id).executeTakeFirst();
}

export interface ThreadRows {
  root: CommentView;
  replies: CommentView[];
}

/**
 * The threads of a document, oldest first, with their replies. A deleted first comment stays as
 * a placeholder while replies hang on it; deleted replies are left out (nothing hangs on them).
 *   status   open / resolved threads (resolution is a property of the thread's first comment)
 *   mine     threads the reader started or replied to
 *   session  threads with a comment raised in that commission session
 *   measure  threads anchored to that measure
 */
export async function listThreads(db: Kysely<Database>, documentId: string, readerId: string, filter: ListCommentsQuery): Promise<ThreadRows[]> {
  const reply = (eb: ExpressionBuilder<Database, 'comments' | 'users'>) =>
    eb.selectFrom('comments as reply').select(sql`1`.as('one')).whereRef('reply.thread_id', '=', 'comments.id');
  let query = withAuthor(db)
    .where('comments.document_id', '=', documentId)
    .where('comments.thread_id', 'is', null)
    .where((eb) => eb.or([eb('comments.deleted_at', 'is', null), eb.exists(reply(eb).where('reply.deleted_at', 'is', null))]));
  if (filter.status === 'open') query = query.where('comments.resolved_at', 'is', null);
  if (filter.status === 'resolved') query = query.where('comments.resolved_at', 'is not', null);
  if (filter.mine === 'true') {
    query = query.where((eb) =>
      eb.or([eb('comments.author_id', '=', readerId), eb.exists(reply(eb).where('reply.author_id', '=', readerId).where('reply.deleted_at', 'is', null))]),
    );
  }
  if (filter.session) {
    const sessionId = filter.session;
    query = query.where((eb) => eb.or([eb('comments.session_id', '=', sessionId), eb.exists(reply(eb).where('reply.session_id', '=', sessionId))]));
  }
  if (filter.measure) {
    query = query.where(sql<boolean>`comments.anchor->>'type' = 'measure' and comments.anchor->>'measureId' = ${filter.measure}`);
  }
  const roots = await query.orderBy('comments.created_at').orderBy('comments.id').limit(filter.limit).execute();
  if (roots.length === 0) return [];
  const replies = await withAuthor(db)
    .where(
      'comments.thread_id',
      'in',
      roots.map((root) => root.id),
    )
    .where('comments.deleted_at', 'is', null)
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .execute();
  const byThread = new Map<string, CommentView[]>();
  for (const row of replies) {
    const list = byThread.get(row.thread_id!) ?? [];
    list.push(row);
    byThread.set(row.thread_id!, list);
  }
  return roots.map((root) => ({ root, replies: byThread.get(root.id) ?? [] }));
}

/** Comments by id that are not deleted, in no particular order. */
export async function liveComments(db: Kysely<Database>, ids: readonly string[]): Promise<Selectable<CommentsTable>[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('comments')
    .selectAll()
    .where('id', 'in', [...ids])
    .where('deleted_at', 'is', null)
    .execute();
}

/** How many threads of a document are open (not resolved, not deleted). */
export async function openThreadCount(db: Kysely<Database>, documentId: string): Promise<number> {
  const row = await db
    .selectFrom('comments')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('document_id', '=', documentId)
    .where('thread_id', 'is', null)
    .where('resolved_at', 'is', null)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return row.count;
}
