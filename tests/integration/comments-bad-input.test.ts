import { randomUUID } from 'node:crypto';
import { toBase64 } from 'lib0/buffer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendBlocks, measuresOf } from '../../shared/doc-schema.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { commentWorld, encodePosition, textAnchor, type CommentWorld } from './comments-world.ts';

describe('comments: bad input is refused clearly and stores nothing', () => {
  let server: TestServer;
  let world: CommentWorld;
  let path: string;
  let good: ReturnType<typeof textAnchor>;
  let threadId: string;

  const stored = async () => {
    const db = server.database.db;
    const [comments, notifications] = await Promise.all([
      db
        .selectFrom('comments')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { comments: Number(comments.n), notifications: Number(notifications.n) };
  };

  beforeAll(async () => {
    server = await startTestServer();
    world = await commentWorld(server);
    path = `/api/documents/${world.documentId}/comments`;
    good = textAnchor(world.content, 1, 'MRE');
    threadId = (await world.api.lead.post(path, { body: 'Fil existant', anchor: good })).body.comment.id;
  });
  afterAll(async () => server?.close());

  /** A replica of another document: its items are unknown to ours. */
  const stranger = () => {
    const doc = new Y.Doc();
    appendBlocks(doc, [{ type: 'paragraph', text: 'Texte d’un autre document' }]);
    return doc;
  };

  const cases: Array<[string, () => unknown, number, string]> = [
    ['an anchor from another document', () => ({ body: 'x', anchor: textAnchor(stranger(), 0, 'autre') }), 400, 'invalid_anchor'],
    ['an anchor into the measures', () => ({ body: 'x', anchor: { ...good, start: encodePosition(measuresOf(world.content), 0) } }), 400, 'invalid_anchor'],
    ['an anchor that is not base64', () => ({ body: 'x', anchor: { ...good, start: 'pas du base64 !' } }), 400, 'validation_failed'],
    ['an anchor that decodes to nothing', () => ({ body: 'x', anchor: { ...good, end: toBase64(Uint8Array.of(9, 9, 9)) } }), 400, 'invalid_anchor'],
    ['a huge anchor', () => ({ body: 'x', anchor: { ...good, start: 'QUFB'.repeat(10_000) } }), 400, 'validation_failed'],
    ['an anchor selecting nothing', () => ({ body: 'x', anchor: { ...good, end: good.start } }), 400, 'invalid_anchor'],
    ['an anchor of another kind', () => ({ body: 'x', anchor: { type: 'page', page: 3 } }), 400, 'validation_failed'],
    ['an anchor with extra fields', () => ({ body: 'x', anchor: { ...good, html: '<b>' } }), 400, 'validation_failed'],
    ['a measure that does not exist', () => ({ body: 'x', anchor: { type: 'measure', measureId: 'm-nope' } }), 400, 'invalid_anchor'],
    ['a reply with its own anchor', () => ({ body: 'x', threadId, anchor: good }), 400, 'validation_failed'],
    ['a reply to a thread that does not exist', () => ({ body: 'x', threadId: randomUUID() }), 400, 'unknown_thread'],
    ['an unknown organisation code', () => ({ body: 'Voir avec @sante et @inconnu' }), 400, 'unknown_mention'],
    ['an unknown e-mail', () => ({ body: 'Voir avec @personne@nulle-part.ma' }), 400, 'unknown_mention'],
    ['an unknown user id', () => ({ body: `Voir avec @[${randomUUID()}]` }), 400, 'unknown_mention'],
    ['unknown explicit mentions', () => ({ body: 'x', mentions: { userIds: [randomUUID()], organisationIds: [] } }), 400, 'unknown_mention'],
    ['malformed explicit mentions', () => ({ body: 'x', mentions: { userIds: ['lead@sante.ma'] } }), 400, 'validation_failed'],
    ['a body over 10,000 characters', () => ({ body: 'a'.repeat(10_001) }), 400, 'validation_failed'],
    ['an empty body', () => ({ body: '   ' }), 400, 'validation_failed'],
    ['control characters', () => ({ body: 'bip\u0007' }), 400, 'validation_failed'],
    ['a NUL character', () => ({ body: 'a\u0000b' }), 400, 'validation_failed'],
    ['unknown fields', () => ({ body: 'x', authorId: world.ids.admin.userId }), 400, 'validation_failed'],
    ['a body of the wrong type', () => ({ body: ['x'] }), 400, 'validation_failed'],
    ['an unknown session', () => ({ body: 'x', sessionId: randomUUID() }), 400, 'invalid_session'],
    ['a session id that is no id', () => ({ body: 'x', sessionId: 'séance' }), 400, 'validation_failed'],
  ];

  it.each(cases)('refuses %s', async (_label, payload, status, code) => {
    const before = await stored();
    const response = await world.api.partner.post(path, payload());
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(typeof response.body.error.message).toBe('string');
    expect(await stored()).toEqual(before);
  });

  it('names the unknown mentions and the anchor problem', async () => {
    const mention = await world.api.partner.post(path, { body: '@sante @inconnu @personne@nulle-part.ma' });
    expect(mention.body.error.details.unknown).toEqual([
      { mention: '@personne@nulle-part.ma', kind: 'user' },
      { mention: '@inconnu', kind: 'organisation' },
    ]);
    expect(mention.body.error.message).toContain('@inconnu');
    const anchor = await world.api.partner.post(path, { body: 'x', anchor: textAnchor(stranger(), 0, 'autre') });
    expect(anchor.body.error.details).toEqual([{ path: 'anchor', message: 'does not point into the text of this document', reason: 'outside' }]);
  });

  it('answers a mention of someone who cannot read the document exactly as one of an unknown e-mail', async () => {
    const before = await stored();
    const unknown = await world.api.partner.post(path, { body: 'Voir avec @x@nulle-part.ma' });
    const outsider = await world.api.partner.post(path, { body: `Voir avec @${world.ids.outsider.email}` });
    expect(outsider.status).toBe(400);
    expect(outsider.body.error.code).toBe(unknown.body.error.code);
    const general = (body: any) => JSON.stringify(body).replaceAll(world.ids.outsider.email, 'x@nulle-part.ma');
    expect(general(outsider.body)).toBe(general(unknown.body));
    const byId = await world.api.partner.post(path, { body: 'x', mentions: { userIds: [world.ids.outsider.userId], organisationIds: [] } });
    const unknownId = await world.api.partner.post(path, { body: 'x', mentions: { userIds: [randomUUID()], organisationIds: [] } });
    expect(byId.status).toBe(400);
    expect(byId.body.error.code).toBe(unknownId.body.error.code);
    expect(await stored()).toEqual(before);
  });

  it('refuses bad edits and bad parameters without changing anything', async () => {
    const before = await server.database.db.selectFrom('comments').selectAll().where('id', '=', threadId).executeTakeFirstOrThrow();
    for (const payload of [{ body: '' }, { body: 'x', anchor: good }, { body: '@inconnu' }, { body: 'a'.repeat(10_001) }]) {
      expect((await world.api.lead.patch(`${path}/${threadId}`, payload)).status).toBe(400);
    }
    expect((await world.api.lead.patch(`${path}/not-an-id`, { body: 'x' })).status).toBe(400);
    expect((await world.api.lead.post(`/api/documents/not-an-id/comments`, { body: 'x' })).status).toBe(400);
    expect((await world.api.lead.get(`${path}?status=closed`)).status).toBe(400);
    expect((await world.api.lead.post(`${path}/${randomUUID()}/resolve`)).status).toBe(404);
    expect((await world.api.lead.post(`/api/documents/${randomUUID()}/comments`, { body: 'x' })).status).toBe(404);
    expect((await world.api.lead.request('PUT', path, { body: 'x' })).status).toBe(405);
    const after = await server.database.db.selectFrom('comments').selectAll().where('id', '=', threadId).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });

  it('accepts the limits themselves', async () => {
    const response = await world.api.partner.post(path, { body: 'é'.repeat(10_000), anchor: { type: 'measure', measureId: 'm-vaccins' } });
    expect(response.status).toBe(201);
  });
});
