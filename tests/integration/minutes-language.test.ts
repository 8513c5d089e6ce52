import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyText } from '../../shared/doc-schema.ts';
import { download } from '../helpers/files.ts';
import { startTestServerWith, type TestServer } from '../helpers/server.ts';
import { createSessionWorld, type SessionWorld } from '../helpers/session-world.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';

/** Minutes are written in the language asked for, or the chair's: headings, decisions, dates, names, direction. */
describe('minutes in the document’s language', () => {
  let server: TestServer;
  let world: SessionWorld;
  beforeAll(async () => {
    ({ server, world } = await startTestServerWith(createSessionWorld));
  });
  afterAll(async () => {
    await server?.close();
  });

  const runSession = async (title: string, close: Record<string, unknown> | undefined) => {
    const { session } = await world.planSession(title);
    const path = `/api/sessions/${session.id}`;
    expect((await world.clients.chair.post(`${path}/start`)).status).toBe(200);
    const item = session.items[2].id as string;
    expect((await world.clients.chair.post(`${path}/items/${item}/decision`, { decision: 'postponed' })).status).toBe(200);
    const closed = await world.clients.chair.post(`${path}/close`, close);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    return closed.body.session.minutesDocumentId as string;
  };

  it('in Arabic when asked: Arabic headings, labels, commission name and date, right to left in the export', async () => {
    const id = await runSession('مراجعة المخططات', { language: 'ar' });
    const document = (await world.clients.chair.get(`/api/documents/${id}`)).body.document;
    expect(document.language).toBe('ar');
    expect(document.title).toMatch(/^محضر — مراجعة المخططات \(28 .+ 2026\)$/u);
    const text = bodyText(await loadStoredDocument(server.database.db, id));
    expect(text).toContain('اللجنة التقنية — جلسة 28');
    expect(text).toContain('جدول الأعمال');
    expect(text).toContain('القرار: أُرجئ.');
    expect(text).not.toMatch(/Ordre du jour|Décision|Présidence|séance/u);
    const html = (await download(world.clients.chair, `/api/documents/${id}/export?format=html`)).data.toString('utf8');
    expect(html).toMatch(/<h\d dir="rtl">جدول الأعمال/u);
    expect(html).not.toMatch(/<p dir="ltr"/u);
  });

  it('in the chair’s interface language by default (English here), and French stays French', async () => {
    await server.database.db.updateTable('users').set({ locale: 'en' }).where('id', '=', world.users.chair.id).execute();
    const id = await runSession('Sector plans review', undefined);
    const document = (await world.clients.chair.get(`/api/documents/${id}`)).body.document;
    expect(document.language).toBe('en');
    const text = bodyText(await loadStoredDocument(server.database.db, id));
    expect(text).toContain('Minutes — Sector plans review (28 November 2026)');
    expect(text).toContain('Technical commission — meeting of 28 November 2026, Rabat.');
    expect(text).toContain('Decision: Postponed.');
    expect(text).toContain('Follow-up:');
    const french = await runSession('Revue', { language: 'fr' });
    expect(bodyText(await loadStoredDocument(server.database.db, french))).toContain('Commission technique — séance du 28 novembre 2026, Rabat.');
    expect((await world.clients.chair.post(`/api/sessions/00000000-0000-4000-8000-000000000000/close`, { language: 'de' })).status).toBe(400);
  });
});
