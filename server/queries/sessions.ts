import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { notFound } from '../errors.ts';
import type { AccessSubject } from '../policies/document-access.ts';
import type { SessionRow, SessionView } from '../presenters/session.ts';
import { loadGrants } from './documents.ts';
import { authorize } from '../policies/authorize.ts';
import { sessionPolicy, sessionVisibleTo } from '../policies/session.ts';
import { loadMembers } from '../commands/commissions.ts';

/** Loads sessions with their agenda, commission members and documents, in a few queries for any number. */
export async function loadSessionViews(db: Kysely<Database>, sessions: readonly SessionRow[]): Promise<SessionView[]> {
  if (sessions.length === 0) return [];
  const items = await db
    .selectFrom('agenda_items')
    .selectAll()
    .where(
      'session_id',
      'in',
      sessions.map((session) => session.id),
    )
    .orderBy('position')
    .orderBy('id')
    .execute();
  const documentIds = [
    ...new Set([...items.map((item) => item.document_id), ...sessions.flatMap((session) => (session.minutes_document_id ? [session.minutes_document_id] : []))]),
  ];
  const [members, rows, grants] = await Promise.all([
    loadMembers(db, [...new Set(sessions.map((session) => session.commission_id))]),
    documentIds.length > 0 ? db.selectFrom('documents').selectAll().where('id', 'in', documentIds).execute() : Promise.resolve([]),
    loadGrants(db, documentIds),
  ]);
  const documents = new Map(rows.map((row) => [row.id, { row, grants: grants.get(row.id) ?? [] }]));
  return sessions.map((session) => {
    const own = items.filter((item) => item.session_id === session.id);
    return {
      session,
      memberOrganisationIds: members.get(session.commission_id) ?? [],
      items: own,
      documents: new Map([...documents].filter(([id]) => id === session.minutes_document_id || own.some((item) => item.document_id === id))),
    };
  });
}

export async function loadSessionView(db: Kysely<Database>, id: string): Promise<SessionView | null> {
  const session = await db.selectFrom('commission_sessions').selectAll().where('id', '=', id).executeTakeFirst();
  return session ? ((await loadSessionViews(db, [session]))[0] ?? null) : null;
}

/** What the session policy needs of a loaded session. */
export function visibilityFacts(view: SessionView) {
  return {
    memberOrganisationIds: view.memberOrganisationIds,
    presenterOrganisationIds: view.items.flatMap((item) => (item.presenter_organisation_id ? [item.presenter_organisation_id] : [])),
  };
}

export function canSee(subject: AccessSubject, view: SessionView): boolean {
  return sessionPolicy.decide(subject, 'view', visibilityFacts(view)).allowed;
}

/** A session for someone allowed to see it, or "not found" (audited when it exists), as for documents. */
export async function requireSession(db: Kysely<Database>, subject: AccessSubject, id: string, ip?: string): Promise<SessionView> {
  const view = await loadSessionView(db, id);
  if (!view) throw notFound('Session');
  await authorize({ db, ip }, subject, sessionPolicy, 'view', { id, facts: visibilityFacts(view) });
  return view;
}

export interface SessionFilter {
  commissionId?: string;
  state?: SessionRow['state'];
  upcoming?: 'true' | 'false';
  limit: number;
  offset: number;
}

/** Sessions the subject may see: mirrors `canSeeSession` in SQL so a page is never emptied afterwards. */
export async function listSessions(db: Kysely<Database>, subject: AccessSubject, filter: SessionFilter, now: Date): Promise<SessionView[]> {
  let query = db.selectFrom('commission_sessions').selectAll('commission_sessions');
  if (filter.commissionId) query = query.where('commission_id', '=', filter.commissionId);
  if (filter.state) query = query.where('state', '=', filter.state);
  if (filter.upcoming === 'true') {
    query = query.where((eb) => eb.or([eb('state', '=', 'live'), eb.and([eb('state', '=', 'planned'), eb('scheduled_at', '>=', now)])]));
  }
  query = query.where(sessionVisibleTo(subject));
  const rows = await query
    .orderBy('scheduled_at', filter.upcoming === 'true' ? 'asc' : 'desc')
    .orderBy('id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return loadSessionViews(db, rows);
}
