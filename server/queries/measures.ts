import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { MEASURE_STATUSES, type MeasureStatus } from '../../shared/enums.ts';
import type { AccessSubject } from '../policies/document-access.ts';
import { visibleTo } from './documents.ts';
import type { MeasureSummary, OrganisationProgress } from '../../shared/api/measures.ts';

export interface MeasureFilter {
  organisationId?: string;
  documentId?: string;
  status?: string;
  overdue?: boolean;
  /** the day "overdue" is judged against, YYYY-MM-DD (tests pass their own clock) */
  today: string;
  limit: number;
}

/** Measures of the action plans the subject may see, with their document, lead or partner org filter. */
export async function listVisibleMeasures(db: Kysely<Database>, subject: AccessSubject, filter: MeasureFilter): Promise<MeasureSummary[]> {
  let query = visibleTo(db.selectFrom('documents'), subject)
    .innerJoin('measures', 'measures.document_id', 'documents.id')
    .where('documents.archived_at', 'is', null)
    .select([
      'measures.document_id as documentId',
      'documents.title as documentTitle',
      'measures.id',
      'measures.title',
      'measures.lead_organisation_id as leadOrganisationId',
      'measures.partner_organisation_ids as partnerOrganisationIds',
      'measures.start_date as start',
      'measures.due_date as due',
      'measures.status',
      'measures.progress',
      'measures.indicator',
      'measures.indicator_baseline as indicatorBaseline',
      'measures.indicator_target as indicatorTarget',
      'measures.indicator_current as indicatorCurrent',
      'measures.indicator_unit as indicatorUnit',
      'measures.budget',
      'measures.currency',
      'measures.notes',
      sql<boolean>`(measures.due_date < ${filter.today}::date AND measures.status NOT IN ('done', 'cancelled'))`.as('overdue'),
    ]);
  if (filter.documentId) query = query.where('measures.document_id', '=', filter.documentId);
  if (filter.status) query = query.where('measures.status', '=', filter.status as never);
  if (filter.organisationId) {
    const organisationId = filter.organisationId;
    query = query.where((eb) =>
      eb.or([eb('measures.lead_organisation_id', '=', organisationId), eb(sql`${organisationId}::uuid`, '=', eb.fn.any('measures.partner_organisation_ids'))]),
    );
  }
  if (filter.overdue) {
    query = query.where('measures.due_date', '<', filter.today).where('measures.status', 'not in', ['done', 'cancelled']);
  }
  const rows = await query
    .orderBy('measures.due_date', (ob) => ob.asc().nullsLast())
    .orderBy('measures.document_id')
    .orderBy('measures.position')
    .limit(filter.limit)
    .execute();
  return rows.map((row) => ({ ...row, budget: row.budget === null ? null : Number(row.budget) }));
}

/** Per lead organisation: measures by status and overdue count, over the action plans the subject may see. */
export async function measureProgressByOrganisation(db: Kysely<Database>, subject: AccessSubject, today: string): Promise<OrganisationProgress[]> {
  const rows = await visibleTo(db.selectFrom('documents'), subject)
    .innerJoin('measures', 'measures.document_id', 'documents.id')
    .where('documents.archived_at', 'is', null)
    .where('measures.lead_organisation_id', 'is not', null)
    .select([
      'measures.lead_organisation_id as organisationId',
      sql<number>`count(*) FILTER (WHERE measures.status = 'planned')::int`.as('planned'),
      sql<number>`count(*) FILTER (WHERE measures.status = 'in_progress')::int`.as('in_progress'),
      sql<number>`count(*) FILTER (WHERE measures.status = 'done')::int`.as('done'),
      sql<number>`count(*) FILTER (WHERE measures.status = 'blocked')::int`.as('blocked'),
      sql<number>`count(*) FILTER (WHERE measures.status = 'cancelled')::int`.as('cancelled'),
      sql<number>`count(*) FILTER (WHERE measures.due_date < ${today}::date AND measures.status NOT IN ('done', 'cancelled'))::int`.as('overdue'),
      sql<number>`count(DISTINCT measures.document_id)::int`.as('documents'),
    ])
    .groupBy('measures.lead_organisation_id')
    .execute();
  return rows.map(({ organisationId, overdue, documents, ...measures }) => ({ organisationId: organisationId!, measures, overdue, documents }));
}

/** One document's measures by status, with how many are overdue (`today` decides), from the projection. */
export async function documentMeasureCounts(db: Kysely<Database>, documentId: string, today: string) {
  const rows = await db
    .selectFrom('measures')
    .select([
      'status',
      sql<number>`count(*)::int`.as('count'),
      sql<number>`count(*) FILTER (WHERE due_date < ${today}::date AND status NOT IN ('done', 'cancelled'))::int`.as('overdue'),
    ])
    .where('document_id', '=', documentId)
    .groupBy('status')
    .execute();
  const byStatus = Object.fromEntries(MEASURE_STATUSES.map((status) => [status, 0])) as Record<MeasureStatus, number>;
  let overdue = 0;
  for (const row of rows) {
    byStatus[row.status] = row.count;
    overdue += row.overdue;
  }
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return { byStatus, overdue, total };
}

/** Titles of some of a document's measures as the projection knows them (a deleted one is absent). */
export async function measureTitles(db: Kysely<Database>, documentId: string, measureIds: readonly string[]): Promise<Map<string, string>> {
  if (measureIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('measures')
    .select(['id', 'title'])
    .where('document_id', '=', documentId)
    .where('id', 'in', [...measureIds])
    .execute();
  return new Map(rows.map((row) => [row.id, row.title]));
}

/** A measure's status as the projection knows it, or undefined when it is gone. */
export async function measureStatusOf(db: Kysely<Database>, documentId: string, measureId: string): Promise<MeasureStatus | undefined> {
  const row = await db.selectFrom('measures').select('status').where('document_id', '=', documentId).where('id', '=', measureId).executeTakeFirst();
  return row?.status;
}
