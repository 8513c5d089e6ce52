import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { decideSessionAction, type SessionAction } from '../domain/session-rules.ts';
import { AppError, notFound } from '../errors.ts';
import { authorize } from '../policies/authorize.ts';
import { sessionPolicy } from '../policies/session.ts';
import type { AccessSubject } from '../policies/document-access.ts';
import type { SessionRow, SessionView } from '../presenters/session.ts';
import { requireSession, visibilityFacts } from '../queries/sessions.ts';

export const wrongSessionState = (message: string) => new AppError(409, 'invalid_session_state', message);

/**
 * Loads a session for a chair action: "not found" for those who may not see it, "forbidden"
 * (audited) for participants who are not the chair, 409 when the session is in the wrong state.
 * The refusal is audited here, outside the action's transaction, so it is not rolled back.
 */
export async function requireChairAction(db: Kysely<Database>, subject: AccessSubject, id: string, action: SessionAction, ip?: string): Promise<SessionView> {
  const view = await requireSession(db, subject, id, ip);
  // The right first, so that those who may not chair learn nothing of the session's state.
  await authorize({ db, ip }, subject, sessionPolicy, `chair:${action}`, { id, facts: visibilityFacts(view) });
  const decision = decideSessionAction(action, { state: view.session.state, isChair: true, agendaLength: view.items.length });
  if (decision.ok) return view;
  throw wrongSessionState(decision.message);
}

/**
 * Inside the action's transaction: locks the session row and checks its state again, so two
 * concurrent actions (start and close, two agenda edits) are serialised and the second one sees
 * the first one's result.
 */
export async function lockSessionFor(trx: Kysely<Database>, id: string, action: SessionAction, agendaLength?: number): Promise<SessionRow> {
  const session = await trx.selectFrom('commission_sessions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!session) throw notFound('Session');
  const length =
    agendaLength ??
    Number(
      (
        await trx
          .selectFrom('agenda_items')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('session_id', '=', id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const decision = decideSessionAction(action, { state: session.state, isChair: true, agendaLength: length });
  if (!decision.ok) throw wrongSessionState(decision.message);
  return session;
}

/** Who was there: the first time a person follows a live session (or acts in it as chair). */
export async function recordAttendance(db: Kysely<Database>, sessionId: string, userId: string): Promise<void> {
  await db
    .insertInto('session_attendance')
    .values({ session_id: sessionId, user_id: userId })
    .onConflict((oc) => oc.columns(['session_id', 'user_id']).doNothing())
    .execute();
}
