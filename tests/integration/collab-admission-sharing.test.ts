import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../helpers/actors.ts';
import { metricValue } from '../helpers/child-server.ts';
import { apiToken, eventually } from '../helpers/collab.ts';
import { collabWorld, type CollabWorld } from '../helpers/collab-world.ts';
import * as fixtures from '../helpers/fixtures.ts';
import { ApiClient } from '../helpers/http.ts';
import { closedWith, connectRaw, type RawClient } from '../helpers/raw-collab.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

/**
 * Sync connections admitted together share one query per credential, document and organisation
 * (issue 20: the herd after a restart). The answers are remembered for a minute here, far longer
 * than the default second, so that a shared answer surviving a revocation could not go unseen:
 * whatever ends a right must end the sharing too, and no connection admitted on a shared answer
 * may outlive the right.
 */
describe('admission lookups shared by connections admitted together', () => {
  let server: TestServer;
  let world: CollabWorld;
  const clients: RawClient[] = [];
  const open = (token: string, documentId = world.documentId) => {
    const client = connectRaw(server.url, documentId, token);
    clients.push(client);
    return client;
  };
  const lookups = async () => {
    const read = (kind: string, answer: string) => metricValue(server.url, 'tansiq_collab_admission_lookups_total', { kind, answer });
    return {
      credential: await read('credential', 'queried'),
      document: await read('document', 'queried'),
      organisation: await read('organisation', 'queried'),
      shared: await read('credential', 'shared'),
    };
  };
  /** a person of the lead organisation (they may edit), with a token of their own */
  const newEditor = async (name: string) => {
    const row = await fixtures.user(
      server.database.db,
      (await server.database.db.selectFrom('users').select('organisation_id').where('id', '=', world.editors[0]!.id).executeTakeFirstOrThrow()).organisation_id,
      `${name}@lead.ma`,
    );
    const token = await apiToken(server.database.db, row.id);
    const { id: tokenId } = await server.database.db.selectFrom('api_tokens').select('id').where('user_id', '=', row.id).executeTakeFirstOrThrow();
    return { id: row.id, email: row.email, token, tokenId };
  };

  beforeAll(async () => {
    server = await startTestServer({ COLLAB_ADMISSION_SHARE_MS: '60000' });
    world = await collabWorld(server.database.db, server.url);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.ws.terminate();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('fifty connections of one token to one document cost one query of each kind', async () => {
    const editor = await newEditor('fifty');
    const before = await lookups();
    const fifty = Array.from({ length: 50 }, () => open(editor.token));
    await Promise.all(fifty.map((client) => client.joined()));
    const after = await lookups();
    // Nothing ended a right meanwhile, so nothing made the sharing start again.
    expect(after.credential - before.credential).toBe(1);
    expect(after.document - before.document).toBeLessThanOrEqual(1);
    expect(after.organisation - before.organisation).toBeLessThanOrEqual(1);
    expect(after.shared - before.shared).toBe(49);
  });

  it('a token revoked while fifty of its connections are being admitted ends every one of them', async () => {
    const editor = await newEditor('racing');
    const session = await signIn(server.url, editor.email);
    const fifty = Array.from({ length: 50 }, () => open(editor.token));
    const revoked = await session.delete(`/api/tokens/${editor.tokenId}`);
    expect(revoked.status).toBe(204);
    // Admitted before the revocation or after it, each ends with 4401; none stays open.
    await eventually(() => {
      for (const client of fifty) expect(client.isClosed()).toBe(true);
    });
    for (const client of fifty) expect((await client.closed).code).toBe(4401);
    const late = open(editor.token);
    expect((await closedWith(late)).code).toBe(4401);
  });

  it('a revoked token is refused at once although its answer was shared a moment before', async () => {
    const editor = await newEditor('remembered');
    const first = open(editor.token);
    await first.joined();
    const session = await signIn(server.url, editor.email);
    expect((await session.delete(`/api/tokens/${editor.tokenId}`)).status).toBe(204);
    expect((await closedWith(first)).code).toBe(4401);
    // The answer that admitted `first` would still be within its minute: the revocation ended it.
    const fifty = Array.from({ length: 50 }, () => open(editor.token));
    for (const client of fifty) {
      expect((await closedWith(client)).code).toBe(4401);
      expect(client.received, 'refused before it was greeted').toEqual([]);
    }
  });

  it("a grant removed after the document's access was shared refuses the next connections", async () => {
    const guest = world.guests.edit;
    const first = open(guest.token);
    await first.joined();
    const admin = ApiClient.withToken(server.url, world.admin.token);
    expect((await admin.delete(`/api/documents/${world.documentId}/access/${guest.grantId}`)).status).toBe(204);
    expect((await closedWith(first)).code).toBe(4403);
    const ten = Array.from({ length: 10 }, () => open(guest.token));
    for (const client of ten) {
      expect((await closedWith(client)).code).toBe(4404);
      expect(client.received).toEqual([]);
    }
    // The lead's editors, who shared the same facts, are still admitted.
    await open(world.editors[1]!.token).joined();
  });
});
