import { describe, expect, it } from 'vitest';
import { addDays, completeness, isLate, missingForSubmission, reminderSchedule, remindersDue, reportTransition, sameCycleScope } from '../../server/domain/reporting-cycle.ts';
import { reportValuesSchema } from '../../shared/api/schemas/cycles.ts';
import { reportPolicy, cyclePolicy, cycleViewPolicy } from '../../server/policies/reporting.ts';
import { fixedClock } from '../../server/clock.ts';

describe('report transitions', () => {
  it('follows draft → submitted → returned → draft/submitted, submitted → accepted', () => {
    expect(reportTransition('open', 'not_started', 'save')).toEqual({ allowed: true, to: 'draft' });
    expect(reportTransition('open', 'draft', 'submit')).toEqual({ allowed: true, to: 'submitted' });
    expect(reportTransition('open', 'submitted', 'return')).toEqual({ allowed: true, to: 'returned' });
    expect(reportTransition('open', 'returned', 'save')).toEqual({ allowed: true, to: 'draft' });
    expect(reportTransition('open', 'returned', 'submit')).toEqual({ allowed: true, to: 'submitted' });
    expect(reportTransition('open', 'submitted', 'accept')).toEqual({ allowed: true, to: 'accepted' });
  });

  it('refuses the moves the rules do not allow', () => {
    for (const [from, action] of [
      ['not_started', 'submit'],
      ['submitted', 'save'],
      ['submitted', 'submit'],
      ['accepted', 'save'],
      ['accepted', 'return'],
      ['draft', 'accept'],
      ['returned', 'return'],
    ] as const) {
      expect(reportTransition('open', from, action)).toMatchObject({ allowed: false, code: 'invalid_transition' });
    }
  });

  it('moves nothing on a closed cycle', () => {
    for (const action of ['save', 'submit', 'return', 'accept'] as const)
      expect(reportTransition('closed', 'draft', action)).toMatchObject({ allowed: false, code: 'cycle_closed' });
  });
});

describe('report values', () => {
  const problems = (input: unknown) => {
    const parsed = reportValuesSchema.safeParse(input);
    return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
  };

  it('accepts bounded values and reads typed indicator numbers', () => {
    expect(reportValuesSchema.parse({ status: 'in_progress', progress: 40, indicatorCurrent: '1 250,5', narrative: '  Avancée  ' })).toEqual({
      status: 'in_progress',
      progress: 40,
      indicatorCurrent: 1250.5,
      narrative: 'Avancée',
    });
    expect(reportValuesSchema.parse({ indicatorCurrent: '' })).toEqual({ indicatorCurrent: null });
    expect(reportValuesSchema.parse({ indicatorCurrent: -3 })).toEqual({ indicatorCurrent: -3 });
  });

  it('refuses each bad value on its own field', () => {
    expect(problems({ progress: 101 })).toEqual(['progress']);
    expect(problems({ progress: -1 })).toEqual(['progress']);
    expect(problems({ progress: 4.5 })).toEqual(['progress']);
    expect(problems({ progress: '40' })).toEqual(['progress']);
    expect(problems({ indicatorCurrent: 'beaucoup' })).toEqual(['indicatorCurrent']);
    expect(problems({ indicatorCurrent: 1e16 })).toEqual(['indicatorCurrent']);
    expect(problems({ status: 'finished' })).toEqual(['status']);
    expect(problems({ narrative: 'x'.repeat(4001) })).toEqual(['narrative']);
    expect(problems({ blockers: 'a\u0000b' })).toEqual(['blockers']);
    expect(problems({ supportRequested: 'x'.repeat(2001) })).toEqual(['supportRequested']);
    expect(problems({ owner: 'me' })).toEqual(['']);
  });

  it('names what a submission lacks', () => {
    expect(missingForSubmission({ status: null, progress: null })).toEqual(['status', 'progress']);
    expect(missingForSubmission({ status: 'done', progress: 100 })).toEqual([]);
  });
});

describe('reminders on an injectable clock', () => {
  const cycle = { status: 'open' as const, opensOn: '2026-10-01', dueOn: '2026-10-15', reminderDays: [2, -3, -30, -3] };

  it('schedules one reminder per offset from the due date, none before opening', () => {
    expect(reminderSchedule(cycle)).toEqual([
      { offset: -3, day: '2026-10-12' },
      { offset: 2, day: '2026-10-17' },
    ]);
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
  });

  it('sends each reminder once when its day comes, catching up a missed one once', () => {
    const clock = fixedClock(new Date('2026-10-11T10:00:00Z'));
    expect(remindersDue(cycle, clock.today(), [])).toEqual([]);
    clock.set(new Date('2026-10-12T10:00:00Z'));
    expect(remindersDue(cycle, clock.today(), [])).toEqual([-3]);
    expect(remindersDue(cycle, clock.today(), [-3])).toEqual([]);
    clock.set(new Date('2026-10-20T10:00:00Z'));
    expect(remindersDue(cycle, clock.today(), [])).toEqual([2]);
    expect(remindersDue({ ...cycle, status: 'closed' }, clock.today(), [])).toEqual([]);
  });
});

