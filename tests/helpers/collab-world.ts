import type { Kysely } from 'kysely';
import type { AccessLevel, Database } from '../../db/schema.ts';
import { apiToken, connectPeer, type TestPeer } from './collab.ts';
import * as fixtures from './fixtures.ts';
import { ApiClient } from './http.ts';
import type { TestServer } from './server.ts';

export interface CollabWorld {
  documentId: string;
  /** the lead organisation's editors (edit access through the lead organisation) */
  editors: Array<{ id: string; token: string; email: string }>;
  admin: { id: string; token: string };
  /** one user per access level granted to a partner organisation, each in its own organisation */
  guests: Record<AccessLevel, { id: string; token: string; organisationId: string; grantId: string }>;
  /** a user of an organisation without any grant */
  outsider: { id: string; token: string };
}

let worlds = 0;

/**
 * Organisations, users with API tokens and one document created through the API (so the server
 * writes its template), for the collaboration tests.
 */
export async function collabWorld(db: Kysely<Database>, baseUrl: string, options: { editors?: number; kind?: 'action_plan' | 'note' } = {}): Promise<CollabWorld> {
  const n = ++worlds;
  const lead = await fixtures.organisation(db, `lead${n}`);
  const editors = [];
  for (let i = 0; i < (options.editors ?? 2); i++) {
    const row = await fixtures.user(db, lead.id, `editor${i}.${n}@lead.ma`);
    editors.push({ id: row.id, token: await apiToken(db, row.id), email: row.email });
  }
  const adminRow = await fixtures.user(db, lead.id, `admin.${n}@lead.ma`, 'admin');
  const admin = { id: adminRow.id, token: await apiToken(db, adminRow.id) };
  const created = await ApiClient.withToken(baseUrl, editors[0]!.token).post('/api/documents', { kind: options.kind ?? 'action_plan', title: `Plan ${n}` });
  if (created.status !== 201) throw new Error(`could not create the document: ${JSON.stringify(created.body)}`);
  const documentId: string = created.body.document.id;
  const guests = {} as CollabWorld['guests'];
  for (const level of ['edit', 'comment', 'view'] as const) {
    const organisation = await fixtures.organisation(db, `${level}${n}`);
    const row = await fixtures.user(db, organisation.id, `${level}.${n}@partner.org`);
    const grant = await fixtures.grant(db, documentId, organisation.id, level);
    guests[level] = { id: row.id, token: await apiToken(db, row.id), organisationId: organisation.id, grantId: grant.id };
  }
  const foreign = await fixtures.organisation(db, `out${n}`);
  const outsiderRow = await fixtures.user(db, foreign.id, `outsider.${n}@else.org`);
  return { documentId, editors, admin, guests, outsider: { id: outsiderRow.id, token: await apiToken(db, outsiderRow.id) } };
}

/**
 * A new world's document with `count` stock peers on it, signed in as its editors in turn (at most
 * three editors), synced. Each peer joins `track` as soon as it exists, so that afterAll destroys
 * it even when its sync fails.
 */
export async function editorsOnNewDocument(server: TestServer, count: number, track: TestPeer[]): Promise<{ world: CollabWorld; peers: TestPeer[] }> {
  const world = await collabWorld(server.database.db, server.url, { editors: Math.min(count, 3) });
  const peers = Array.from({ length: count }, (_, i) => connectPeer(server.url, world.documentId, world.editors[i % world.editors.length]!.token));
  track.push(...peers);
  await Promise.all(peers.map((peer) => peer.synced()));
  return { world, peers };
}
