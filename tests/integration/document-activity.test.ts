import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collabWorld, type CollabWorld } from '../helpers/collab-world.ts';
import { ApiClient } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

describe('document activity from the audit log', () => {
  let server: TestServer;
  let world: CollabWorld;
  const api = (token: string) => ApiClient.withToken(server.url, token);
  const path = () => `/api/documents/${world.documentId}/activity`;

  beforeAll(async () => {
    server = await startTestServer();
    world = await collabWorld(server.database.db, server.url, { kind: 'note' });
    const editor = api(world.editors[0]!.token);
    expect((await editor.post(`/api/documents/${world.documentId}/transitions`, { to: 'in_review' })).status).toBe(200);
    expect((await api(world.admin.token).post(`/api/documents/${world.documentId}/transitions`, { to: 'returned', reason: 'Chiffres à revoir' })).status).toBe(200);
    expect((await editor.post(`/api/documents/${world.documentId}/versions`, { name: 'Avant relecture' })).status).toBe(201);
    // Refused attempts are audited too, but are no one's activity to read.
    expect((await api(world.guests.view.token).post(`/api/documents/${world.documentId}/transitions`, { to: 'in_review' })).status).toBe(403);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('gives a viewer the status history (who, when, from → to, reason) and no refusals, addresses or grants', async () => {
    const response = await api(world.guests.view.token).get(`${path()}?action=document.status_changed`);
    expect(response.status).toBe(200);
    expect(response.body.entries.map((entry: { details: unknown }) => entry.details)).toEqual([
      { from: 'in_review', to: 'returned', reason: 'Chiffres à revoir' },
      { from: 'draft', to: 'in_review', reason: null },
    ]);
    expect(response.body.entries[0].actor).toMatchObject({ id: world.admin.id });
    expect(response.body.entries[1].actor).toMatchObject({ id: world.editors[0]!.id });
    expect(response.body.entries[0].at).toEqual(expect.any(String));

    const all = await api(world.guests.view.token).get(path());
    const actions = all.body.entries.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['document.status_changed', 'version.created', 'document.created']));
    expect(actions).not.toContain('access.denied');
    expect(actions.some((action: string) => action.startsWith('document.access'))).toBe(false);
    expect(JSON.stringify(all.body)).not.toMatch(/"ip"/);
  });

  it('shows access changes to those who manage the document, and nothing to outsiders', async () => {
    const editor = api(world.editors[0]!.token);
    expect((await editor.put(`/api/documents/${world.documentId}/access`, { organisationId: world.guests.view.organisationId, level: 'comment' })).status).toBe(200);
    const managed = await editor.get(`${path()}?action=document.access_changed`);
    expect(managed.body.entries).toHaveLength(1);
    expect(managed.body.entries[0].details).toEqual({ organisationId: world.guests.view.organisationId, userId: null, level: 'comment', previousLevel: 'view' });
    expect((await api(world.guests.edit.token).get(`${path()}?action=document.access_changed`)).body.entries).toEqual([]);
    expect((await api(world.outsider.token).get(path())).status).toBe(404);
  });

  it('pages newest first without repeating', async () => {
    const first = await api(world.editors[0]!.token).get(`${path()}?limit=2`);
    expect(first.body.entries).toHaveLength(2);
    const second = await api(world.editors[0]!.token).get(`${path()}?limit=2&before=${first.body.nextCursor}`);
    const ids = [...first.body.entries, ...second.body.entries].map((entry: { id: number }) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect((await api(world.editors[0]!.token).get(`${path()}?limit=0`)).status).toBe(400);
  });
});
