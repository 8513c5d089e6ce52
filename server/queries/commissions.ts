import type { Kysely } from 'kysely';
import type { Database, Locale } from '../../db/schema.ts';
import { COMMISSION_KINDS } from '../../shared/enums.ts';
import { normalize } from '../../shared/text-match.ts';
import { namedByWords, namedExactly } from './name-match.ts';

export interface CommissionNames {
  id: string;
  names: Record<Locale, string>;
}

const toNames = (row: { id: string; name_fr: string; name_ar: string; name_en: string }): CommissionNames => ({
  id: row.id,
  names: { fr: row.name_fr, ar: row.name_ar, en: row.name_en },
});

export async function findCommissionNames(db: Kysely<Database>, id: string): Promise<CommissionNames | null> {
  const row = await db.selectFrom('commissions').select(['id', 'name_fr', 'name_ar', 'name_en']).where('id', '=', id).executeTakeFirst();
  return row ? toNames(row) : null;
}

/**
 * A commission by its whole name in any language, else by words of it (`technique`,
 * `interministérielle`), else by its kind; accent- and case-insensitive, in SQL.
 */
export async function findCommissionNamed(db: Kysely<Database>, text: string): Promise<CommissionNames | null> {
  const base = () => db.selectFrom('commissions').select(['id', 'name_fr', 'name_ar', 'name_en']).orderBy('created_at').limit(1);
  const exact = await base()
    .where((eb) => eb.or([namedExactly(eb.ref('name_fr'), text), namedExactly(eb.ref('name_ar'), text), namedExactly(eb.ref('name_en'), text)]))
    .executeTakeFirst();
  if (exact) return toNames(exact);
  const byWords = await base()
    .where((eb) => eb.or([namedByWords(eb.ref('name_fr'), text), namedByWords(eb.ref('name_ar'), text), namedByWords(eb.ref('name_en'), text)]))
    .executeTakeFirst();
  if (byWords) return toNames(byWords);
  const kind = COMMISSION_KINDS.find((candidate) => candidate === normalize(text));
  const byKind = kind ? await base().where('kind', '=', kind).executeTakeFirst() : undefined;
  return byKind ? toNames(byKind) : null;
}

/** Whether an organisation sits on a commission. */
export async function isCommissionMember(db: Kysely<Database>, commissionId: string, organisationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('commission_members')
    .select('organisation_id')
    .where('commission_id', '=', commissionId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The commissions some organisations sit on. */
export async function commissionsOf(db: Kysely<Database>, organisationIds: readonly string[]): Promise<string[]> {
  if (organisationIds.length === 0) return [];
  const rows = await db
    .selectFrom('commission_members')
    .select('commission_id')
    .where('organisation_id', 'in', [...organisationIds])
    .execute();
  return [...new Set(rows.map((row) => row.commission_id))];
}

/** The organisations sitting on a commission. */
export async function commissionMemberIds(db: Kysely<Database>, commissionId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('commission_members').select('organisation_id').where('commission_id', '=', commissionId).execute();
  return new Set(rows.map((row) => row.organisation_id));
}
