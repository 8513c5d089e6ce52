import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { accessLevels, DEMO_PASSWORD, isFreshDatabase, loadDemoWorkspace } from '../../server/demo/load.ts';
import { DEMO_DOCUMENTS, DEMO_ORGANISATIONS, DEMO_USERS } from '../../server/demo/data.ts';
import { DocumentStore } from '../../server/collab/document-store.ts';
import { bodyOf, bodyText, readMeasures } from '../../shared/doc-schema.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { ApiClient } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const logger = pino({ level: 'silent' });
const TABLES = ['organisations', 'users', 'documents', 'document_partners', 'document_access', 'doc_updates', 'measures', 'audit_log'] as const;

async function counts(database: TestDatabase): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    result[table] = Number(row.count);
  }
  return result;
}

/**
 * The follow-up cycles' consolidated documents (issue 19: one per commission at the close of T3
 * 2026) are written by the demo on top of DEMO_DOCUMENTS; the counts below set them apart.
 */
const CONSOLIDATED_PREFIX = 'Rapport consolidé de suivi';
async function consolidated(database: TestDatabase): Promise<{ documents: number; grants: number }> {
  const ids = (await database.db.selectFrom('cycle_consolidated_documents').select('document_id').execute()).map((row) => row.document_id);
  const grants =
    ids.length === 0
      ? 0
      : Number(
          (
            await database.db
              .selectFrom('document_access')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('document_id', 'in', ids)
              .executeTakeFirstOrThrow()
          ).n,
        );
  return { documents: ids.length, grants };
}
const demoOnly = (titles: string[]) => titles.filter((title) => !title.startsWith(CONSOLIDATED_PREFIX));

/** The demo documents an organisation may see, by title, from the data (not from the access SQL). */
function expectedTitles(code: string): string[] {
  return DEMO_DOCUMENTS.filter((document) => !document.archived && (document.lead === code || accessLevels(document).has(code)))
    .map((document) => document.title)
    .sort();
}

