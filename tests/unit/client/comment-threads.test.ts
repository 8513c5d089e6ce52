import { describe, expect, it } from 'vitest';
import type { Comment, Thread } from '../../../client/src/api/comments.ts';
import { filterThreads, mergeComment, openThreadsPerMeasure, threadOf } from '../../../client/src/pages/document/comments/thread-list.ts';

let clock = 0;
function comment(id: string, overrides: Partial<Comment> = {}): Comment {
  clock += 1;
  return {
    id,
    documentId: 'doc',
    threadId: null,
    author: { id: 'u-amina', name: 'Amina', organisationId: 'o-sante' },
    body: `comment ${id}`,
    mentions: { userIds: [], organisationIds: [] },
    anchor: null,
    sessionId: null,
    agendaItemId: null,
    resolved: false,
    resolvedAt: null,
    resolvedBy: null,
    createdAt: new Date(Date.UTC(2026, 10, 28, 10, 0, clock)).toISOString(),
    editedAt: null,
    deleted: false,
    deletedAt: null,
    ...overrides,
  };
}

const context = { myUserId: 'u-youssef', sessionId: 's1', measureId: null };

describe('comment threads on the page', () => {
  it('adds a new thread, then its replies in order, and replaces edited comments in place', () => {
    let threads: Thread[] = [];
    threads = mergeComment(threads, comment('t1', { anchor: { type: 'text', start: 'AA==', end: 'AA==', quote: 'cinq millions' } }));
    expect(threads).toHaveLength(1);
    expect(threads[0]).toMatchObject({ anchorStatus: 'attached', anchorText: 'cinq millions', replies: [] });
    const second = comment('r2', { threadId: 't1' });
    const first = comment('r1', { threadId: 't1', createdAt: '2026-11-28T09:00:00.000Z' });
    threads = mergeComment(mergeComment(threads, second), first);
    expect(threads[0]!.replies.map((reply) => reply.id)).toEqual(['r1', 'r2']);
    threads = mergeComment(threads, { ...second, body: 'corrigé', editedAt: '2026-11-28T11:00:00.000Z' });
    expect(threads[0]!.replies.map((reply) => reply.body)).toEqual(['comment r1', 'corrigé']);
    threads = mergeComment(threads, { ...threads[0]!, resolved: true });
    expect(threads[0]!.resolved).toBe(true);
    expect(threads[0]!.replies).toHaveLength(2);
    expect(threadOf(threads, 'r2')?.id).toBe('t1');
  });

  it('ignores a reply to a thread it does not know (it comes with the next reload)', () => {
    expect(mergeComment([], comment('r', { threadId: 'unknown' }))).toEqual([]);
  });

  it('filters open, resolved, mine and this session, and leaves out threads wholly deleted', () => {
    const threads: Thread[] = [
      { ...comment('open'), anchorStatus: null, anchorText: null, replies: [comment('mine', { threadId: 'open', author: { id: 'u-youssef', name: 'Y', organisationId: 'o' } })] },
      { ...comment('done', { resolved: true, sessionId: 's1' }), anchorStatus: null, anchorText: null, replies: [] },
      { ...comment('gone', { deleted: true }), anchorStatus: null, anchorText: null, replies: [] },
    ];
    const ids = (filter: Parameters<typeof filterThreads>[1]) => filterThreads(threads, filter, context).map((thread) => thread.id);
    expect(ids('open')).toEqual(['open']);
    expect(ids('resolved')).toEqual(['done']);
    expect(ids('mine')).toEqual(['open']);
    expect(ids('session')).toEqual(['done']);
    expect(ids('all')).toEqual(['open', 'done']);
  });

  it('counts open threads per measure and filters on one measure', () => {
    const onMeasure = (id: string, measureId: string, resolved = false): Thread => ({
      ...comment(id, { anchor: { type: 'measure', measureId }, resolved }),
      anchorStatus: 'attached',
      anchorText: null,
      replies: [],
    });
    const threads = [onMeasure('a', 'm1'), onMeasure('b', 'm1'), onMeasure('c', 'm1', true), onMeasure('d', 'm2')];
    expect(openThreadsPerMeasure(threads)).toEqual(
      new Map([
        ['m1', 2],
        ['m2', 1],
      ]),
    );
    expect(filterThreads(threads, 'all', { ...context, measureId: 'm1' }).map((thread) => thread.id)).toEqual(['a', 'b', 'c']);
  });
});
