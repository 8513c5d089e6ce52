import type { Kysely } from 'kysely';
import type { AccessLevel, Database, OrganisationKind, Role } from '../../db/schema.ts';
import { hashPassword } from '../../server/auth/passwords.ts';

export const PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

/** Inserts rows directly (fast, no audit) so tests can set up a world in a few lines. */
export async function organisation(db: Kysely<Database>, code: string, kind: OrganisationKind = 'public_body') {
  return db
    .insertInto('organisations')
    .values({ code, kind, name_fr: `Org ${code}`, name_ar: `منظمة ${code}`, name_en: `Org ${code}` })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function user(db: Kysely<Database>, organisationId: string, email: string, role: Role = 'member') {
  passwordHash ??= hashPassword(PASSWORD);
  return db
    .insertInto('users')
    .values({ email, name: email.split('@')[0]!, organisation_id: organisationId, role, locale: 'fr', password_hash: await passwordHash })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function document(db: Kysely<Database>, leadOrganisationId: string, title: string, kind: 'action_plan' | 'note' | 'study' = 'action_plan') {
  return db.insertInto('documents').values({ kind, title, lead_organisation_id: leadOrganisationId, status: 'draft' }).returningAll().executeTakeFirstOrThrow();
}

export async function grant(db: Kysely<Database>, documentId: string, organisationId: string, level: AccessLevel) {
  return db.insertInto('document_access').values({ document_id: documentId, organisation_id: organisationId, level }).returningAll().executeTakeFirstOrThrow();
}

/** Changes the level of an organisation's existing grant on a document. */
export async function regrant(db: Kysely<Database>, documentId: string, organisationId: string, level: AccessLevel) {
  await db.updateTable('document_access').set({ level }).where('document_id', '=', documentId).where('organisation_id', '=', organisationId).execute();
}

/** The technical commission ("Commission technique" / "اللجنة التقنية") with these member organisations; returns its id. */
export async function technicalCommission(db: Kysely<Database>, memberOrganisationIds: readonly string[]): Promise<string> {
  const commission = await db
    .insertInto('commissions')
    .values({ kind: 'technical', name_fr: 'Commission technique', name_ar: 'اللجنة التقنية', name_en: 'Technical commission' })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (memberOrganisationIds.length > 0)
    await db
      .insertInto('commission_members')
      .values(memberOrganisationIds.map((organisationId) => ({ commission_id: commission.id, organisation_id: organisationId })))
      .execute();
  return commission.id;
}
