import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { SOCKET_LIMITS } from '../../server/realtime/socket-limits.ts';
import { auditEntries, signIn } from '../helpers/actors.ts';
import { apiToken, eventually } from '../helpers/collab.ts';
import * as fixtures from '../helpers/fixtures.ts';
import type { ApiClient } from '../helpers/http.ts';
import { connectRealtime, subscribe } from '../helpers/realtime.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const FLOOD_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../helpers/subscribe-flood.mjs');

describe('socket.io bounds', () => {
  let server: TestServer;
  let viewerToken: string;
  let outsiderToken: string;
  let outsiderId: string;
  let adminToken: string;
  let other: ApiClient;
  let documentId: string;
  const sockets: Socket[] = [];
  const connect = async (token: string) => {
    const socket = await connectRealtime(server.url, token);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    server = await startTestServer();
    const db = server.database.db;
    const mre = await fixtures.organisation(db, 'mre', 'ministry');
    const sante = await fixtures.organisation(db, 'sante');
    const oim = await fixtures.organisation(db, 'oim', 'international_org');
    adminToken = await apiToken(db, (await fixtures.user(db, mre.id, 'admin@mre.ma', 'admin')).id);
    viewerToken = await apiToken(db, (await fixtures.user(db, oim.id, 'viewer@oim.int')).id);
    await fixtures.user(db, sante.id, 'other@sante.ma');
    const culture = await fixtures.organisation(db, 'culture');
    outsiderId = (await fixtures.user(db, culture.id, 'outsider@culture.ma')).id;
    outsiderToken = await apiToken(db, outsiderId);
    other = await signIn(server.url, 'other@sante.ma');
    documentId = (await fixtures.document(db, sante.id, 'Plan santé')).id;
    await fixtures.grant(db, documentId, oim.id, 'view');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await server?.close();
  });

  it("answers another person's request within 100 ms (median) while one viewer floods 20,000 subscribes", async () => {
    const timeMe = async () => {
      const started = performance.now();
      expect((await other.get('/api/auth/me')).status).toBe(200);
      return performance.now() - started;
    };
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    // The same request without a flood, on this machine now (a shared machine can be slow by itself).
    const quiet: number[] = [];
    for (let i = 0; i < 10; i++) quiet.push(await timeMe());
    const flooder = spawn(process.execPath, [FLOOD_SCRIPT, server.url, viewerToken, documentId, '20000'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    flooder.stdout.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => flooder.once('exit', resolve));
    await eventually(() => expect(output).toContain('flooding'), 20_000);
    const latencies: number[] = [];
    // Asked while the flood is read and answered, until the flooder has all its answers.
    while (!output.includes('tally') && latencies.length < 50) latencies.push(await timeMe());
    expect(await exited).toBe(0);
    const { tally, connected } = JSON.parse(output.split('\n').find((line) => line.includes('tally'))!);
    // The budget let a burst (and what refilled meanwhile) through, answered from one access check;
    // the next ones were refused, and a socket that kept on was cut off before its 20,000th.
    expect(tally.ok).toBeGreaterThanOrEqual(SOCKET_LIMITS.eventBurst);
    expect(tally.ok).toBeLessThan(1_000);
    expect(tally.rate_limited).toBeGreaterThanOrEqual(SOCKET_LIMITS.answeredRefusals);
    expect(tally.ok + tally.rate_limited).toBeLessThan(SOCKET_LIMITS.refusalsBeforeDisconnect);
    expect(connected).toBe(false);
    expect(latencies.length).toBeGreaterThan(0);
    console.info(`GET /api/auth/me quiet: ${quiet.map(Math.round).join(', ')} ms; during the flood: ${latencies.map(Math.round).join(', ')} ms`);
    // Typically 10–60 ms here, as without the flood. The margins are for a shared machine: 100 ms,
    // or three times the quiet median when the machine alone is that slow; one sample (when the
    // flooder is cut off) took up to 1 s under a load average of 35. Before the budget: 91 s.
    const during = `quiet ${quiet.map(Math.round).join(', ')}; during ${latencies.map(Math.round).join(', ')}`;
    expect(median(latencies), during).toBeLessThan(Math.max(100, 3 * median(quiet)));
    expect(Math.max(...latencies), during).toBeLessThan(5_000);
  });

  it('audits a refused subscription once, however often the socket asks (the answer is remembered)', async () => {
    const outsider = await connect(outsiderToken);
    const replies = await Promise.all(Array.from({ length: 50 }, () => subscribe(outsider, 'document', documentId)));
    expect(replies.every((reply) => reply.error?.code === 'not_found')).toBe(true);
    const denied = await auditEntries(server.database.db, 'access.denied');
    expect(denied.filter((entry) => entry.actor_user_id === outsiderId && entry.object_id === documentId)).toMatchObject([
      { object_type: 'document', details: { need: 'view', had: 'no_access', via: 'socket' } },
    ]);
  });

  it('refuses events beyond the rate and serves the socket again once it slows down', async () => {
    const socket = await connect(viewerToken);
    const replies = await Promise.all(Array.from({ length: SOCKET_LIMITS.eventBurst + 50 }, () => subscribe(socket, 'document', documentId)));
    expect(replies.filter((reply) => reply.error?.code === 'rate_limited').length).toBeGreaterThanOrEqual(40);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await subscribe(socket, 'document', documentId)).toEqual({ ok: true });
  });

  it('limits how many rooms one socket follows', async () => {
    const db = server.database.db;
    const lead = await db.selectFrom('organisations').select('id').where('code', '=', 'sante').executeTakeFirstOrThrow();
    const rows = await db
      .insertInto('documents')
      .values(
        Array.from({ length: SOCKET_LIMITS.maxSubscriptions + 1 }, (_, i) => ({
          kind: 'note' as const,
          title: `Note ${i}`,
          lead_organisation_id: lead.id,
          status: 'draft' as const,
        })),
      )
      .returning('id')
      .execute();
    const socket = await connect(adminToken);
    const replies = [];
    for (const [i, row] of rows.entries()) {
      // Within the event budget: a refusal here is the room limit, not the rate.
      if (i > 0 && i % 80 === 0) await new Promise((resolve) => setTimeout(resolve, 4_100));
      replies.push(await subscribe(socket, 'document', row.id));
    }
    expect(replies.slice(0, -1).every((reply) => reply.ok === true)).toBe(true);
    expect(replies.at(-1)).toMatchObject({ error: { code: 'too_many_subscriptions' } });
  }, 60_000);

  it('closes a socket that sends a packet over the payload limit', async () => {
    const socket = await connect(viewerToken);
    const reason = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    socket.emit('subscribe', { type: 'document', id: 'x'.repeat(SOCKET_LIMITS.maxPayloadBytes + 1) });
    expect(await reason).toMatch(/transport (close|error)/);
  });
});
