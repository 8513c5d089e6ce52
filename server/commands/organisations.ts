import type { Kysely } from 'kysely';
import type { Database, OrganisationKind, OrganisationRow } from '../../db/schema.ts';
import { conflict, notFound } from '../errors.ts';
import { recordAudit } from './audit.ts';
import { uuid } from '../../shared/api/schemas/common.ts';

export interface OrganisationInput {
  code: string;
  kind: OrganisationKind;
  nameFr: string;
  nameAr: string;
  nameEn: string;
}

export async function listOrganisations(db: Kysely<Database>, filter: { kind?: OrganisationKind }): Promise<OrganisationRow[]> {
  let query = db.selectFrom('organisations').selectAll().orderBy('code');
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  return query.execute();
}

export async function getOrganisation(db: Kysely<Database>, id: string): Promise<OrganisationRow> {
  const row = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Organisation');
  return row;
}

/**
 * An organisation given by id or code in a query (`?lead=sante`), as its id; null when unknown.
 * A code may look like the start of a uuid (`deadbeef-x`): only a whole uuid is taken as an id.
 */
export async function organisationIdFor(db: Kysely<Database>, ref: string): Promise<string | null> {
  if (uuid.safeParse(ref).success) return ref;
  return (await findOrganisationByCode(db, ref))?.id ?? null;
}

export async function findOrganisationByCode(db: Kysely<Database>, code: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisations').selectAll().where('code', '=', code.toLowerCase()).executeTakeFirst();
}

export async function createOrganisation(db: Kysely<Database>, actorUserId: string | null, input: OrganisationInput): Promise<OrganisationRow> {
  return db.transaction().execute(async (trx) => {
    if (await findOrganisationByCode(trx, input.code)) throw conflict(`An organisation with code "${input.code}" exists.`);
    const row = await trx
      .insertInto('organisations')
      .values({ code: input.code, kind: input.kind, name_fr: input.nameFr, name_ar: input.nameAr, name_en: input.nameEn })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorUserId, action: 'organisation.created', objectType: 'organisation', objectId: row.id, details: { code: row.code } });
    return row;
  });
}

export async function updateOrganisation(db: Kysely<Database>, actorUserId: string, id: string, input: Partial<OrganisationInput>): Promise<OrganisationRow> {
  return db.transaction().execute(async (trx) => {
    await getOrganisation(trx, id);
    if (input.code) {
      const other = await findOrganisationByCode(trx, input.code);
      if (other && other.id !== id) throw conflict(`An organisation with code "${input.code}" exists.`);
    }
    const row = await trx
      .updateTable('organisations')
      .set({
        code: input.code,
        kind: input.kind,
        name_fr: input.nameFr,
        name_ar: input.nameAr,
        name_en: input.nameEn,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorUserId, action: 'organisation.updated', objectType: 'organisation', objectId: id, details: { changes: input } });
    return row;
  });
}
