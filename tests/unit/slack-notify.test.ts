import { describe, expect, it } from 'vitest';
import { ChannelPacer } from '../../bot/notify/pacer.ts';
import { isDirectTarget, planSlackEvent } from '../../bot/notify/plan.ts';
import { planNotification } from '../../server/notifications/rules.ts';

const doc = '0b5b8d3e-6f1c-4c1e-9a55-5a0e0b6c7d8e';

describe('which domain events reach Slack', () => {
  it('sends document events to channels following their category', () => {
    expect(planSlackEvent({ type: 'document.status_changed', documentId: doc, actorUserId: 'u1', from: 'draft', to: 'in_review', reason: null })).toMatchObject({
      category: 'status',
      subject: { type: 'document', id: doc },
      dmUserIds: [],
    });
    expect(planSlackEvent({ type: 'comment.created', documentId: doc, commentId: 'c1', threadId: null, actorUserId: 'u1', sessionId: null })?.category).toBe('comments');
    expect(planSlackEvent({ type: 'measure.overdue', documentId: doc, measureId: 'm1', title: 'M', due: '2026-01-01', leadOrganisationId: null })?.category).toBe('measures');
    expect(planSlackEvent({ type: 'document.updated', documentId: doc, actorUserId: 'u1' })?.category).toBe('edits');
  });

  it('sends mentions by direct message only (personal.ts), never to a channel nor to their author', () => {
    const mention = { type: 'mention' as const, documentId: doc, commentId: 'c1', actorUserId: 'u1', userIds: ['u1', 'u2'] };
    expect(planSlackEvent(mention)).toBeNull();
    // The personal DM is planned like the in-app notification: to the people named, but the author.
    expect(planNotification(mention)).toMatchObject({ kind: 'mention', recipients: { userIds: ['u1', 'u2'] }, exceptUserId: 'u1' });
  });

  it('sends session events to channels following the commission', () => {
    expect(planSlackEvent({ type: 'session.closed', sessionId: 's1', commissionId: 'k1', minutesDocumentId: doc, actorUserId: 'u1' })).toMatchObject({
      category: 'sessions',
      subject: { type: 'session', id: 's1' },
      commissionId: 'k1',
      stored: { kind: 'session', what: 'closed', minutesDocumentId: doc },
    });
  });

  it('keeps everything else in the web app', () => {
    expect(planSlackEvent({ type: 'notification.created', userId: 'u1', notificationId: 'n1' })).toBeNull();
    expect(planSlackEvent({ type: 'document.access_changed', documentId: doc, actorUserId: 'u1' })).toBeNull();
  });

  it('tells direct-message targets (users) from channels', () => {
    expect(isDirectTarget('U0123')).toBe(true);
    expect(isDirectTarget('W0123')).toBe(true);
    expect(isDirectTarget('C0123')).toBe(false);
    expect(isDirectTarget('D0123')).toBe(false);
  });
});

describe('ChannelPacer', () => {
  it('spaces messages to one channel, not across channels', () => {
    const pacer = new ChannelPacer(1_000);
    expect(pacer.ready('C1', 0)).toBe(true);
    pacer.sent('C1', 0);
    expect(pacer.ready('C1', 999)).toBe(false);
    expect(pacer.ready('C2', 999)).toBe(true);
    expect(pacer.ready('C1', 1_000)).toBe(true);
  });

  it('waits out a Retry-After, never shortening it', () => {
    const pacer = new ChannelPacer(100);
    pacer.blockUntil('C1', 5_000);
    pacer.sent('C1', 10);
    expect(pacer.ready('C1', 4_999)).toBe(false);
    expect(pacer.ready('C1', 5_000)).toBe(true);
  });
});
