import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendBlocks, bodyOf } from '../../shared/doc-schema.ts';
import { restoreVersion, type RestoreHub } from '../../server/commands/versions-restore.ts';
import { auditEntries, countRows } from '../helpers/actors.ts';
import { startTestServerWith, type TestServer } from '../helpers/server.ts';
import { createSessionWorld, type SessionWorld } from '../helpers/session-world.ts';

/** The restore command between its two steps: the backup is written, then the live document changes. */
describe('restore when something happens between the backup and the change', () => {
  let server: TestServer;
  let world: SessionWorld;
  let documentId: string;
  let versionId: string;
  const subject = () => ({ userId: world.users.sante.id, organisationId: world.org.sante.id, role: 'member' as const });

  beforeAll(async () => {
    ({ server, world } = await startTestServerWith(createSessionWorld));
    documentId = world.docs.planSante.id;
    versionId = (await world.clients.sante.post(`/api/documents/${documentId}/versions`, { name: 'Référence' })).body.version.id;
  });
  afterAll(() => server?.close());

  const versionBody = async (id: string) => {
    const row = await server.database.db.selectFrom('document_versions').select('state').where('id', '=', id).executeTakeFirstOrThrow();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, row.state);
    return bodyOf(doc).toString();
  };

  it('keeps in the backup an edit that landed after it was first written', async () => {
    const hub: RestoreHub = {
      room: (id) => server.hub.room(id),
      store: server.hub.store,
      applyServerChange: async (id, change, actor) => {
        // Someone types just after the backup was read: the restore replaces their words too.
        await server.hub.applyServerChange(id, (doc) => appendBlocks(doc, [{ type: 'paragraph', text: 'Tapé pendant la restauration.' }]), world.users.chair.id);
        return server.hub.applyServerChange(id, change, actor);
      },
    };
    const outcome = await restoreVersion(server.database.db, hub, subject(), documentId, versionId);
    expect(await versionBody(outcome.backup.id)).toContain('Tapé pendant la restauration.');
    expect(bodyOf(server.hub.room(documentId)!.doc).toString()).toBe(await versionBody(versionId));
  });

  it('leaves no backup and no audit entry when the change fails', async () => {
    const versions = await countRows(server.database.db, 'document_versions');
    const audits = (await auditEntries(server.database.db, 'document.version_restored')).length;
    const hub: RestoreHub = {
      room: (id) => server.hub.room(id),
      store: server.hub.store,
      applyServerChange: async () => {
        throw new Error('the collaboration hub is closing');
      },
    };
    await expect(restoreVersion(server.database.db, hub, subject(), documentId, versionId)).rejects.toThrow('closing');
    expect(await countRows(server.database.db, 'document_versions')).toBe(versions);
    expect(await auditEntries(server.database.db, 'document.version_restored')).toHaveLength(audits);
  });
});
