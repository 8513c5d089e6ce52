import type { Kysely } from 'kysely';
import type { Database, DocumentStatus } from '../../db/schema.ts';
import { endOfMoroccanDay } from '../collab/measure-history.ts';
import { measuresOfPlansAt, statusesOfPlansAt } from '../queries/plans-as-of.ts';
import type { MeasureFields } from '../../shared/doc-schema.ts';
import type { Actor } from '../auth/actor.ts';
import { MINISTRY } from '../bootstrap/ministry.ts';
import { notFound } from '../errors.ts';
import { buildExportModel } from '../export/model.ts';
import { buildReport, type ReportPlan } from '../export/report.ts';
import { renderReportXlsx } from '../export/report-sheet.ts';
import { visibleTo } from '../queries/documents.ts';
import { recordAudit } from './audit.ts';
import { organisationDirectory, render, type ExportedFile } from './exports.ts';
import { loadLogo } from './settings.ts';
import type { ReportFormat } from '../../shared/api/files.ts';

export interface ReportScope {
  commissionId?: string;
  documentIds?: string[];
  asOf: string;
}

/**
 * The consolidated follow-up report over the action plans the reader may see: those of a
 * commission (led by its member organisations), a chosen set, or all of them. Measures come from
 * the SQL projection, which follows the live documents within seconds; as of a past day, from the
 * measures' recorded history and the audited status changes up to the end of that day.
 */
export async function followUpReport(db: Kysely<Database>, actor: Actor, scope: ReportScope, format: ReportFormat, today: string, ip?: string): Promise<ExportedFile> {
  const organisations = await organisationDirectory(db);
  let scopeName = { fr: 'tous les plans d’action', ar: 'جميع مخططات العمل', en: 'all action plans' }[actor.locale];
  let query = visibleTo(db.selectFrom('documents'), actor)
    .select(['documents.id', 'documents.title', 'documents.status'])
    .where('documents.kind', '=', 'action_plan')
    .where('documents.archived_at', 'is', null);
  if (scope.commissionId) {
    const commission = await db.selectFrom('commissions').selectAll().where('id', '=', scope.commissionId).executeTakeFirst();
    if (!commission) throw notFound('Commission');
    scopeName = actor.locale === 'ar' ? commission.name_ar : actor.locale === 'en' ? commission.name_en : commission.name_fr;
    query = query.where('documents.lead_organisation_id', 'in', db.selectFrom('commission_members').select('organisation_id').where('commission_id', '=', scope.commissionId));
  }
  if (scope.documentIds) {
    query = query.where('documents.id', 'in', scope.documentIds.length > 0 ? scope.documentIds : ['00000000-0000-0000-0000-000000000000']);
    scopeName = { fr: `${scope.documentIds.length} plan(s) choisi(s)`, ar: `${scope.documentIds.length} مخطط(ات) مختارة`, en: `${scope.documentIds.length} chosen plan(s)` }[
      actor.locale
    ];
  }
  const past = scope.asOf < today;
  const run: ReportRun = { actor, organisations, scopeName, scope, format, today, past, ip };
  const instant = endOfMoroccanDay(scope.asOf);
  // A plan created after the date was not part of the situation then.
  if (past) query = query.where('documents.created_at', '<=', instant);
  const documents = await query.orderBy('documents.title').execute();
  if (past) {
    const [measuresThen, statusesThen] = await Promise.all([
      measuresOfPlansAt(
        db,
        documents.map((document) => document.id),
        instant,
      ),
      statusesOfPlansAt(db, documents, instant),
    ]);
    return writeReport(
      db,
      run,
      documents.map((document) => ({ title: document.title, status: statusesThen.get(document.id)!, measures: measuresThen.get(document.id)! })),
    );
  }
  const rows =
    documents.length === 0
      ? []
      : await db
          .selectFrom('measures')
          .selectAll()
          .where(
            'document_id',
            'in',
            documents.map((document) => document.id),
          )
          .orderBy('document_id')
          .orderBy('position')
          .execute();
  const toFields = (row: (typeof rows)[number]): MeasureFields => ({
    id: row.id,
    title: row.title,
    leadOrganisationId: row.lead_organisation_id,
    partnerOrganisationIds: row.partner_organisation_ids ?? [],
    start: row.start_date,
    due: row.due_date,
    status: row.status,
    progress: row.progress,
    indicator: row.indicator ?? '',
    indicatorBaseline: row.indicator_baseline,
    indicatorTarget: row.indicator_target,
    indicatorCurrent: row.indicator_current,
    indicatorUnit: row.indicator_unit ?? '',
    budget: row.budget === null ? null : Number(row.budget),
    currency: row.currency,
    notes: row.notes ?? '',
  });
  return writeReport(
    db,
    run,
    documents.map((document) => ({ title: document.title, status: document.status, measures: rows.filter((row) => row.document_id === document.id).map(toFields) })),
  );
}

interface ReportRun {
  actor: Actor;
  organisations: Awaited<ReturnType<typeof organisationDirectory>>;
  scopeName: string;
  scope: ReportScope;
  format: ReportFormat;
  today: string;
  past: boolean;
  ip?: string;
}

/** The plans as found (now or then) → the file, audited. */
async function writeReport(db: Kysely<Database>, run: ReportRun, found: { title: string; status: DocumentStatus; measures: MeasureFields[] }[]): Promise<ExportedFile> {
  const { actor, organisations, scopeName, scope, format, today, past, ip } = run;
  const named = (measures: MeasureFields[]) =>
    buildExportModel({
      locale: actor.locale,
      title: '',
      kind: 'action_plan',
      status: 'draft',
      version: null,
      date: today,
      leadOrganisationId: '',
      partnerOrganisationIds: [],
      organisations,
      ministry: MINISTRY,
      logo: null,
      blocks: [],
      measures,
    }).measures;
  const plans: ReportPlan[] = found.map((plan) => ({ ...plan, measures: named(plan.measures) }));
  const ministry = [...organisations.values()].find((organisation) => organisation.code === MINISTRY.code) ?? MINISTRY;
  const model = buildReport({
    locale: actor.locale,
    scope: scopeName,
    asOf: scope.asOf,
    today,
    plans,
    ministry: { nameFr: ministry.nameFr, nameAr: ministry.nameAr },
    logo: await loadLogo(db),
  });
  const data = format === 'xlsx' ? await renderReportXlsx(plans, actor.locale, scope.asOf, model.title) : await render(model, format);
  await recordAudit(db, {
    actorUserId: actor.userId,
    action: 'report.exported',
    details: { format, asOf: scope.asOf, commissionId: scope.commissionId ?? null, plans: plans.length, fromHistory: past },
    ip,
  });
  return {
    data,
    contentType: {
      docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      pdf: 'application/pdf',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    }[format],
    filename: `tansiq-rapport-${scope.asOf}.${format}`,
  };
}
