import type { Kysely } from 'kysely';
import type { Database, OrganisationRow } from '../../db/schema.ts';
import { createOrganisation, findOrganisationByCode } from '../commands/organisations.ts';

/** The coordinating ministry: home of the coordination unit and of the first admin. */
export const MINISTRY = {
  code: 'mre',
  kind: 'ministry',
  nameFr: 'Ministère chargé des Marocains résidant à l’étranger et des affaires de la migration',
  nameAr: 'الوزارة المكلفة بالمغاربة المقيمين بالخارج وشؤون الهجرة',
  nameEn: 'Ministry in charge of Moroccans Living Abroad and Migration Affairs',
} as const;

export async function ensureMinistry(db: Kysely<Database>): Promise<OrganisationRow> {
  return (await findOrganisationByCode(db, MINISTRY.code)) ?? createOrganisation(db, null, MINISTRY);
}
