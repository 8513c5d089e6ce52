import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { badRequest } from '../errors.ts';
import { authorize } from '../policies/authorize.ts';
import { settingsPolicy } from '../policies/settings.ts';
import { sniffImage } from '../export/image.ts';
import type { ExportLogo } from '../export/model.ts';
import { MAX_LOGO_BYTES } from '../../shared/api/files.ts';
import { recordAudit } from './audit.ts';

const LOGO_KEY = 'export.logo';
const MAX_LOGO_SIDE = 4000;

export async function loadLogo(db: Kysely<Database>): Promise<ExportLogo | null> {
  const row = await db.selectFrom('workspace_settings').select('data').where('key', '=', LOGO_KEY).executeTakeFirst();
  if (!row?.data) return null;
  const info = sniffImage(row.data);
  return info ? { ...info, data: row.data } : null;
}

export async function setLogo(db: Kysely<Database>, actor: Actor, data: Uint8Array, ip?: string): Promise<ExportLogo> {
  await authorize({ db, ip }, actor, settingsPolicy, 'change', { facts: null });
  if (data.byteLength > MAX_LOGO_BYTES) throw badRequest(`The logo must be at most ${MAX_LOGO_BYTES / 1024} KB.`);
  const info = sniffImage(data);
  // SVG is refused rather than sanitised: it can carry script and outside references, and PDF cannot draw it.
  if (!info) throw badRequest('The logo must be a PNG or JPEG image.');
  if (info.width < 1 || info.height < 1 || info.width > MAX_LOGO_SIDE || info.height > MAX_LOGO_SIDE)
    throw badRequest(`The logo must be at most ${MAX_LOGO_SIDE} pixels wide and high.`);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('workspace_settings')
      .values({ key: LOGO_KEY, value: JSON.stringify({ type: info.type, width: info.width, height: info.height }), data, updated_by: actor.userId })
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet({ value: JSON.stringify({ type: info.type, width: info.width, height: info.height }), data, updated_by: actor.userId, updated_at: new Date() }),
      )
      .execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: 'settings.logo_changed', details: { ...info, bytes: data.byteLength }, ip });
  });
  return { ...info, data };
}

export async function removeLogo(db: Kysely<Database>, actor: Actor, ip?: string): Promise<void> {
  await authorize({ db, ip }, actor, settingsPolicy, 'change', { facts: null });
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('workspace_settings').where('key', '=', LOGO_KEY).execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: 'settings.logo_changed', details: { removed: true }, ip });
  });
}
