import type { Kysely, Selectable } from 'kysely';
import * as Y from 'yjs';
import type { Database, ReportingCyclesTable } from '../../db/schema.ts';
import { DocumentStore } from '../collab/document-store.ts';
import { appendBlocks, bodyText, countWords, metaOf } from '../../shared/doc-schema.ts';
import { completeness } from '../domain/reporting-cycle.ts';
import { buildConsolidatedReport, consolidatedTitle, type ConsolidatedReportLine } from '../domain/consolidated-report.ts';
import { CONSOLIDATED_TEXT } from '../domain/consolidated-text.ts';
import type { Locale } from '../../shared/enums.ts';
import type { AccessSubject } from '../policies/document-access.ts';
import { recordAudit } from './audit.ts';
import { grantOrganisations } from './document-access.ts';

/**
 * At a cycle's close, one consolidated document per commission (issue 19): the cycle's own
 * commission when it was opened for one, else each commission whose members lead plans in scope,
 * plus one for the plans no commission covers. Written inside the closing transaction: a close
 * that fails leaves no half-written report behind.
 */

interface Group {
  commissionId: string | null;
  commissionName: string | null;
  memberOrganisationIds: string[];
  documentIds: Set<string>;
}

export async function writeConsolidatedDocuments(
  trx: Kysely<Database>,
  actor: AccessSubject,
  cycle: Selectable<ReportingCyclesTable>,
  today: string,
  ip?: string,
  language: Locale = 'fr',
): Promise<Array<{ documentId: string; commissionId: string | null }>> {
  const reports = await trx
    .selectFrom('cycle_reports')
    .innerJoin('documents', 'documents.id', 'cycle_reports.document_id')
    .leftJoin('measures', (join) => join.onRef('measures.document_id', '=', 'cycle_reports.document_id').onRef('measures.id', '=', 'cycle_reports.measure_id'))
    .select([
      'cycle_reports.document_id',
      'documents.title as document_title',
      'documents.lead_organisation_id as document_lead',
      'cycle_reports.measure_title',
      'cycle_reports.lead_organisation_id',
      'cycle_reports.state',
      'cycle_reports.measure_status',
      'cycle_reports.progress',
      'cycle_reports.indicator_current',
      'cycle_reports.indicator_target',
      'cycle_reports.indicator_unit',
      'cycle_reports.blockers',
      'cycle_reports.support_requested',
      'measures.due_date',
      'measures.status as current_status',
    ])
    .where('cycle_reports.cycle_id', '=', cycle.id)
    .orderBy('documents.title')
    .orderBy('measures.position')
    .execute();
  if (reports.length === 0) return [];
  // Names in the report's language, as the directory has them (French where it has no other).
  const names = new Map(
    (await trx.selectFrom('organisations').select(['id', 'name_fr', 'name_ar', 'name_en']).execute()).map((row) => [row.id, row[`name_${language}`] || row.name_fr]),
  );
  const groups = await groupsFor(trx, cycle, reports, language);
  const written: Array<{ documentId: string; commissionId: string | null }> = [];
  for (const group of groups) {
    const mine = reports.filter((report) => group.documentIds.has(report.document_id));
    if (mine.length === 0) continue;
    const organisations = completeness(
      mine.map((report) => ({ leadOrganisationId: report.lead_organisation_id, state: report.state })),
      cycle.due_on,
      today,
    )
      .map((entry) => ({
        name: names.get(entry.organisationId ?? '') ?? '—',
        total: entry.total,
        submitted: entry.submitted + entry.accepted,
        draft: entry.draft + entry.returned,
        notStarted: entry.notStarted,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, CONSOLIDATED_TEXT[language].dateLocale));
    const plans = new Map<string, { title: string; lines: ConsolidatedReportLine[] }>();
    for (const report of mine) {
      let plan = plans.get(report.document_id);
      if (!plan) plans.set(report.document_id, (plan = { title: report.document_title, lines: [] }));
      // Only what was submitted speaks for the period: a draft is not the organisation's word yet.
      const reported = report.state === 'submitted' || report.state === 'accepted';
      const status = (reported ? report.measure_status : null) ?? report.current_status ?? null;
      plan.lines.push({
        measureTitle: report.measure_title,
        leadOrganisation: names.get(report.lead_organisation_id ?? '') ?? '—',
        state: report.state,
        status: reported ? report.measure_status : null,
        progress: reported ? report.progress : null,
        indicatorCurrent: reported ? report.indicator_current : null,
        indicatorTarget: report.indicator_target,
        indicatorUnit: report.indicator_unit,
        blockers: reported ? report.blockers : '',
        supportRequested: reported ? report.support_requested : '',
        overdue: report.due_date !== null && report.due_date < today && status !== 'done' && status !== 'cancelled',
      });
    }
    const blocks = buildConsolidatedReport(
      {
        period: cycle.period,
        commissionName: group.commissionName,
        opensOn: cycle.opens_on,
        dueOn: cycle.due_on,
        closedOn: today,
        organisations,
        plans: [...plans.values()],
      },
      language,
    );
    const doc = new Y.Doc();
    doc.transact(() => {
      appendBlocks(doc, blocks);
      metaOf(doc).set('kind', 'note');
    });
    const update = Y.encodeStateAsUpdate(doc);
    const text = bodyText(doc);
    doc.destroy();
    const title = consolidatedTitle(cycle.period, group.commissionName, language);
    const row = await DocumentStore.create(
      trx,
      { kind: 'note', title, language, lead_organisation_id: actor.organisationId, status: 'draft', created_by: actor.userId, body_text: text, word_count: countWords(text) },
      update,
    );
    const viewers = [...new Set(group.memberOrganisationIds)].filter((id) => id !== actor.organisationId);
    await grantOrganisations(trx, row.id, viewers, 'view', actor.userId);
    await trx.insertInto('cycle_consolidated_documents').values({ cycle_id: cycle.id, document_id: row.id, commission_id: group.commissionId }).execute();
    await recordAudit(trx, {
      actorUserId: actor.userId,
      action: 'document.created',
      objectType: 'document',
      objectId: row.id,
      details: { kind: 'note', title, cycleId: cycle.id, commissionId: group.commissionId, viewerOrganisationIds: viewers },
      ip,
    });
    written.push({ documentId: row.id, commissionId: group.commissionId });
  }
  return written;
}

async function groupsFor(
  trx: Kysely<Database>,
  cycle: Selectable<ReportingCyclesTable>,
  reports: ReadonlyArray<{ document_id: string; document_lead: string }>,
  language: Locale,
): Promise<Group[]> {
  const commissions = (await trx.selectFrom('commissions').select(['id', 'name_fr', 'name_ar', 'name_en']).orderBy('name_fr').execute()).map((row) => ({
    id: row.id,
    name: row[`name_${language}`] || row.name_fr,
  }));
  const members = await trx.selectFrom('commission_members').select(['commission_id', 'organisation_id']).execute();
  const membersOf = (commissionId: string) => members.filter((member) => member.commission_id === commissionId).map((member) => member.organisation_id);
  const allDocuments = new Set(reports.map((report) => report.document_id));
  if (cycle.commission_id) {
    const commission = commissions.find((entry) => entry.id === cycle.commission_id);
    return [{ commissionId: cycle.commission_id, commissionName: commission?.name ?? null, memberOrganisationIds: membersOf(cycle.commission_id), documentIds: allDocuments }];
  }
  const leadOf = new Map(reports.map((report) => [report.document_id, report.document_lead]));
  const groups: Group[] = [];
  const covered = new Set<string>();
  for (const commission of commissions) {
    const memberIds = membersOf(commission.id);
    const documentIds = new Set([...allDocuments].filter((id) => memberIds.includes(leadOf.get(id)!)));
    if (documentIds.size === 0) continue;
    for (const id of documentIds) covered.add(id);
    groups.push({ commissionId: commission.id, commissionName: commission.name, memberOrganisationIds: memberIds, documentIds });
  }
  const rest = new Set([...allDocuments].filter((id) => !covered.has(id)));
  if (rest.size > 0) groups.push({ commissionId: null, commissionName: null, memberOrganisationIds: [], documentIds: rest });
  return groups;
}
