import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import type { Actor } from '../auth/actor.ts';
import { loadConfig } from '../config.ts';
import { importFolder, progressLine, summaryText } from '../import/bulk.ts';

/**
 * `npm run import -- <folder> [--as <email>]`: imports every Word file of a folder as a new
 * document, led by the organisation of the person it is imported as (by default
 * TANSIQ_ADMIN_EMAIL, else the first administrator). With the embedded database, stop the server
 * first: PGlite serves one process.
 */
async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { as: { type: 'string' } } });
  const folder = positionals[0];
  if (!folder) {
    process.stderr.write('usage: npm run import -- <folder> [--as <email>]\n');
    return 2;
  }
  const config = loadConfig(process.env);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    await migrateToLatest(database.db);
    const email = values.as ?? process.env.TANSIQ_ADMIN_EMAIL;
    let query = database.db.selectFrom('users').select(['id as userId', 'organisation_id as organisationId', 'role', 'name', 'email', 'locale']).where('disabled_at', 'is', null);
    query = email ? query.where('email', '=', email.toLowerCase()) : query.where('role', '=', 'admin').orderBy('created_at').limit(1);
    const user = await query.executeTakeFirst();
    if (!user) {
      process.stderr.write(email ? `No active user ${email}.\n` : 'No administrator yet: start Tansiq once with TANSIQ_ADMIN_EMAIL, or pass --as <email>.\n');
      return 1;
    }
    const actor: Actor = { ...user, via: 'token' };
    const tty = process.stderr.isTTY;
    const outcomes = await importFolder(database.db, actor, folder, (done, total, file) => {
      process.stderr.write(tty ? `\r\x1b[K${progressLine(done, total, file)}` : `${progressLine(done, total, file)}\n`);
    });
    if (tty) process.stderr.write('\n');
    process.stdout.write(`${summaryText(outcomes)}\n`);
    return outcomes.some((outcome) => outcome.status === 'imported') || outcomes.length === 0 ? 0 : 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
