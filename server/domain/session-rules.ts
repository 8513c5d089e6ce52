import type { Decision, Role, SessionState } from '../../db/schema.ts';

/**
 * Commission session rules, pure. A session goes planned → live → closed; the chair is the
 * commission secretariat (role admin), who alone runs it. The agenda is fixed once the session
 * starts, so what the minutes say was on the agenda is what participants saw.
 */

export type SessionAction = 'edit' | 'start' | 'move' | 'decide' | 'close';

/** The one state each action is allowed in. */
const ALLOWED_IN: Record<SessionAction, SessionState> = {
  edit: 'planned',
  start: 'planned',
  move: 'live',
  decide: 'live',
  close: 'live',
};

const WRONG_STATE_MESSAGE: Record<SessionAction, string> = {
  edit: 'The agenda and details can only be changed while the session is planned.',
  start: 'Only a planned session can be started.',
  move: 'The current item can only be changed while the session is live.',
  decide: 'Decisions can only be recorded while the session is live.',
  close: 'Only a live session can be closed.',
};

export type SessionRefusal =
  | { ok: false; reason: 'not_chair'; message: string }
  | { ok: false; reason: 'wrong_state'; message: string }
  | { ok: false; reason: 'empty_agenda'; message: string };

export type SessionDecision = { ok: true } | SessionRefusal;

export interface SessionActionFacts {
  state: SessionState;
  isChair: boolean;
  agendaLength: number;
}

/** Whether `action` may happen now; the chair check comes first so non-chairs learn nothing of the state. */
export function decideSessionAction(action: SessionAction, facts: SessionActionFacts): SessionDecision {
  if (!facts.isChair) return { ok: false, reason: 'not_chair', message: 'Only the commission secretariat chairs a session.' };
  if (facts.state !== ALLOWED_IN[action]) {
    return { ok: false, reason: 'wrong_state', message: `${WRONG_STATE_MESSAGE[action]} This session is ${facts.state}.` };
  }
  if (action === 'start' && facts.agendaLength === 0) {
    return { ok: false, reason: 'empty_agenda', message: 'Add at least one agenda item before starting the session.' };
  }
  return { ok: true };
}

/** The state a successful action leads to. */
export function nextState(action: SessionAction, state: SessionState): SessionState {
  if (action === 'start') return 'live';
  if (action === 'close') return 'closed';
  return state;
}

export const isChair = (subject: { role: Role }): boolean => subject.role === 'admin';

export interface SessionVisibilityFacts {
  memberOrganisationIds: readonly string[];
  presenterOrganisationIds: readonly string[];
}

/** Who may see a session at all: admins, the commission's member organisations and the presenters. */
export function canSeeSession(subject: { role: Role; organisationId: string }, facts: SessionVisibilityFacts): boolean {
  return subject.role === 'admin' || facts.memberOrganisationIds.includes(subject.organisationId) || facts.presenterOrganisationIds.includes(subject.organisationId);
}

export interface AgendaItemFacts {
  id: string;
  documentId: string;
  decision: Decision | null;
}

/**
 * The documents a session discussed: those of the items it reached (made current) or decided on,
 * each once, in agenda order. Items never reached stay out of the snapshots.
 */
export function discussedDocumentIds(items: readonly AgendaItemFacts[], reachedItemIds: ReadonlySet<string>): string[] {
  const ids: string[] = [];
  for (const item of items) {
    if ((item.decision || reachedItemIds.has(item.id)) && !ids.includes(item.documentId)) ids.push(item.documentId);
  }
  return ids;
}

/** A reorder must name every item of the agenda exactly once. */
export function isPermutation(current: readonly string[], proposed: readonly string[]): boolean {
  if (current.length !== proposed.length || new Set(proposed).size !== proposed.length) return false;
  const known = new Set(current);
  return proposed.every((id) => known.has(id));
}
