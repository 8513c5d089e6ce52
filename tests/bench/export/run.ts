import pino from 'pino';
import type * as Y from 'yjs';
import { openDatabase } from '../../../db/database.ts';
import { migrateToLatest } from '../../../db/migrate.ts';
import { DocumentStore } from '../../../server/collab/document-store.ts';
import { loadExportModel, render } from '../../../server/commands/exports.ts';
import { followUpReport } from '../../../server/commands/reports.ts';
import { loadDemoWorkspace } from '../../../server/demo/load.ts';
import { readState } from '../../../server/domain/version-content.ts';

/**
 * `npm run bench:export`: the demo health plan made about 100 pages long (its text repeated, its
 * measures multiplied), rendered in each format; then the consolidated follow-up report of all the
 * demo's action plans, today and as of a past day (from the measures' history); prints time and size.
 */
const database = await openDatabase({ dataDir: 'memory://' });
try {
  await migrateToLatest(database.db);
  await loadDemoWorkspace(database.db, pino({ level: 'silent' }));
  const admin = await database.db
    .selectFrom('users')
    .select(['id as userId', 'organisation_id as organisationId', 'role', 'name', 'email', 'locale'])
    .where('email', '=', 'admin@demo.tansiq.ma')
    .executeTakeFirstOrThrow();
  const store = new DocumentStore(database.db, pino({ level: 'silent' }));
  const content = async <T>(id: string, read: (doc: Y.Doc) => T) => readState((await store.loadCurrent(id)).state, read);
  const plan = await database.db.selectFrom('documents').select('id').where('title', 'like', 'Plan d’action santé%').executeTakeFirstOrThrow();
  const model = await loadExportModel(database.db, content, { ...admin, via: 'token' }, plan.id, '2026-12-04');
  const big = { ...model, blocks: Array.from({ length: 40 }, () => model.blocks).flat(), measures: Array.from({ length: 60 }, () => model.measures).flat() };
  for (const format of ['pdf', 'docx', 'odt', 'html'] as const) {
    await render(model, format); // warm-up: fonts parsed, code compiled
    const started = performance.now();
    const data = await render(big, format);
    const pages = format === 'pdf' ? ` ${/\/Type \/Pages[^>]*\/Count (\d+)/.exec(data.toString('latin1'))?.[1] ?? '?'} pages,` : '';
    console.log(
      `${format}:${pages} ${Math.round(performance.now() - started)} ms, ${Math.round(data.length / 1024)} KB (${big.blocks.length} blocks, ${big.measures.length} measures)`,
    );
  }
  const actor = { ...admin, via: 'token' as const };
  for (const [asOf, what] of [
    ['2026-12-04', 'as of 2026-12-04'],
    ['2099-01-01', 'live'],
  ] as const) {
    for (const format of ['pdf', 'docx', 'xlsx'] as const) {
      // "today" after asOf for the history path, equal to it for the live one.
      const today = what === 'live' ? asOf : '2099-01-01';
      const started = performance.now();
      const report = await followUpReport(database.db, actor, { asOf }, format, today);
      console.log(`report of all demo plans (${what}) ${format}: ${Math.round(performance.now() - started)} ms, ${Math.round(report.data.length / 1024)} KB`);
    }
  }
} finally {
  await database.close();
}