describe('demo workspace loader', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.close());

  it('loads organisations, users and documents into a fresh database', async () => {
    expect(await isFreshDatabase(database.db)).toBe(true);
    const summary = await loadDemoWorkspace(database.db, logger);
    expect(summary).toMatchObject({ loaded: true, organisations: DEMO_ORGANISATIONS.length, users: DEMO_USERS.length, documents: DEMO_DOCUMENTS.length });
    const rows = await counts(database);
    const extra = await consolidated(database);
    expect(extra.documents).toBeGreaterThan(0);
    expect(rows).toMatchObject({
      organisations: DEMO_ORGANISATIONS.length + 1,
      users: DEMO_USERS.length,
      documents: DEMO_DOCUMENTS.length + extra.documents,
      doc_updates: DEMO_DOCUMENTS.length + extra.documents,
      measures: summary.measures,
      document_access: summary.grants + extra.grants,
    });
    expect(rows.organisations).toBeGreaterThanOrEqual(30);
    expect(rows.documents).toBeGreaterThanOrEqual(25);
    expect(await isFreshDatabase(database.db)).toBe(false);
  });

  it('covers every kind, framework and a spread of statuses', async () => {
    const documents = await database.db
      .selectFrom('documents')
      .innerJoin('organisations', 'organisations.id', 'documents.lead_organisation_id')
      .select(['documents.kind', 'documents.framework', 'documents.status', 'organisations.code'])
      .execute();
    for (const kind of ['action_plan', 'cooperation_proposal', 'study', 'minutes', 'note']) {
      expect(documents.filter((d) => d.kind === kind).length, kind).toBeGreaterThanOrEqual(2);
    }
    const planLeads = documents.filter((d) => d.kind === 'action_plan').map((d) => d.code);
    expect(planLeads).toEqual(expect.arrayContaining(['education', 'sante', 'emploi', 'justice', 'culture', 'investissement']));
    expect(new Set(documents.map((d) => d.framework).filter(Boolean))).toEqual(new Set(['bilateral', 'multilateral', 'south_south']));
    expect(new Set(documents.map((d) => d.status)).size).toBeGreaterThanOrEqual(6);
    const levels = await database.db.selectFrom('document_access').select('level').distinct().execute();
    expect(levels.map((row) => row.level).sort()).toEqual(['comment', 'edit', 'view']);
  });

  it('gives every user a sign-in and the ministry two admins', async () => {
    const users = await database.db
      .selectFrom('users')
      .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
      .select(['users.email', 'users.role', 'users.locale', 'users.password_hash', 'organisations.code'])
      .execute();
    expect(users.every((user) => user.password_hash?.startsWith('$argon2id$'))).toBe(true);
    expect(new Set(users.map((user) => user.password_hash)).size).toBe(1);
    expect(
      users
        .filter((user) => user.role === 'admin')
        .map((user) => user.email)
        .sort(),
    ).toEqual(['admin@demo.tansiq.ma', 'secretariat@demo.tansiq.ma']);
    expect(users.find((user) => user.email === 'sante@demo.tansiq.ma')).toMatchObject({ code: 'sante', role: 'member' });
    expect(new Set(users.map((user) => user.locale))).toEqual(new Set(['fr', 'ar', 'en']));
  });

  it('stores each document as one Yjs update whose body matches the search text', async () => {
    const rows = await database.db
      .selectFrom('documents')
      .innerJoin('doc_updates', 'doc_updates.document_id', 'documents.id')
      .select(['documents.kind', 'documents.title', 'documents.body_text', 'documents.word_count', 'documents.measure_count', 'doc_updates.data'])
      .where('documents.id', 'not in', database.db.selectFrom('cycle_consolidated_documents').select('document_id'))
      .execute();
    expect(rows).toHaveLength(DEMO_DOCUMENTS.length);
    const organisationIds = new Set((await database.db.selectFrom('organisations').select('id').execute()).map((row) => row.id));
    let rtlParagraphs = 0;
    for (const row of rows) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, row.data);
      const text = bodyText(doc);
      expect(text, row.title).toBe(row.body_text);
      expect(row.word_count, row.title).toBeGreaterThan(40);
      rtlParagraphs += bodyOf(doc)
        .toArray()
        .filter((node) => node instanceof Y.XmlElement && node.getAttribute('dir') === 'rtl').length;
      const measures = readMeasures(doc);
      expect(measures.length, row.title).toBe(row.measure_count);
      if (row.kind === 'action_plan') {
        expect(measures.length, row.title).toBeGreaterThanOrEqual(4);
        expect(measures.length, row.title).toBeLessThanOrEqual(8);
        for (const measure of measures) {
          expect(organisationIds.has(measure.leadOrganisationId!), measure.title).toBe(true);
          expect(
            measure.partnerOrganisationIds.every((id) => organisationIds.has(id)),
            measure.title,
          ).toBe(true);
          expect(measure.start && measure.due && measure.start <= measure.due, measure.title).toBe(true);
          expect(measure.title && measure.indicator, measure.title).toBeTruthy();
        }
      } else {
        expect(measures, row.title).toHaveLength(0);
      }
      doc.destroy();
    }
    expect(rtlParagraphs).toBeGreaterThanOrEqual(10);
  });

  it('has the commissions with their members, a closed session with minutes and a planned one with an agenda', async () => {
    const db = database.db;
    const commissions = await db.selectFrom('commissions').select(['id', 'kind', 'name_fr', 'name_ar']).orderBy('name_fr').execute();
    expect(commissions.map((row) => row.kind).sort()).toEqual(['bilateral', 'bilateral', 'interministerial', 'technical']);
    expect(
      commissions
        .filter((row) => row.kind === 'bilateral')
        .map((row) => row.name_fr)
        .join(' '),
    ).toMatch(/Allemagne.*Espagne/su);
    for (const commission of commissions) {
      const members = await db.selectFrom('commission_members').select('organisation_id').where('commission_id', '=', commission.id).execute();
      expect(members.length, commission.name_fr).toBeGreaterThanOrEqual(4);
    }
    const sessions = await db.selectFrom('commission_sessions').selectAll().orderBy('scheduled_at').execute();
    const closed = sessions.filter((row) => row.state === 'closed');
    const planned = sessions.filter((row) => row.state === 'planned');
    expect(closed).toHaveLength(1);
    expect(closed[0]!.minutes_document_id).toBeTruthy();
    const minutes = await db.selectFrom('documents').select('kind').where('id', '=', closed[0]!.minutes_document_id!).executeTakeFirstOrThrow();
    expect(minutes.kind).toBe('minutes');
    expect(planned).toHaveLength(1);
    const inDays = (planned[0]!.scheduled_at.getTime() - Date.now()) / 86_400_000;
    expect(inDays).toBeGreaterThan(0);
    expect(inDays).toBeLessThan(7);
    for (const session of sessions) {
      const items = await db.selectFrom('agenda_items').select(['decision', 'decision_effect']).where('session_id', '=', session.id).execute();
      expect(items.length, session.title).toBeGreaterThanOrEqual(2);
      if (session.state === 'closed') expect(items.every((item) => item.decision && item.decision_effect)).toBe(true);
      else expect(items.every((item) => item.decision === null)).toBe(true);
    }
  });

  it('writes the Arabic documents under Arabic headings, and marks them Arabic', async () => {
    const rows = await database.db
      .selectFrom('documents')
      .innerJoin('doc_updates', 'doc_updates.document_id', 'documents.id')
      .select(['documents.title', 'documents.language', 'doc_updates.data'])
      .execute();
    const arabic = rows.filter((row) => row.language === 'ar');
    expect(arabic.map((row) => row.title).sort()).toEqual(
      DEMO_DOCUMENTS.filter((document) => document.language === 'ar')
        .map((document) => document.title)
        .sort(),
    );
    expect(arabic.length).toBeGreaterThanOrEqual(3);
    for (const row of arabic) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, row.data);
      const headings = bodyOf(doc)
        .toArray()
        .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'heading');
      for (const heading of headings) {
        const text = heading
          .toArray()
          .map((child) => (child instanceof Y.XmlText ? child.toString() : ''))
          .join('');
        // Arabic letters only (the plan's French summary, a labelled appendix, is the one exception).
        if (!text.startsWith('Résumé')) expect(text, row.title).toMatch(/^[\u0600-\u06FF\s]+$/u);
      }
      doc.destroy();
    }
  });

  it('opens every document the way the collaboration server loads it', async () => {
    const store = new DocumentStore(database.db, logger);
    const documents = await database.db.selectFrom('documents').select(['id', 'body_text', 'measure_count']).execute();
    for (const document of documents) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, (await store.load(document.id)).state);
      expect(bodyText(doc)).toBe(document.body_text);
      expect(readMeasures(doc)).toHaveLength(document.measure_count);
      doc.destroy();
    }
  });

  it('has overdue, blocked and finished measures in the health plan', async () => {
    const sante = await database.db.selectFrom('organisations').select('id').where('code', '=', 'sante').executeTakeFirstOrThrow();
    const measures = await database.db.selectFrom('measures').selectAll().where('lead_organisation_id', '=', sante.id).execute();
    const overdue = measures.filter((m) => m.due_date! < '2026-11-28' && !['done', 'cancelled'].includes(m.status));
    expect(overdue.length).toBeGreaterThanOrEqual(2);
    expect(measures.some((m) => m.status === 'done')).toBe(true);
    expect(measures.some((m) => m.status === 'blocked')).toBe(true);
  });

  it('changes nothing when loaded a second time', async () => {
    const before = await counts(database);
    const summary = await loadDemoWorkspace(database.db, logger);
    expect(summary.loaded).toBe(false);
    expect(await counts(database)).toEqual(before);
  });
});