describe('completeness', () => {
  it('gives each organisation its standing and says who is late', () => {
    const reports = [
      { leadOrganisationId: 'a', state: 'submitted' as const },
      { leadOrganisationId: 'a', state: 'accepted' as const },
      { leadOrganisationId: 'b', state: 'draft' as const },
      { leadOrganisationId: 'b', state: 'submitted' as const },
      { leadOrganisationId: 'c', state: 'not_started' as const },
    ];
    const before = completeness(reports, '2026-10-15', '2026-10-15');
    expect(before.map((entry) => [entry.organisationId, entry.standing, entry.late])).toEqual([
      ['a', 'submitted', false],
      ['b', 'draft', false],
      ['c', 'not_started', false],
    ]);
    const after = completeness(reports, '2026-10-15', '2026-10-16');
    expect(after.filter((entry) => entry.late).map((entry) => entry.organisationId)).toEqual(['b', 'c']);
    expect(isLate('2026-10-15', '2026-10-16', 'returned')).toBe(true);
    expect(isLate('2026-10-15', '2026-10-16', 'submitted')).toBe(false);
  });
});

describe('reporting policy', () => {
  const admin = { userId: 'u0', organisationId: 'ministry', role: 'admin' as const };
  const focal = { userId: 'u1', organisationId: 'sante', role: 'member' as const };
  const partner = { userId: 'u2', organisationId: 'oim', role: 'member' as const };
  const stranger = { userId: 'u3', organisationId: 'eau', role: 'member' as const };
  const facts = { leadOrganisationId: 'sante', partnerOrganisationIds: ['oim'] };
  const verdict = (actor: typeof admin | typeof focal, action: 'view' | 'write' | 'review') => {
    const answer = reportPolicy.decide(actor, action, facts);
    return answer.allowed ? 'allow' : answer.hidden ? 'hide' : 'refuse';
  };

  it('lets the focal point write, partners read, the coordination unit read and review, others nothing', () => {
    expect([verdict(focal, 'view'), verdict(focal, 'write'), verdict(focal, 'review')]).toEqual(['allow', 'allow', 'refuse']);
    expect([verdict(partner, 'view'), verdict(partner, 'write'), verdict(partner, 'review')]).toEqual(['allow', 'hide', 'refuse']);
    expect([verdict(admin, 'view'), verdict(admin, 'write'), verdict(admin, 'review')]).toEqual(['allow', 'refuse', 'allow']);
    expect([verdict(stranger, 'view'), verdict(stranger, 'write'), verdict(stranger, 'review')]).toEqual(['hide', 'hide', 'hide']);
  });

  it('lets only the coordination unit manage cycles, and shows a cycle to organisations in it', () => {
    expect(cyclePolicy.decide(admin, 'open', {}).allowed).toBe(true);
    expect(cyclePolicy.decide(focal, 'open', {})).toMatchObject({ allowed: false, hidden: false });
    expect(cycleViewPolicy.decide(partner, 'view', { organisationIds: ['sante', 'oim'] }).allowed).toBe(true);
    expect(cycleViewPolicy.decide(stranger, 'view', { organisationIds: ['sante', 'oim'] })).toMatchObject({ allowed: false, hidden: true });
  });
});

describe('the same cycle asked for twice', () => {
  const scope = { period: 'T4 2026', commissionId: null, documentKinds: ['action_plan', 'study'], documentIds: ['a', 'b'] };
  it('is the same period over the same scope, whatever the order of the lists', () => {
    expect(sameCycleScope(scope, { ...scope, documentKinds: ['study', 'action_plan'], documentIds: ['b', 'a'] })).toBe(true);
  });
  it('is another cycle when the period, the commission, the kinds or the plans differ', () => {
    expect(sameCycleScope(scope, { ...scope, period: 'T1 2027' })).toBe(false);
    expect(sameCycleScope(scope, { ...scope, commissionId: 'c' })).toBe(false);
    expect(sameCycleScope(scope, { ...scope, documentKinds: ['action_plan'] })).toBe(false);
    expect(sameCycleScope(scope, { ...scope, documentIds: ['a', 'c'] })).toBe(false);
    expect(sameCycleScope(scope, { ...scope, documentIds: ['a', 'a'] })).toBe(false);
  });
});
