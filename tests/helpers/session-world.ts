import type { Kysely } from 'kysely';
import type { Socket } from 'socket.io-client';
import type { Database, DocumentStatus } from '../../db/schema.ts';
import { templateUpdate } from '../../shared/templates.ts';
import { apiToken } from './collab.ts';
import * as fixtures from './fixtures.ts';
import { ApiClient } from './http.ts';
import { connectRealtime } from './realtime.ts';

export const PEOPLE = ['chair', 'sante', 'emploi', 'oim', 'outsider'] as const;
export type Person = (typeof PEOPLE)[number];

/**
 * A technical commission's world: the secretariat (chair, admin of the ministry), two member
 * departments, a presenter that is not a member (OIM), and an outsider. Three documents with
 * content: the health plan (emploi may view it), the employment plan (santé may comment) and an
 * OIM note nobody else may see.
 */
export async function createSessionWorld(db: Kysely<Database>, url: string) {
  const org = {
    mre: await fixtures.organisation(db, 'mre', 'ministry'),
    sante: await fixtures.organisation(db, 'sante', 'ministry'),
    emploi: await fixtures.organisation(db, 'emploi', 'ministry'),
    oim: await fixtures.organisation(db, 'oim', 'international_org'),
    justice: await fixtures.organisation(db, 'justice', 'ministry'),
  };
  const users = {
    chair: await fixtures.user(db, org.mre.id, 'secretariat@mre.ma', 'admin'),
    sante: await fixtures.user(db, org.sante.id, 'focal@sante.ma'),
    emploi: await fixtures.user(db, org.emploi.id, 'focal@emploi.ma'),
    oim: await fixtures.user(db, org.oim.id, 'focal@oim.int'),
    outsider: await fixtures.user(db, org.justice.id, 'focal@justice.ma'),
  };
  const tokens = {} as Record<Person, string>;
  const clients = {} as Record<Person, ApiClient>;
  for (const person of PEOPLE) {
    tokens[person] = await apiToken(db, users[person].id);
    clients[person] = ApiClient.withToken(url, tokens[person]);
  }
  const withContent = async (lead: string, title: string, status: DocumentStatus, text: string) => {
    const row = await fixtures.document(db, lead, title);
    await db.updateTable('documents').set({ status }).where('id', '=', row.id).execute();
    await db
      .insertInto('doc_updates')
      .values({ document_id: row.id, data: templateUpdate('action_plan', [{ type: 'paragraph', text }]) })
      .execute();
    return row;
  };
  const docs = {
    planSante: await withContent(org.sante.id, 'Plan santé MRE', 'submitted', 'Couverture médicale des MRE retraités.'),
    planEmploi: await withContent(org.emploi.id, 'Plan emploi MRE', 'submitted', 'Reconnaissance des diplômes obtenus à l’étranger.'),
    noteOim: await withContent(org.oim.id, 'Note OIM confidentielle', 'draft', 'Données migratoires non publiées.'),
  };
  await fixtures.grant(db, docs.planSante.id, org.emploi.id, 'view');
  await fixtures.grant(db, docs.planEmploi.id, org.sante.id, 'comment');

  const sockets: Socket[] = [];
  const connect = async (person: Person) => {
    const socket = await connectRealtime(url, tokens[person]);
    sockets.push(socket);
    return socket;
  };

  /** Creates the technical commission (santé and emploi) and a session on the three documents. */
  const planSession = async (title = 'Revue des plans sectoriels') => {
    const commission = await clients.chair.post('/api/commissions', {
      kind: 'technical',
      nameFr: 'Commission technique',
      nameAr: 'اللجنة التقنية',
      nameEn: 'Technical commission',
      memberOrganisationIds: [org.sante.id, org.emploi.id],
    });
    if (commission.status !== 201) throw new Error(`commission: ${commission.status} ${JSON.stringify(commission.body)}`);
    const session = await clients.chair.post('/api/sessions', {
      commissionId: commission.body.commission.id,
      title,
      scheduledAt: '2026-11-28T15:00:00+01:00',
      location: 'Rabat',
      items: [
        { documentId: docs.planSante.id, title: 'Plan santé' },
        { documentId: docs.planEmploi.id },
        { documentId: docs.noteOim.id, presenterOrganisationId: org.oim.id, title: 'Note de l’OIM' },
      ],
    });
    if (session.status !== 201) throw new Error(`session: ${session.status} ${JSON.stringify(session.body)}`);
    return { commissionId: commission.body.commission.id as string, session: session.body.session };
  };

  return { org, users, tokens, clients, docs, sockets, connect, planSession };
}

export type SessionWorld = Awaited<ReturnType<typeof createSessionWorld>>;

/** The `session:state` payloads a socket received, oldest first. */
export const sessionStates = (socket: { received: Array<[string, any]> }) => socket.received.filter(([name]) => name === 'session:state').map(([, payload]) => payload);

export const lastSessionState = (socket: { received: Array<[string, any]> }) => sessionStates(socket).at(-1);
