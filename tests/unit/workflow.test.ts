import { describe, expect, it } from 'vitest';
import type { DocumentStatus } from '../../db/schema.ts';
import { availableTransitions, decideReopen, decideTransition, type WorkflowRole } from '../../shared/workflow.ts';
import { BRIEF_TRANSITIONS, STATUS_PAIRS, STATUSES } from '../helpers/workflow-brief.ts';

const ROLE_SETS: WorkflowRole[][] = [[], ['lead'], ['secretariat'], ['lead', 'secretariat']];

describe('decideTransition: the full matrix', () => {
  describe.each(ROLE_SETS.map((roles) => [roles.join('+') || 'nobody', roles] as const))('as %s', (_label, roles) => {
    it.each(STATUS_PAIRS)('%s → %s', (from, to) => {
      const rule = BRIEF_TRANSITIONS[`${from}>${to}`];
      const decision = decideTransition(from, to, roles, 'a reason');
      if (!rule) expect(decision).toEqual({ ok: false, reason: 'not_a_transition' });
      else if (!rule.by.some((role) => roles.includes(role))) expect(decision).toEqual({ ok: false, reason: 'not_allowed' });
      else expect(decision).toEqual({ ok: true, needsReason: Boolean(rule.reason) });
    });
  });
});

describe('decideTransition: reasons', () => {
  it.each([undefined, '', '   \n\t'])('refuses a return without a real reason (%j)', (reason) => {
    expect(decideTransition('submitted', 'returned', ['secretariat'], reason)).toEqual({ ok: false, reason: 'reason_required' });
    expect(decideTransition('in_review', 'returned', ['secretariat'], reason)).toEqual({ ok: false, reason: 'reason_required' });
  });

  it('reports "not allowed" before "reason required", so the reason never leaks what is possible', () => {
    expect(decideTransition('submitted', 'returned', ['lead'])).toEqual({ ok: false, reason: 'not_allowed' });
  });

  it('does not ask for a reason where none is needed', () => {
    expect(decideTransition('draft', 'in_review', ['lead'])).toEqual({ ok: true, needsReason: false });
  });
});

describe('availableTransitions', () => {
  it('lists what each role may do from each status', () => {
    for (const from of STATUSES) {
      for (const roles of ROLE_SETS) {
        const expected = STATUSES.filter((to) => BRIEF_TRANSITIONS[`${from}>${to}`]?.by.some((role) => roles.includes(role)));
        expect(availableTransitions(from, roles).sort(), `${from} as ${roles.join('+')}`).toEqual(expected.sort());
      }
    }
  });

  it('makes closed a terminal status', () => {
    expect(availableTransitions('closed', ['lead', 'secretariat'])).toEqual([]);
  });

  it('lets the secretariat walk a document from draft to closed', () => {
    const path: DocumentStatus[] = ['draft', 'in_review', 'submitted', 'adopted', 'in_implementation', 'closed'];
    for (let i = 1; i < path.length; i++) expect(decideTransition(path[i - 1]!, path[i]!, ['secretariat']).ok).toBe(true);
  });
});

describe('decideReopen: the coordination unit takes back an adopted or closed document', () => {
  it('reopens adopted into review and closed into implementation, with a reason', () => {
    expect(decideReopen('adopted', 'Erreur de chiffrage')).toEqual({ ok: true, to: 'in_review' });
    expect(decideReopen('closed', 'Nouvelle phase')).toEqual({ ok: true, to: 'in_implementation' });
  });
  it('needs a reason', () => {
    expect(decideReopen('adopted', '   ')).toEqual({ ok: false, reason: 'reason_required' });
    expect(decideReopen('closed', undefined)).toEqual({ ok: false, reason: 'reason_required' });
  });
  it.each(STATUSES.filter((status) => status !== 'adopted' && status !== 'closed'))('refuses to reopen a %s document', (from) => {
    expect(decideReopen(from, 'why')).toEqual({ ok: false, reason: 'not_reopenable' });
  });
  it('is not one of the ordinary transitions, so no lead button offers it', () => {
    expect(availableTransitions('closed', ['lead', 'secretariat'])).toEqual([]);
    expect(availableTransitions('adopted', ['lead', 'secretariat'])).toEqual(['in_implementation']);
  });
});
