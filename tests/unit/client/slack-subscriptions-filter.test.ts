import { describe, expect, it } from 'vitest';
import type { SlackSubscription } from '../../../client/src/api/slack-subscriptions.ts';
import { channelLabel, filterSubscriptions, followsEverything, isKnownPauseReason } from '../../../client/src/lib/slack-subscriptions.ts';

const subscription = (fields: Partial<SlackSubscription> & Pick<SlackSubscription, 'id'>): SlackSubscription => ({
  teamId: 'T1',
  channelId: 'C1',
  channelName: null,
  object: { type: 'document', id: 'd1', name: 'Plan' },
  events: ['status'],
  locale: 'fr',
  paused: false,
  pausedAt: null,
  pausedReason: null,
  createdBy: 'Karim',
  createdById: 'u1',
  createdAt: '2026-12-01T10:00:00Z',
  ...fields,
});

const rows = [
  subscription({ id: 'santé', channelId: 'CSANTE', channelName: 'santé-plans', object: { type: 'document', id: 'd1', name: 'Plan d’action Santé des MRE' } }),
  subscription({
    id: 'oim',
    channelId: 'COIM',
    channelName: 'oim',
    object: { type: 'organisation', id: 'o1', name: 'Organisation internationale pour les migrations' },
    createdBy: 'Samira El Idrissi',
  }),
  subscription({ id: 'commission', channelId: 'GTECH', object: { type: 'commission', id: 'c1', name: 'اللجنة التقنية' }, paused: true, pausedReason: 'is_archived', teamId: 'T2' }),
];
const ids = (found: SlackSubscription[]) => found.map((row) => row.id);

describe('the admin list of Slack subscriptions, narrowed', () => {
  it('keeps everything without filters', () => {
    expect(ids(filterSubscriptions(rows, { text: '  ', follows: '', state: '' }))).toEqual(['santé', 'oim', 'commission']);
  });

  it('finds words anywhere in the row, without regard to case or accents, every word required', () => {
    expect(ids(filterSubscriptions(rows, { text: 'SANTE', follows: '', state: '' }))).toEqual(['santé']);
    expect(ids(filterSubscriptions(rows, { text: '#oim', follows: '', state: '' }))).toEqual(['oim']);
    expect(ids(filterSubscriptions(rows, { text: 'gtech', follows: '', state: '' }))).toEqual(['commission']);
    expect(ids(filterSubscriptions(rows, { text: 'T2', follows: '', state: '' }))).toEqual(['commission']);
    expect(ids(filterSubscriptions(rows, { text: 'samira migrations', follows: '', state: '' }))).toEqual(['oim']);
    expect(ids(filterSubscriptions(rows, { text: 'samira santé', follows: '', state: '' }))).toEqual([]);
    expect(ids(filterSubscriptions(rows, { text: 'التقنية', follows: '', state: '' }))).toEqual(['commission']);
  });

  it('narrows by what is followed and by state', () => {
    expect(ids(filterSubscriptions(rows, { text: '', follows: 'organisation', state: '' }))).toEqual(['oim']);
    expect(ids(filterSubscriptions(rows, { text: '', follows: '', state: 'paused' }))).toEqual(['commission']);
    expect(ids(filterSubscriptions(rows, { text: '', follows: '', state: 'active' }))).toEqual(['santé', 'oim']);
    expect(ids(filterSubscriptions(rows, { text: 'plan', follows: 'commission', state: '' }))).toEqual([]);
  });

  it('names channels, events and pause reasons the way the page shows them', () => {
    expect(channelLabel(rows[0]!)).toBe('#santé-plans');
    expect(channelLabel(rows[2]!)).toBe('GTECH');
    expect(followsEverything(['status', 'comments', 'measures', 'sessions', 'edits'])).toBe(true);
    expect(followsEverything(['status', 'comments'])).toBe(false);
    expect(isKnownPauseReason('is_archived')).toBe(true);
    expect(isKnownPauseReason('ratelimited')).toBe(false);
    expect(isKnownPauseReason(null)).toBe(false);
  });
});
