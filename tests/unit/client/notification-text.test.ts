import { describe, expect, it } from 'vitest';
import type { AppNotification } from '../../../client/src/api/notifications.ts';
import { describeNotification, type NotificationLookups } from '../../../client/src/lib/notification-text.ts';

const lookups: NotificationLookups = {
  person: (id) => (id === 'u1' ? 'Youssef Alami' : 'Quelqu’un'),
  document: (id) => (id === 'd1' ? 'Plan santé' : 'un document'),
  session: (id) => (id === 's1' ? 'Commission technique n°3' : 'une séance'),
  status: (status) => `[${status}]`,
  date: (iso) => `le ${iso}`,
  aboutMeasure: (title) => `Mesure : ${title}`,
};

const notification = (kind: string, payload: Record<string, unknown>, documentId: string | null = 'd1'): AppNotification => ({
  id: 'n1',
  kind,
  documentId,
  payload,
  createdAt: '2026-11-28T10:00:00.000Z',
  read: false,
});

describe('what a notification says and where it leads', () => {
  it('mentions and replies lead to the comment', () => {
    expect(describeNotification(notification('mention', { commentId: 'c1', by: 'u1' }), lookups)).toEqual({
      key: 'notifications.mention',
      params: { person: 'Youssef Alami', document: 'Plan santé' },
      href: '/documents/d1?comment=c1',
      detail: null,
    });
    expect(describeNotification(notification('reply', { commentId: 'c2', threadId: 'c1', by: 'u1' }), lookups).href).toBe('/documents/d1?comment=c2');
  });

  it('a comment about a measure names it', () => {
    expect(describeNotification(notification('reply', { commentId: 'c2', threadId: 'c1', by: 'u1', measureId: 'm1', measureTitle: 'Guichet unique' }), lookups).detail).toBe(
      'Mesure : Guichet unique',
    );
    expect(describeNotification(notification('mention', { commentId: 'c3', by: 'u1', measureId: 'm1', measureTitle: '' }), lookups).detail).toBe('Mesure : —');
  });

  it('status changes give both statuses and the reason of a return', () => {
    const text = describeNotification(notification('status_changed', { from: 'submitted', to: 'returned', reason: 'Chiffrage manquant', by: 'u1' }), lookups);
    expect(text.params).toMatchObject({ from: '[submitted]', to: '[returned]' });
    expect(text.detail).toBe('Chiffrage manquant');
  });

  it('overdue measures lead to their row', () => {
    const text = describeNotification(notification('measure_overdue', { measureId: 'm 1', title: 'Former', due: '2026-06-30' }), lookups);
    expect(text.href).toBe('/documents/d1?view=measures&measure=m%201');
    expect(text.params).toEqual({ measure: 'Former', date: 'le 2026-06-30', document: 'Plan santé' });
  });

  it('a measure one’s organisation now leads names it, the plan and who assigned it, and leads to its row', () => {
    expect(describeNotification(notification('measure_lead', { measureId: 'm 1', title: 'Former', organisationId: 'o1', by: 'u1' }), lookups)).toEqual({
      key: 'measureLead.notify',
      params: { measure: 'Former', document: 'Plan santé', person: 'Youssef Alami' },
      href: '/documents/d1?view=measures&measure=m%201',
      detail: null,
    });
    expect(describeNotification(notification('measure_lead', { measureId: 'm2', title: '', organisationId: 'o1', by: null }), lookups).params).toEqual({
      measure: '—',
      document: 'Plan santé',
      person: 'Quelqu’un',
    });
  });

  it('sessions lead to the session, a closed one to its minutes', () => {
    expect(describeNotification(notification('session_started', { sessionId: 's1' }, null), lookups)).toMatchObject({
      params: { session: 'Commission technique n°3' },
      href: '/sessions/s1',
    });
    expect(describeNotification(notification('session_closed', { sessionId: 's1', minutesDocumentId: 'd9' }, null), lookups).href).toBe('/documents/d9');
  });

  it('an unknown kind still says something', () => {
    expect(describeNotification(notification('later_kind', {}, null), lookups)).toMatchObject({ key: 'notifications.other', href: null });
  });
});
