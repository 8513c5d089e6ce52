import { describe, expect, it } from 'vitest';
import type { Decision, DocumentStatus } from '../../db/schema.ts';
import { decisionNeedsText, decisionTarget, planDecisionEffect } from '../../shared/decision-workflow.ts';

const STATUSES: DocumentStatus[] = ['draft', 'in_review', 'submitted', 'adopted', 'in_implementation', 'closed', 'returned'];

describe('decisionTarget: what each decision asks of the document (issue 16)', () => {
  it('adopted → adopted, with no reason', () => {
    expect(decisionTarget('adopted', 'ignored')).toEqual({ to: 'adopted', reason: null });
  });
  it('adopted with changes → returned, the decision text as the reason', () => {
    expect(decisionTarget('adopted_with_changes', '  Ajouter un indicateur. ')).toEqual({ to: 'returned', reason: 'Ajouter un indicateur.' });
  });
  it('returned for rework → returned with its reason', () => {
    expect(decisionTarget('returned', 'Revoir le calendrier')).toEqual({ to: 'returned', reason: 'Revoir le calendrier' });
  });
  it('postponed → nothing', () => {
    expect(decisionTarget('postponed', 'prochaine séance')).toBeNull();
  });
  it('asks for a text exactly where the text becomes a reason', () => {
    const needs = (['adopted', 'adopted_with_changes', 'returned', 'postponed'] as Decision[]).filter(decisionNeedsText);
    expect(needs).toEqual(['adopted_with_changes', 'returned']);
  });
});

describe('planDecisionEffect', () => {
  it('moves a submitted document for the secretariat', () => {
    expect(planDecisionEffect('adopted', null, 'submitted', ['secretariat'])).toEqual({ effect: 'moved', to: 'adopted', reason: null });
    expect(planDecisionEffect('adopted_with_changes', 'Préciser le budget', 'submitted', ['secretariat'])).toEqual({
      effect: 'moved',
      to: 'returned',
      reason: 'Préciser le budget',
    });
  });

  it('notes a postponement whatever the status, and never moves the document', () => {
    for (const from of STATUSES) expect(planDecisionEffect('postponed', 'x', from, ['secretariat'])).toEqual({ effect: 'noted' });
  });

  it('is blocked where the workflow forbids the move (a draft, an adopted plan)', () => {
    expect(planDecisionEffect('adopted', null, 'draft', ['secretariat'])).toEqual({ effect: 'blocked', to: 'adopted', from: 'draft' });
    expect(planDecisionEffect('adopted_with_changes', 'x', 'adopted', ['secretariat'])).toEqual({ effect: 'blocked', to: 'returned', from: 'adopted' });
  });

  it('is blocked for a return without its reason, and for someone who is not the secretariat', () => {
    expect(planDecisionEffect('adopted_with_changes', '  ', 'submitted', ['secretariat'])).toMatchObject({ effect: 'blocked' });
    expect(planDecisionEffect('adopted', null, 'submitted', ['lead'])).toMatchObject({ effect: 'blocked' });
  });

  it('agrees with the workflow on every status: a move happens only from in_review or submitted', () => {
    const movable = STATUSES.filter((from) => planDecisionEffect('returned', 'r', from, ['secretariat']).effect === 'moved');
    expect(movable).toEqual(['in_review', 'submitted']);
    const adoptable = STATUSES.filter((from) => planDecisionEffect('adopted', null, from, ['secretariat']).effect === 'moved');
    expect(adoptable).toEqual(['submitted']);
  });
});
