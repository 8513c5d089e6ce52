import { sql, type Kysely } from 'kysely';
import type { CommissionKind, Database } from '../../db/schema.ts';
import { notFound, validationFailed } from '../errors.ts';
import type { DomainEvent } from '../events/bus.ts';
import type { AccessSubject } from '../policies/document-access.ts';
import type { CommissionView } from '../presenters/commission.ts';
import type { CreateCommissionInput, UpdateCommissionInput } from '../../shared/api/schemas/commissions.ts';
import { recordAudit } from './audit.ts';
import { authorize } from '../policies/authorize.ts';
import { commissionPolicy } from '../policies/commission.ts';

/** Commissions a person sees: admins all of them, everyone else those their organisation sits on. */
export async function listCommissions(db: Kysely<Database>, subject: AccessSubject, filter: { kind?: CommissionKind }): Promise<CommissionView[]> {
  let query = db.selectFrom('commissions').selectAll().orderBy('name_fr').orderBy('id');
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (subject.role !== 'admin') {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('commission_members')
          .select(sql`1`.as('one'))
          .whereRef('commission_members.commission_id', '=', 'commissions.id')
          .where('commission_members.organisation_id', '=', subject.organisationId),
      ),
    );
  }
  const rows = await query.execute();
  const members = await loadMembers(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({ row, memberOrganisationIds: members.get(row.id) ?? [] }));
}

/** One commission, or "not found" for someone whose organisation does not sit on it. */
export async function getCommission(db: Kysely<Database>, subject: AccessSubject, id: string): Promise<CommissionView> {
  const row = await db.selectFrom('commissions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Commission');
  const memberOrganisationIds = (await loadMembers(db, [id])).get(id) ?? [];
  await authorize({ db }, subject, commissionPolicy, 'view', { id, facts: { memberOrganisationIds } });
  return { row, memberOrganisationIds };
}

export async function createCommission(db: Kysely<Database>, subject: AccessSubject, input: CreateCommissionInput, ip?: string): Promise<CommissionView> {
  return db.transaction().execute(async (trx) => {
    await assertOrganisationsExist(trx, input.memberOrganisationIds);
    const row = await trx
      .insertInto('commissions')
      .values({ kind: input.kind, name_fr: input.nameFr, name_ar: input.nameAr, name_en: input.nameEn })
      .returningAll()
      .executeTakeFirstOrThrow();
    await replaceMembers(trx, row.id, input.memberOrganisationIds);
    await recordAudit(trx, {
      actorUserId: subject.userId,
      action: 'commission.created',
      objectType: 'commission',
      objectId: row.id,
      details: { kind: row.kind, nameFr: row.name_fr, memberOrganisationIds: input.memberOrganisationIds },
      ip,
    });
    // Same order as loadMembers (uuid order), so a commission reads the same however it was obtained.
    return { row, memberOrganisationIds: [...input.memberOrganisationIds].sort() };
  });
}

/**
 * Updates a commission. Its events: `user.access_changed` for each person of an organisation that
 * left it, whose live sockets in its sessions must be decided again.
 */
export async function updateCommission(
  db: Kysely<Database>,
  subject: AccessSubject,
  id: string,
  input: UpdateCommissionInput,
  ip?: string,
): Promise<{ commission: CommissionView; events: DomainEvent[] }> {
  const { commission, changedUserIds } = await db.transaction().execute(async (trx) => {
    const changes = Object.fromEntries(
      Object.entries({ kind: input.kind, name_fr: input.nameFr, name_ar: input.nameAr, name_en: input.nameEn }).filter(([, value]) => value !== undefined),
    );
    // Only the members changing: an UPDATE with nothing to set is no valid SQL.
    const row =
      Object.keys(changes).length > 0
        ? await trx.updateTable('commissions').set(changes).where('id', '=', id).returningAll().executeTakeFirst()
        : await trx.selectFrom('commissions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound('Commission');
    let changedUserIds: string[] = [];
    if (input.memberOrganisationIds) {
      await assertOrganisationsExist(trx, input.memberOrganisationIds);
      const before = (await loadMembers(trx, [id])).get(id) ?? [];
      // Those who leave stop following its sessions at once; those who join may follow them at
      // once (a socket refused a moment ago must be asked again, not told its old answer).
      const removed = before.filter((organisationId) => !input.memberOrganisationIds!.includes(organisationId));
      const added = input.memberOrganisationIds.filter((organisationId) => !before.includes(organisationId));
      await replaceMembers(trx, id, input.memberOrganisationIds);
      const changed = [...removed, ...added];
      if (changed.length > 0) {
        changedUserIds = (await trx.selectFrom('users').select('id').where('organisation_id', 'in', changed).execute()).map((user) => user.id);
      }
    }
    await recordAudit(trx, { actorUserId: subject.userId, action: 'commission.updated', objectType: 'commission', objectId: id, details: { changes: input }, ip });
    return { commission: { row, memberOrganisationIds: (await loadMembers(trx, [id])).get(id) ?? [] }, changedUserIds };
  });
  const events = changedUserIds.map((userId): DomainEvent => ({ type: 'user.access_changed', userId, actorUserId: subject.userId }));
  return { commission, events };
}

export async function loadMembers(db: Kysely<Database>, commissionIds: readonly string[]): Promise<Map<string, string[]>> {
  const byCommission = new Map<string, string[]>(commissionIds.map((id) => [id, []]));
  if (commissionIds.length === 0) return byCommission;
  const rows = await db.selectFrom('commission_members').selectAll().where('commission_id', 'in', commissionIds).orderBy('organisation_id').execute();
  for (const row of rows) byCommission.get(row.commission_id)?.push(row.organisation_id);
  return byCommission;
}

async function replaceMembers(trx: Kysely<Database>, commissionId: string, organisationIds: readonly string[]): Promise<void> {
  await trx.deleteFrom('commission_members').where('commission_id', '=', commissionId).execute();
  if (organisationIds.length === 0) return;
  await trx
    .insertInto('commission_members')
    .values(organisationIds.map((organisation_id) => ({ commission_id: commissionId, organisation_id })))
    .execute();
}

export async function assertOrganisationsExist(db: Kysely<Database>, ids: readonly string[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const found = await db.selectFrom('organisations').select('id').where('id', 'in', unique).execute();
  if (found.length === unique.length) return;
  const known = new Set(found.map((row) => row.id));
  throw validationFailed(
    'Unknown organisation.',
    unique.filter((id) => !known.has(id)).map((id) => ({ path: 'organisationId', message: `unknown organisation ${id}` })),
  );
}
