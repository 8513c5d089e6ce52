import type { Kysely } from 'kysely';
import type { Database, Locale, OrganisationRow } from '../../db/schema.ts';
import { namedExactly } from './name-match.ts';

type Named = Pick<OrganisationRow, 'name_fr' | 'name_ar' | 'name_en'>;

export function localName(row: Named, locale: Locale): string {
  return locale === 'ar' ? row.name_ar : locale === 'en' ? row.name_en : row.name_fr;
}

/** An organisation by its code, or by its whole name in any language (accent- and case-insensitive). */
export async function findOrganisationNamed(db: Kysely<Database>, text: string): Promise<OrganisationRow | null> {
  const byCode = await db
    .selectFrom('organisations')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['code']), '=', text.trim().toLowerCase()))
    .executeTakeFirst();
  if (byCode) return byCode;
  const byName = await db
    .selectFrom('organisations')
    .selectAll()
    .where((eb) => eb.or([namedExactly(eb.ref('name_fr'), text), namedExactly(eb.ref('name_ar'), text), namedExactly(eb.ref('name_en'), text)]))
    .orderBy('code')
    .limit(1)
    .executeTakeFirst();
  return byName ?? null;
}

/** Names of organisations by id, in the reader's language. */
export async function organisationNames(db: Kysely<Database>, ids: readonly (string | null)[], locale: Locale): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('organisations').select(['id', 'name_fr', 'name_ar', 'name_en']).where('id', 'in', unique).execute();
  return new Map(rows.map((row) => [row.id, localName(row, locale)]));
}

/** Organisations by id, with their names in the three languages. */
export async function organisationsByIds(db: Kysely<Database>, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('organisations')
    .select(['id', 'name_fr', 'name_ar', 'name_en'])
    .where('id', 'in', [...ids])
    .execute();
}

/** Every organisation, named in `locale` and sorted by that name (menus that choose one). */
export async function organisationChoices(db: Kysely<Database>, locale: Locale): Promise<Array<{ id: string; name: string }>> {
  const rows = await db.selectFrom('organisations').select(['id', 'name_fr', 'name_ar', 'name_en']).execute();
  return rows.map((row) => ({ id: row.id, name: localName(row, locale) })).sort((a, b) => a.name.localeCompare(b.name, locale));
}
