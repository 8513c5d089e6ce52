import fc from 'fast-check';
import fs from 'node:fs';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyOf, bodyText } from '../../shared/doc-schema.ts';
import { bystanders, type Bystanders } from '../helpers/collab-bystanders.ts';
import { collabWorld, type CollabWorld } from '../helpers/collab-world.ts';
import { connectRaw, frames, type RawClient } from '../helpers/raw-collab.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const HOSTILE = JSON.parse(fs.readFileSync(new URL('../fixtures/yjs-hostile/issue-reproductions.json', import.meta.url), 'utf8')) as {
  cases: Array<{ name: string; hex: string }>;
};

const varUint = (value: number) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, value);
  return encoding.toUint8Array(encoder);
};
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));

/** A real update frame to cut and flip: a paragraph typed into a copy of the template. */
function realUpdateFrame(): Uint8Array {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  text.insert(0, 'Mesure 12: guichet unique', { bold: true });
  bodyOf(doc).insert(0, [paragraph]);
  return frames.update(Y.encodeStateAsUpdate(doc));
}

/**
 * Bad bytes from a connection with edit rights: the connection is closed as a bad message, the
 * document in memory and in the database stays as it was, and the other clients notice nothing.
 */
describe('bad input on the sync endpoint', () => {
  let server: TestServer;
  let world: CollabWorld;
  let others: Bystanders;
  const raws: RawClient[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    world = await collabWorld(server.database.db, server.url);
    others = await bystanders(server, world);
  });
  afterAll(async () => {
    for (const raw of raws) raw.ws.terminate();
    others?.destroy();
    await server?.close();
  });

  /** Sends one frame after the greeting; resolves with the close, or null when the server answered the next query instead. */
  async function send(bytes: Uint8Array): Promise<{ code: number; reason: string } | null> {
    const client = connectRaw(server.url, world.documentId, world.editors[0]!.token);
    raws.push(client);
    await client.joined();
    const answered = client.received.filter((frame) => frame.kind === 'awareness').length;
    client.send(bytes);
    client.send(frames.queryAwareness());
    const reply = new Promise<null>((resolve) => {
      const poll = setInterval(() => {
        if (client.received.filter((frame) => frame.kind === 'awareness').length > answered) {
          clearInterval(poll);
          resolve(null);
        }
      }, 5);
      void client.closed.then(() => clearInterval(poll));
    });
    const outcome = await Promise.race([client.closed, reply]);
    client.ws.terminate();
    return outcome;
  }

  async function expectRefused(bytes: Uint8Array, reason?: RegExp): Promise<void> {
    const outcome = await send(bytes);
    expect(outcome, 'the connection is closed').not.toBeNull();
    expect(outcome!.code).toBe(4400);
    if (reason) expect(outcome!.reason).toMatch(reason);
  }

  it('unknown message types, the auth type and trailing bytes', async () => {
    await expectRefused(varUint(4), /unknown message type/);
    await expectRefused(varUint(2 ** 40), /unknown message type/);
    await expectRefused(frames.auth('let me in'), /server only/);
    await expectRefused(concat(frames.queryAwareness(), new Uint8Array([0])), /trailing/);
    await expectRefused(new Uint8Array([0, 7, 0]), /sync message type/);
    await others.expectUndisturbed();
  });

  it('huge varints and lengths beyond the end of the message', async () => {
    await expectRefused(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]));
    await expectRefused(concat(new Uint8Array([0, 2]), new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]), new Uint8Array([1, 2, 3])));
    await expectRefused(concat(new Uint8Array([0, 0]), varUint(3), varUint(2 ** 31)));
    await expectRefused(concat(new Uint8Array([1]), varUint(5), varUint(1_000_000), new Uint8Array([1, 1, 1])));
    await others.expectUndisturbed();
  });

  it('valid framing around a corrupt update, and the yjs issue reproductions', async () => {
    await expectRefused(frames.update(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff])), /update/);
    await expectRefused(frames.step2(new TextEncoder().encode('not a yjs update')), /sync step 2/);
    for (const hostile of HOSTILE.cases) {
      const bytes = Uint8Array.from(Buffer.from(hostile.hex, 'hex'));
      await expectRefused(frames.update(bytes));
      await expectRefused(frames.step2(bytes));
    }
    await others.expectUndisturbed();
  });

  it('every truncation of a real update frame', async () => {
    const frame = realUpdateFrame();
    for (let cut = 1; cut < frame.length; cut += Math.max(1, Math.floor(frame.length / 25))) await expectRefused(frame.slice(0, cut));
    await others.expectUndisturbed();
  });

  it('a second, different version of structs the document has: memory and database agree on the first', async () => {
    const version = (text: string) => {
      const doc = new Y.Doc();
      doc.clientID = 424_242;
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      bodyOf(doc).insert(0, [paragraph]);
      return Y.encodeStateAsUpdate(doc);
    };
    expect(await send(frames.update(version('première version')))).toBeNull();
    // Same client id and clocks, other content: Yjs keeps what it has (and takes only what lies
    // beyond it); a merge of the log must not pick the other version.
    expect(await send(frames.update(version('version falsifiée, plus longue que la première')))).toBeNull();
    expect(await send(frames.step2(version('troisième')))).toBeNull();
    await others.settle();
    const text = bodyText(server.hub.room(world.documentId)!.doc);
    expect(text).toContain('première version');
    expect(text).not.toContain('falsifiée');
    await others.expectUndisturbed();
  });

  it('generated garbage (fast-check): refused, or harmless when it happens to be valid', async () => {
    const real = realUpdateFrame();
    const garbage = fc.oneof(
      fc.uint8Array({ minLength: 0, maxLength: 300 }),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => concat(new Uint8Array([0, 2]), varUint(bytes.length), bytes)),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => concat(new Uint8Array([1]), varUint(bytes.length), bytes)),
      fc.tuple(fc.nat(real.length - 1), fc.nat(255)).map(([index, value]) => {
        const flipped = real.slice();
        flipped[index] = value;
        return flipped;
      }),
    );
    await fc.assert(
      fc.asyncProperty(garbage, async (bytes) => {
        const outcome = await send(bytes);
        if (outcome) expect(outcome.code).toBe(4400);
        else await others.settle();
      }),
      // FC_SEED=<seed> replays a failure (fast-check prints the seed).
      { numRuns: 60, seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined },
    );
    await others.expectUndisturbed();
  });
});
