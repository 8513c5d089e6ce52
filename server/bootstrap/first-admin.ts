import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/schema.ts';
import { createUser, findUserByEmail } from '../commands/users.ts';
import { ensureMinistry } from './ministry.ts';

/** Creates the first administrator from TANSIQ_ADMIN_EMAIL / TANSIQ_ADMIN_PASSWORD when absent. */
export async function ensureFirstAdmin(db: Kysely<Database>, admin: { email: string; password: string }, logger: Logger): Promise<void> {
  if (await findUserByEmail(db, admin.email)) {
    logger.debug({ email: admin.email }, 'first admin already exists');
    return;
  }
  const ministry = await ensureMinistry(db);
  await createUser(db, null, {
    email: admin.email,
    name: 'Administrateur',
    organisationId: ministry.id,
    role: 'admin',
    locale: 'fr',
    password: admin.password,
  });
  logger.info({ email: admin.email }, 'created the first administrator');
}