describe('demo workspace loaded by two processes at once', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.close());

  it('is written once', async () => {
    const results = await Promise.all([loadDemoWorkspace(database.db, logger), loadDemoWorkspace(database.db, logger)]);
    expect(results.map((result) => result.loaded).sort()).toEqual([false, true]);
    expect((await counts(database)).documents).toBe(DEMO_DOCUMENTS.length + (await consolidated(database)).documents);
    expect((await counts(database)).organisations).toBe(DEMO_ORGANISATIONS.length + 1);
  });
});

describe('demo workspace over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TANSIQ_DEMO: 'true' });
  });
  afterAll(() => server?.close());

  it('lets a focal point sign in with the demo password and see only what their organisation may see', async () => {
    for (const code of ['sante', 'fr', 'oim']) {
      const api = new ApiClient(server.url);
      const login = await api.login(`${code}@demo.tansiq.ma`, DEMO_PASSWORD);
      expect(login.status, code).toBe(200);
      expect(login.body.organisation.code).toBe(code);
      const list = await api.get('/api/documents?limit=200');
      expect(list.status).toBe(200);
      const titles = demoOnly(list.body.documents.map((document: { title: string }) => document.title).sort());
      expect(titles, code).toEqual(expectedTitles(code));
      expect(titles.length, code).toBeGreaterThan(0);
    }
  });

  it('hides the other organisations’ documents', async () => {
    const admin = new ApiClient(server.url);
    expect((await admin.login('admin@demo.tansiq.ma', DEMO_PASSWORD)).status).toBe(200);
    const all = await admin.get('/api/documents?limit=200');
    expect(demoOnly(all.body.documents.map((document: { title: string }) => document.title))).toHaveLength(DEMO_DOCUMENTS.filter((document) => !document.archived).length);
    const sante = new ApiClient(server.url);
    await sante.login('sante@demo.tansiq.ma', DEMO_PASSWORD);
    const visible = new Set(expectedTitles('sante'));
    const hidden = all.body.documents.find((document: { title: string }) => !visible.has(document.title) && !document.title.startsWith(CONSOLIDATED_PREFIX));
    expect((await sante.get(`/api/documents/${hidden.id}`)).status).toBe(404);
    const plan = all.body.documents.find((document: { title: string }) => document.title.startsWith('Plan d’action santé'));
    expect((await sante.get(`/api/documents/${plan.id}`)).body.document).toMatchObject({ access: 'edit', measureCount: 7 });
  });

  it('finds documents by full-text search before any live projection', async () => {
    const api = new ApiClient(server.url);
    await api.login('secretariat@demo.tansiq.ma', DEMO_PASSWORD);
    const french = await api.get(`/api/documents?q=${encodeURIComponent('téléconsultation')}`);
    expect(french.body.documents.map((document: { title: string }) => document.title)).toContain('Plan d’action santé en faveur des MRE et des migrants 2026-2027');
    const arabic = await api.get(`/api/documents?q=${encodeURIComponent('الوعاظ')}`);
    expect(arabic.body.documents.map((document: { title: string }) => document.title)).toContain('خطة عمل التأطير الديني لفائدة مغاربة العالم 2026-2027');
  });

  it('lists the health department’s overdue measures', async () => {
    const api = new ApiClient(server.url);
    await api.login('sante@demo.tansiq.ma', DEMO_PASSWORD);
    const overdue = await api.get('/api/measures?overdue=true&organisation=sante');
    expect(overdue.status).toBe(200);
    expect(overdue.body.measures.length).toBeGreaterThanOrEqual(2);
  });

  it('has T3 2026 closed with reports and consolidated documents, and T4 2026 open with some late', async () => {
    const admin = new ApiClient(server.url);
    expect((await admin.login('admin@demo.tansiq.ma', DEMO_PASSWORD)).status).toBe(200);
    const cycles = (await admin.get('/api/cycles')).body.cycles;
    expect(cycles.map((cycle: { period: string; status: string }) => [cycle.period, cycle.status])).toEqual([
      ['T4 2026', 'open'],
      ['T3 2026', 'closed'],
    ]);
    const t3 = (await admin.get(`/api/cycles/${cycles[1].id}`)).body;
    expect(t3.consolidatedDocuments.length).toBeGreaterThan(0);
    expect(t3.completeness.filter((line: { standing: string }) => line.standing === 'submitted').length).toBeGreaterThan(0);
    const t4 = (await admin.get(`/api/cycles/${cycles[0].id}`)).body;
    const standings = new Set(t4.completeness.map((line: { standing: string }) => line.standing));
    expect([...standings].sort()).toEqual(['draft', 'not_started', 'submitted']);
    expect(t4.lateOrganisations.length).toBeGreaterThan(0);
    // A focal point of a late organisation finds its reports waiting.
    const late = t4.lateOrganisations[0].organisationCode;
    const focal = new ApiClient(server.url);
    expect((await focal.login(`${late}@demo.tansiq.ma`, DEMO_PASSWORD)).status).toBe(200);
    const reports = (await focal.get(`/api/cycles/${cycles[0].id}/reports`)).body.reports;
    expect(reports.some((report: { late: boolean }) => report.late)).toBe(true);
  });
});
