import { sql, type Kysely, type Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { AccessLevel, Database } from '../../db/schema.ts';
import { hashPassword } from '../auth/passwords.ts';
import { ensureMinistry, MINISTRY } from '../bootstrap/ministry.ts';
import { recordAudit } from '../commands/audit.ts';
import { findOrganisationByCode } from '../commands/organisations.ts';
import { buildDocumentContent } from './content.ts';
import { DocumentStore } from '../collab/document-store.ts';
import { writeProjectionIn } from '../collab/projection-writer.ts';
import { DEMO_DOCUMENTS, DEMO_EMAIL_DOMAIN, DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_USERS } from './data.ts';
import type { DemoDocument } from './types.ts';
import { DEMO_COMMISSIONS, DEMO_SESSIONS } from './commissions.ts';
import { insertDemoCycles } from './cycles.ts';

export { DEMO_PASSWORD } from './data.ts';

/** An organisation only the demo creates: when it exists, the demo is considered loaded. */
const MARKER_ORGANISATION = 'sante';
const SIGN_IN_HINT = `demo accounts: <code>@${DEMO_EMAIL_DOMAIN} / ${DEMO_PASSWORD} (e.g. sante@${DEMO_EMAIL_DOMAIN}; admins: admin@${DEMO_EMAIL_DOMAIN}, secretariat@${DEMO_EMAIL_DOMAIN})`;
const DAY_MS = 86_400_000;

export interface DemoSummary {
  /** false when the demo was already there and nothing was written */
  loaded: boolean;
  organisations: number;
  users: number;
  documents: number;
  measures: number;
  grants: number;
  commissions: number;
  sessions: number;
  cycles?: number;
  reports?: number;
}

/** True on a database nobody has used yet: no documents and at most the first admin. */
export async function isFreshDatabase(db: Kysely<Database>): Promise<boolean> {
  const [documents, users] = await Promise.all([
    db
      .selectFrom('documents')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow(),
  ]);
  return Number(documents.count) === 0 && Number(users.count) <= 1;
}

/**
 * Loads the demo workspace: partner organisations, one focal point each, two admins at the
 * ministry and ~30 documents with real content. Idempotent, and safe when several processes
 * start at once: everything but the ministry is written in one transaction under a lock.
 */
export async function loadDemoWorkspace(db: Kysely<Database>, logger: Logger, options: { now?: Date } = {}): Promise<DemoSummary> {
  if (await findOrganisationByCode(db, MARKER_ORGANISATION)) return alreadyLoaded(logger);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // Opens its own transaction (Kysely does not nest them), so it runs first. Another process
  // starting at the same moment may win the race to create it; that is as good.
  await ensureMinistry(db).catch(async (error: unknown) => {
    if (!(await findOrganisationByCode(db, MINISTRY.code))) throw error;
  });
  const summary = await db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('tansiq.demo'))`.execute(trx);
    if (await findOrganisationByCode(trx, MARKER_ORGANISATION)) return null;
    const organisations = await insertOrganisations(trx);
    const users = await insertUsers(trx, organisations, passwordHash);
    const now = (options.now ?? new Date()).getTime();
    const { documentIds, ...documents } = await insertDocuments(trx, organisations, users, now);
    const commissions = await insertCommissionWork(trx, organisations, users, documentIds, now);
    const cycles = await insertDemoCycles(trx, organisations, users(`admin@${DEMO_EMAIL_DOMAIN}`), now);
    return { loaded: true, organisations: organisations.created, users: users.created, ...documents, ...commissions, ...cycles };
  });
  if (!summary) return alreadyLoaded(logger);
  logger.info(summary, 'demo workspace loaded');
  logger.info(SIGN_IN_HINT);
  return summary;
}

function alreadyLoaded(logger: Logger): DemoSummary {
  logger.info('demo workspace already loaded; nothing to do');
  logger.info(SIGN_IN_HINT);
  return { loaded: false, organisations: 0, users: 0, documents: 0, measures: 0, grants: 0, commissions: 0, sessions: 0 };
}

type Ids = ((key: string) => string) & { created: number };

function lookup(map: Map<string, string>, what: string, created: number): Ids {
  const find = (key: string) => {
    const id = map.get(key);
    if (!id) throw new Error(`demo data: unknown ${what} "${key}"`);
    return id;
  };
  return Object.assign(find, { created });
}

/** Inserts the organisations that do not exist yet; returns code → id for all of them. */
async function insertOrganisations(trx: Transaction<Database>): Promise<Ids> {
  const ids = new Map((await trx.selectFrom('organisations').select(['id', 'code']).execute()).map((row) => [row.code, row.id]));
  const missing = DEMO_ORGANISATIONS.filter((organisation) => !ids.has(organisation.code));
  if (missing.length > 0) {
    const rows = await trx
      .insertInto('organisations')
      .values(missing.map((o) => ({ code: o.code, kind: o.kind, name_fr: o.nameFr, name_ar: o.nameAr, name_en: o.nameEn })))
      .returning(['id', 'code'])
      .execute();
    for (const row of rows) {
      ids.set(row.code, row.id);
      await recordAudit(trx, { actorUserId: null, action: 'organisation.created', objectType: 'organisation', objectId: row.id, details: { code: row.code, source: 'demo' } });
    }
  }
  return lookup(ids, 'organisation', missing.length);
}

/** Inserts the users whose e-mail is not taken yet; returns e-mail → id for all of them. */
async function insertUsers(trx: Transaction<Database>, organisationId: Ids, passwordHash: string): Promise<Ids> {
  const emails = DEMO_USERS.map((user) => user.email);
  const existing = await trx
    .selectFrom('users')
    .select(['id', 'email'])
    .where((eb) => eb(eb.fn('lower', ['email']), 'in', emails))
    .execute();
  const ids = new Map(existing.map((row) => [row.email.toLowerCase(), row.id]));
  const missing = DEMO_USERS.filter((user) => !ids.has(user.email));
  if (missing.length > 0) {
    const rows = await trx
      .insertInto('users')
      .values(
        missing.map((user) => ({
          email: user.email,
          name: user.name,
          organisation_id: organisationId(user.organisationCode),
          role: user.role,
          locale: user.locale,
          password_hash: passwordHash,
        })),
      )
      .returningAll()
      .execute();
    for (const row of rows) {
      ids.set(row.email, row.id);
      await recordAudit(trx, {
        actorUserId: null,
        action: 'user.created',
        objectType: 'user',
        objectId: row.id,
        details: { email: row.email, role: row.role, organisationId: row.organisation_id, source: 'demo' },
      });
    }
  }
  return lookup(ids, 'user', missing.length);
}

async function insertDocuments(trx: Transaction<Database>, organisationId: Ids, userId: Ids, now: number) {
  let measures = 0;
  let grants = 0;
  const documentIds = new Map<string, string>();
  for (const [index, document] of DEMO_DOCUMENTS.entries()) {
    const lead = organisationId(document.lead);
    const author = userId(document.author ?? `${document.lead}@${DEMO_EMAIL_DOMAIN}`);
    const content = buildDocumentContent(document, organisationId);
    // Spread the times over the working day so lists do not show identical timestamps.
    const createdAt = new Date(now - document.createdDaysAgo * DAY_MS - ((index * 37) % 480) * 60_000);
    const editedAt = new Date(Math.max(createdAt.getTime(), now - document.editedDaysAgo * DAY_MS - ((index * 53) % 300) * 60_000));
    const row = await DocumentStore.create(
      trx,
      {
        kind: document.kind,
        title: document.title,
        lead_organisation_id: lead,
        framework: document.framework ?? null,
        language: document.language ?? 'fr',
        status: document.status,
        return_reason: document.returnReason ?? null,
        created_by: author,
        created_at: createdAt,
        updated_at: editedAt,
        archived_at: document.archived ? editedAt : null,
        last_edited_by: author,
        last_edited_at: editedAt,
      },
      Buffer.from(content.update),
    );
    const partners = document.partners.filter((code) => code !== document.lead).map(organisationId);
    if (partners.length > 0) {
      await trx
        .insertInto('document_partners')
        .values(partners.map((organisation_id) => ({ document_id: row.id, organisation_id })))
        .execute();
    }
    const levels = accessLevels(document);
    if (levels.size > 0) {
      await trx
        .insertInto('document_access')
        .values([...levels].map(([code, level]) => ({ document_id: row.id, organisation_id: organisationId(code), level, created_by: author })))
        .execute();
    }
    // What the live projection would write, so search, dashboards and overdue lists work at once.
    await writeProjectionIn(trx, { documentId: row.id, lastEditorId: author, lastEditedAt: editedAt }, content);
    await recordAudit(trx, {
      actorUserId: author,
      action: 'document.created',
      objectType: 'document',
      objectId: row.id,
      details: { kind: document.kind, title: document.title, leadOrganisationId: lead, partnerOrganisationIds: partners, source: 'demo' },
    });
    measures += content.measures.length;
    grants += levels.size;
    documentIds.set(document.key, row.id);
  }
  return { documents: DEMO_DOCUMENTS.length, measures, grants, documentIds: lookup(documentIds, 'document', documentIds.size) };
}

/** The commissions, their members and sessions (server/demo/commissions.ts). */
async function insertCommissionWork(trx: Transaction<Database>, organisationId: Ids, userId: Ids, documentId: Ids, now: number) {
  const commissionIds = new Map<string, string>();
  for (const commission of DEMO_COMMISSIONS) {
    const row = await trx
      .insertInto('commissions')
      .values({ kind: commission.kind, name_fr: commission.nameFr, name_ar: commission.nameAr, name_en: commission.nameEn })
      .returning('id')
      .executeTakeFirstOrThrow();
    commissionIds.set(commission.key, row.id);
    await trx
      .insertInto('commission_members')
      .values(commission.members.map((code) => ({ commission_id: row.id, organisation_id: organisationId(code) })))
      .execute();
  }
  const commissionId = lookup(commissionIds, 'commission', commissionIds.size);
  const chair = userId(`secretariat@${DEMO_EMAIL_DOMAIN}`);
  for (const session of DEMO_SESSIONS) {
    const scheduledAt = 'date' in session.at ? new Date(session.at.date) : new Date(Math.floor(now / DAY_MS) * DAY_MS + session.at.inDays * DAY_MS + session.at.hour * 3_600_000);
    const closed = session.state === 'closed';
    const row = await trx
      .insertInto('commission_sessions')
      .values({
        commission_id: commissionId(session.commission),
        title: session.title,
        scheduled_at: scheduledAt,
        location: session.location,
        state: session.state,
        started_at: closed ? scheduledAt : null,
        closed_at: closed ? new Date(scheduledAt.getTime() + 3 * 3_600_000) : null,
        minutes_document_id: session.minutes ? documentId(session.minutes) : null,
        created_by: chair,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('agenda_items')
      .values(
        session.items.map((item, position) => ({
          session_id: row.id,
          position,
          document_id: documentId(item.document),
          presenter_organisation_id: organisationId(item.presenter),
          title: item.title,
          decision: item.decision?.decision ?? null,
          decision_text: item.decision?.text ?? null,
          decided_at: item.decision ? scheduledAt : null,
          decided_by: item.decision ? chair : null,
          decision_effect: item.decision?.effect ?? null,
        })),
      )
      .execute();
    if (session.attendees?.length) {
      await trx
        .insertInto('session_attendance')
        .values(session.attendees.map((email) => ({ session_id: row.id, user_id: userId(email), first_seen_at: scheduledAt })))
        .execute();
    }
    await recordAudit(trx, { actorUserId: chair, action: 'session.created', objectType: 'session', objectId: row.id, details: { title: session.title, source: 'demo' } });
  }
  return { commissions: DEMO_COMMISSIONS.length, sessions: DEMO_SESSIONS.length };
}

/** Partners comment by default (as when a document is created); `access` adds or overrides. */
export function accessLevels(document: DemoDocument): Map<string, AccessLevel> {
  const levels = new Map<string, AccessLevel>(document.partners.map((code) => [code, 'comment']));
  for (const [code, level] of Object.entries(document.access ?? {})) levels.set(code, level);
  levels.delete(document.lead);
  return levels;
}
