import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../db/schema.ts';
import { canSeeSession, decideSessionAction, discussedDocumentIds, isPermutation, nextState, type SessionAction } from '../../server/domain/session-rules.ts';

const STATES: SessionState[] = ['planned', 'live', 'closed'];
const ACTIONS: SessionAction[] = ['edit', 'start', 'move', 'decide', 'close'];

/** The life cycle as the brief states it, written out independently of the code under test. */
const ALLOWED = new Set(['edit@planned', 'start@planned', 'move@live', 'decide@live', 'close@live']);

describe('decideSessionAction: the full matrix', () => {
  const cases = ACTIONS.flatMap((action) => STATES.map((state) => [action, state] as const));

  it.each(cases)('the chair may %s while %s only when the life cycle allows it', (action, state) => {
    const decision = decideSessionAction(action, { state, isChair: true, agendaLength: 2 });
    if (ALLOWED.has(`${action}@${state}`)) expect(decision).toEqual({ ok: true });
    else expect(decision).toMatchObject({ ok: false, reason: 'wrong_state', message: expect.stringContaining(`This session is ${state}.`) });
  });

  it.each(cases)('a non-chair may never %s (state %s), and is told so before anything about the state', (action, state) => {
    expect(decideSessionAction(action, { state, isChair: false, agendaLength: 2 })).toMatchObject({ ok: false, reason: 'not_chair' });
  });

  it('refuses to start a session with an empty agenda', () => {
    expect(decideSessionAction('start', { state: 'planned', isChair: true, agendaLength: 0 })).toMatchObject({ ok: false, reason: 'empty_agenda' });
  });
});

describe('nextState', () => {
  it('moves planned → live → closed and nothing else', () => {
    expect(nextState('start', 'planned')).toBe('live');
    expect(nextState('close', 'live')).toBe('closed');
    for (const action of ['edit', 'move', 'decide'] as const) for (const state of STATES) expect(nextState(action, state)).toBe(state);
  });
});

describe('canSeeSession', () => {
  const facts = { memberOrganisationIds: ['sante', 'emploi'], presenterOrganisationIds: ['oim'] };
  it.each([
    ['an admin of any organisation', { role: 'admin' as const, organisationId: 'mre' }, true],
    ['a member organisation', { role: 'member' as const, organisationId: 'sante' }, true],
    ['a presenter organisation', { role: 'member' as const, organisationId: 'oim' }, true],
    ['anyone else', { role: 'member' as const, organisationId: 'justice' }, false],
  ])('%s → %s', (_label, subject, expected) => {
    expect(canSeeSession(subject, facts)).toBe(expected);
  });
});

describe('discussedDocumentIds', () => {
  const items = [
    { id: 'i1', documentId: 'd1', decision: null },
    { id: 'i2', documentId: 'd2', decision: 'postponed' as const },
    { id: 'i3', documentId: 'd1', decision: 'adopted' as const },
    { id: 'i4', documentId: 'd4', decision: null },
  ];
  it('keeps documents of reached or decided items, once each, in agenda order', () => {
    expect(discussedDocumentIds(items, new Set(['i1']))).toEqual(['d1', 'd2']);
    expect(discussedDocumentIds(items, new Set(['i4']))).toEqual(['d2', 'd1', 'd4']);
    expect(discussedDocumentIds(items, new Set())).toEqual(['d2', 'd1']);
  });
});

describe('isPermutation', () => {
  it('accepts exactly the same ids in another order', () => {
    expect(isPermutation(['a', 'b', 'c'], ['c', 'a', 'b'])).toBe(true);
    expect(isPermutation(['a', 'b', 'c'], ['a', 'b'])).toBe(false);
    expect(isPermutation(['a', 'b'], ['a', 'a'])).toBe(false);
    expect(isPermutation(['a', 'b'], ['a', 'x'])).toBe(false);
  });
});
