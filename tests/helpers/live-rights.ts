import type { Kysely } from 'kysely';
import type { Socket } from 'socket.io-client';
import * as authProtocol from 'y-protocols/auth';
import { expect } from 'vitest';
import * as Y from 'yjs';
import type { Database } from '../../db/schema.ts';
import type { RunningServer } from '../../server/server.ts';
import { bodyOf, bodyText } from '../../shared/doc-schema.ts';
import { signIn } from './actors.ts';
import { apiToken, connectPeer, eventually, type TestPeer } from './collab.ts';
import * as fixtures from './fixtures.ts';
import { ApiClient } from './http.ts';
import { connectRealtime, subscribe } from './realtime.ts';
import { loadStoredDocument } from './stored-document.ts';

/**
 * "Rights end everywhere at once": a person holds a stock y-websocket provider and a socket.io
 * client on a document; one of their rights or credentials ends; within a second the sync
 * connection is closed or read-only as the policy says, later edits are not stored, and the
 * socket gets no more comments of the document and cannot follow it again.
 */

export type Credential = { cookie: string } | { token: string };
type RealtimeSocket = Socket & { received: Array<[string, any]> };

export interface LiveWorld {
  db: Kysely<Database>;
  admin: ApiClient;
  adminToken: string;
  orgs: { ministry: string; lead: string; partner: string; other: string };
  /** a new document led by `lead`, with an edit grant to `partner` */
  newDocument(): Promise<{ id: string; partnerGrantId: string }>;
  /** a new person (their own e-mail) */
  newUser(organisationId: string, role?: 'admin' | 'member'): Promise<{ id: string; email: string }>;
}

let worlds = 0;

export async function createLiveWorld(db: Kysely<Database>, url: string): Promise<LiveWorld> {
  const n = ++worlds;
  const org = (code: string, kind?: 'ministry') => fixtures.organisation(db, `${code}${n}`, kind).then((row) => row.id);
  const orgs = { ministry: await org('mre', 'ministry'), lead: await org('sante'), partner: await org('emploi'), other: await org('culture') };
  let people = 0;
  const newUser = async (organisationId: string, role: 'admin' | 'member' = 'member') => {
    const row = await fixtures.user(db, organisationId, `person${++people}.${n}@live.test`, role);
    return { id: row.id, email: row.email };
  };
  const admin = await newUser(orgs.ministry, 'admin');
  return {
    db,
    admin: await signIn(url, admin.email),
    adminToken: await apiToken(db, admin.id),
    orgs,
    newUser,
    async newDocument() {
      const row = await fixtures.document(db, orgs.lead, `Plan ${++people}`);
      const partnerGrant = await fixtures.grant(db, row.id, orgs.partner, 'edit');
      return { id: row.id, partnerGrantId: partnerGrant.id };
    },
  };
}

/** The person under test, connected both ways, and an administrator beside them on the same server. */
export interface Probe {
  documentId: string;
  credential: Credential;
  peer: TestPeer;
  socket: RealtimeSocket;
  /** permission-denied messages the provider received (the server's "you are read-only now") */
  denials: string[];
  bystander: { peer: TestPeer; socket: RealtimeSocket; token: string };
  close(): void;
}

const paragraph = (text: string) => {
  const element = new Y.XmlElement('paragraph');
  element.insert(0, [new Y.XmlText(text)]);
  return element;
};

function provider(url: string, documentId: string, credential: Credential): TestPeer & { denials: string[] } {
  const peer = 'token' in credential ? connectPeer(url, documentId, credential.token) : connectPeer(url, documentId, '', { cookie: credential.cookie });
  const denials: string[] = [];
  peer.provider.messageHandlers[2] = (_encoder, decoder, p) => authProtocol.readAuthMessage(decoder, p.doc, (_doc, reason) => denials.push(reason));
  return Object.assign(peer, { denials });
}

const realtime = (url: string, credential: Credential) => connectRealtime(url, 'token' in credential ? credential.token : { cookie: credential.cookie });

