import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { canSeeSession, isChair, type SessionAction, type SessionVisibilityFacts } from '../domain/session-rules.ts';
import type { AccessSubject } from './document-access.ts';
import { hide, refuse, when, type Policy } from './policy.ts';

/**
 * Commission sessions: who sees one (admins, the commission's member organisations, the
 * presenters; the same rule for HTTP, socket.io and the bot), and who chairs it. Whether the
 * session is in the right state for an action is the workflow's business, not a right.
 */
export type SessionPolicyAction = 'view' | `chair:${SessionAction}`;

export const sessionPolicy: Policy<SessionPolicyAction, SessionVisibilityFacts> = {
  objectType: 'session',
  label: 'Session',
  decide(actor, action, facts) {
    if (!canSeeSession(actor, facts)) return hide({ need: action === 'view' ? 'view' : action });
    if (action === 'view') return { allowed: true };
    return when(isChair(actor), () => refuse('Only the commission secretariat chairs a session.', { need: action }));
  },
};

/** `sessionPolicy`'s "view" in SQL, for lists of `commission_sessions`: never load what would then be hidden. */
export function sessionVisibleTo(subject: AccessSubject) {
  return (eb: ExpressionBuilder<Database, 'commission_sessions'>) =>
    subject.role === 'admin'
      ? eb.val(true)
      : eb.or([
          eb.exists(
            eb
              .selectFrom('commission_members')
              .select(sql`1`.as('one'))
              .whereRef('commission_members.commission_id', '=', 'commission_sessions.commission_id')
              .where('commission_members.organisation_id', '=', subject.organisationId),
          ),
          eb.exists(
            eb
              .selectFrom('agenda_items')
              .select(sql`1`.as('one'))
              .whereRef('agenda_items.session_id', '=', 'commission_sessions.id')
              .where('agenda_items.presenter_organisation_id', '=', subject.organisationId),
          ),
        ]);
}