/** Connects the person and a bystander, and shows the person's edits are stored before anything ends. */
export async function openProbe(world: LiveWorld, server: RunningServer, documentId: string, credential: Credential): Promise<Probe> {
  const peer = provider(server.url, documentId, credential);
  const bystanderPeer = connectPeer(server.url, documentId, world.adminToken);
  await Promise.all([peer.synced(), bystanderPeer.synced()]);
  const socket = await realtime(server.url, credential);
  const bystanderSocket = await connectRealtime(server.url, world.adminToken);
  expect(await subscribe(socket, 'document', documentId)).toEqual({ ok: true });
  expect(await subscribe(bystanderSocket, 'document', documentId)).toEqual({ ok: true });
  bodyOf(peer.doc).insert(0, [paragraph('written while allowed')]);
  await eventually(() => expect(bodyText(bystanderPeer.doc)).toContain('written while allowed'));
  return {
    documentId,
    credential,
    peer,
    socket,
    denials: peer.denials,
    bystander: { peer: bystanderPeer, socket: bystanderSocket, token: world.adminToken },
    close() {
      for (const p of [peer, bystanderPeer]) p.destroy();
      for (const s of [socket, bystanderSocket]) s.disconnect();
    },
  };
}

export interface Expected {
  /** the sync connection: closed with this code, or turned read-only */
  sync: 4401 | 4403 | 'read_only';
  /** the socket: disconnected after `auth:ended`, out of the document's room, or still in it (may still read) */
  socket: 'ended' | 'left' | 'stays';
}

/** Asserts the outcome within `withinMs` of `since` (when the right ended), then that nothing more gets through. */
export async function expectRightEnded(
  probe: Probe,
  expected: Expected,
  servers: { live: RunningServer; act: RunningServer; db: Kysely<Database> },
  since = Date.now(),
  withinMs = 1_000,
) {
  const remaining = () => Math.max(0, since + withinMs - Date.now());
  await eventually(() => {
    if (expected.sync === 'read_only') expect(probe.denials.length).toBeGreaterThan(0);
    else expect(probe.peer.closes.map((close) => close.code)).toContain(expected.sync);
    if (expected.socket === 'ended') {
      expect(probe.socket.received.find(([name]) => name === 'auth:ended')).toBeTruthy();
      expect(probe.socket.connected).toBe(false);
    }
    if (expected.socket === 'left') expect(probe.socket.received).toContainEqual(['access:revoked', { documentId: probe.documentId }]);
  }, remaining());
  console.info(`rights ended: sync ${expected.sync} and socket ${expected.socket} after ${Date.now() - since} ms`);

  // A later edit is not stored, and the live document never has it.
  bodyOf(probe.peer.doc).insert(0, [paragraph('written after the end')]);
  if (expected.sync === 'read_only') {
    // Awareness still flows from a read-only connection: once the bystander sees the mark, the edit before it was handled.
    probe.peer.provider.awareness.setLocalStateField('mark', 'after');
    await eventually(() => expect(probe.bystander.peer.provider.awareness.getStates().get(probe.peer.doc.clientID)?.mark).toBe('after'));
  } else {
    // Closed with a 44xx code, the stock provider gave up for good: no connection is left to carry the edit.
    expect(probe.peer.provider.shouldConnect).toBe(false);
    expect(probe.peer.provider.ws).toBeNull();
  }
  expect(bodyText(probe.bystander.peer.doc)).not.toContain('written after the end');
  expect(bodyText(servers.live.hub.room(probe.documentId)!.doc)).not.toContain('written after the end');
  await servers.live.hub.store.flush();
  const stored = bodyText(await loadStoredDocument(servers.db, probe.documentId));
  expect(stored).toContain('written while allowed');
  expect(stored).not.toContain('written after the end');

  // A comment made now reaches the bystander's socket; the person's only if they may still read it.
  const admin = ApiClient.withToken(servers.act.url, probe.bystander.token);
  const posted = await admin.post(`/api/documents/${probe.documentId}/comments`, { body: 'Après la fin' });
  expect(posted.status).toBe(201);
  const commentId = posted.body.comment.id;
  const created = (socket: RealtimeSocket) => socket.received.some(([name, payload]) => name === 'comment:created' && payload.id === commentId);
  await eventually(() => expect(created(probe.bystander.socket)).toBe(true));
  if (expected.socket === 'stays') await eventually(() => expect(created(probe.socket)).toBe(true));
  else expect(created(probe.socket)).toBe(false);

  // Following the document again: refused, or (ended) not even connected.
  if (expected.socket === 'ended') await expect(realtime(servers.live.url, probe.credential)).rejects.toThrow(/unauthenticated/);
  else if (expected.socket === 'left') expect(await subscribe(probe.socket, 'document', probe.documentId)).toMatchObject({ error: { code: 'not_found' } });
  else expect(await subscribe(probe.socket, 'document', probe.documentId)).toEqual({ ok: true });
}
