import type { Transaction } from 'kysely';
import type { Database, ReportState } from '../../db/schema.ts';
import { writeConsolidatedDocuments } from '../commands/cycle-consolidated.ts';
import { recordAudit } from '../commands/audit.ts';
import { MINISTRY } from '../bootstrap/ministry.ts';
import { openingReport } from '../domain/reporting-cycle.ts';

/**
 * The demo's follow-up cycles (issue 19), so the screens show real content on first start: T3 2026
 * closed, its reports accepted (a few never came) and its consolidated documents written; T4 2026
 * open and past its due date, some organisations submitted, some in draft, some not started (late).
 * Dates are relative to the demo's `now`; values come from the measures just projected.
 */

const DAY_MS = 86_400_000;
const day = (now: number, offset: number) => new Date(now + offset * DAY_MS).toISOString().slice(0, 10);

const NARRATIVES_T3 = [
  'Les termes de référence sont validés et le comité de pilotage s’est réuni deux fois.',
  'La phase préparatoire est achevée ; les premières actions de terrain démarrent.',
  'Les partenaires ont été mobilisés ; la convention est en cours de signature.',
  'Le recensement des bénéficiaires est fait dans trois régions sur cinq.',
];
const NARRATIVES_T4 = [
  'Le déploiement se poursuit selon le calendrier ; deux régions supplémentaires sont couvertes.',
  'Les activités prévues au trimestre sont réalisées ; le bilan intermédiaire est en rédaction.',
  'Le marché a été attribué et le prestataire a démarré ses travaux.',
  'La campagne d’information a touché les consulats de la circonscription.',
];
const BLOCKERS = ['Retard de mise à disposition des crédits.', 'Attente de la désignation des points focaux régionaux.', 'Données des consulats incomplètes.'];
const SUPPORT = ['Arbitrage de la commission technique sur le financement.', 'Appui de l’OIM pour la collecte des données.', 'Relais du ministère auprès des consulats.'];

type Organisations = (code: string) => string;

/** Which way each organisation stands in the open cycle: by the order of their codes, so the demo reads the same every time. */
function standingOf(index: number): 'submitted' | 'draft' | 'not_started' {
  return (['submitted', 'draft', 'not_started', 'submitted'] as const)[index % 4]!;
}

export async function insertDemoCycles(trx: Transaction<Database>, organisationId: Organisations, adminUserId: string, now: number): Promise<{ cycles: number; reports: number }> {
  const admin = { userId: adminUserId, organisationId: organisationId(MINISTRY.code), role: 'admin' as const };
  const measures = await trx
    .selectFrom('measures')
    .innerJoin('documents', 'documents.id', 'measures.document_id')
    .selectAll('measures')
    .where('documents.kind', '=', 'action_plan')
    .where('documents.archived_at', 'is', null)
    .where('measures.lead_organisation_id', 'is not', null)
    .orderBy('measures.document_id')
    .orderBy('measures.position')
    .execute();
  if (measures.length === 0) return { cycles: 0, reports: 0 };
  const focalPoints = new Map((await trx.selectFrom('users').select(['id', 'organisation_id']).where('role', '=', 'member').execute()).map((row) => [row.organisation_id, row.id]));
  const leads = [...new Set(measures.map((measure) => measure.lead_organisation_id!))];
  const codes = new Map((await trx.selectFrom('organisations').select(['id', 'code']).where('id', 'in', leads).execute()).map((row) => [row.id, row.code]));
  const orderedLeads = [...leads].sort((a, b) => (codes.get(a) ?? '').localeCompare(codes.get(b) ?? ''));

  // T3 2026: closed, reported and reviewed.
  const t3 = await trx
    .insertInto('reporting_cycles')
    .values({
      period: 'T3 2026',
      document_kinds: ['action_plan'],
      opens_on: day(now, -75),
      due_on: day(now, -60),
      reminder_days: [-7, 3],
      status: 'closed',
      created_by: adminUserId,
      created_at: new Date(now - 75 * DAY_MS),
      closed_at: new Date(now - 50 * DAY_MS),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  let reports = 0;
  for (const [index, measure] of measures.entries()) {
    const lead = measure.lead_organisation_id!;
    // A few organisations never reported in T3: the consolidated document says so.
    const missed = orderedLeads.indexOf(lead) % 7 === 6;
    const progress = Math.max(0, Math.min(100, measure.progress - 20 - (index % 3) * 5));
    const state: ReportState = missed ? 'not_started' : index % 9 === 4 ? 'submitted' : 'accepted';
    const blocked = measure.status === 'blocked';
    await trx
      .insertInto('cycle_reports')
      .values({
        ...openingReport(t3.id, measure),
        state,
        ...(missed
          ? {}
          : {
              measure_status: blocked ? 'blocked' : progress === 0 ? 'planned' : 'in_progress',
              progress,
              indicator_current: earlier(measure.indicator_baseline, measure.indicator_current),
              narrative: NARRATIVES_T3[index % NARRATIVES_T3.length]!,
              blockers: blocked || index % 5 === 2 ? BLOCKERS[index % BLOCKERS.length]! : '',
              support_requested: blocked || index % 6 === 1 ? SUPPORT[index % SUPPORT.length]! : '',
              submitted_by: focalPoints.get(lead) ?? null,
              submitted_at: new Date(now - (62 + (index % 4)) * DAY_MS),
              reviewed_by: state === 'accepted' ? adminUserId : null,
              reviewed_at: state === 'accepted' ? new Date(now - 55 * DAY_MS) : null,
              version: 3,
            }),
      })
      .execute();
    reports++;
  }
  await writeConsolidatedDocuments(trx, admin, t3, day(now, -50));

  // T4 2026: open, due three days ago; some organisations submitted, some in draft, some late.
  const t4 = await trx
    .insertInto('reporting_cycles')
    .values({
      period: 'T4 2026',
      document_kinds: ['action_plan'],
      opens_on: day(now, -18),
      due_on: day(now, -3),
      reminder_days: [-5, -1, 2],
      created_by: adminUserId,
      created_at: new Date(now - 18 * DAY_MS),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  for (const offset of [-5, -1, 2])
    await trx
      .insertInto('cycle_reminders')
      .values({ cycle_id: t4.id, offset_days: offset, sent_at: new Date(now + (offset - 3) * DAY_MS) })
      .execute();
  for (const [index, measure] of measures.entries()) {
    const lead = measure.lead_organisation_id!;
    const standing = standingOf(orderedLeads.indexOf(lead));
    // In a draft organisation, the first half of its measures are drafted, the rest not started.
    const state: ReportState =
      standing === 'submitted' ? (index % 3 === 0 ? 'accepted' : 'submitted') : standing === 'draft' ? (index % 2 === 0 ? 'draft' : 'not_started') : 'not_started';
    const touched = state !== 'not_started';
    await trx
      .insertInto('cycle_reports')
      .values({
        ...openingReport(t4.id, measure),
        state,
        ...(touched
          ? {
              // What was submitted is what the plan now holds (a submission writes it there).
              measure_status: measure.status,
              progress: measure.progress,
              indicator_current: measure.indicator_current,
              narrative: NARRATIVES_T4[index % NARRATIVES_T4.length]!,
              blockers: measure.status === 'blocked' ? BLOCKERS[index % BLOCKERS.length]! : '',
              support_requested: measure.status === 'blocked' || index % 7 === 3 ? SUPPORT[index % SUPPORT.length]! : '',
              submitted_by: state === 'draft' ? null : (focalPoints.get(lead) ?? null),
              submitted_at: state === 'draft' ? null : new Date(now - (4 + (index % 3)) * DAY_MS),
              reviewed_by: state === 'accepted' ? adminUserId : null,
              reviewed_at: state === 'accepted' ? new Date(now - 2 * DAY_MS) : null,
              version: state === 'draft' ? 1 : 2,
            }
          : {}),
      })
      .execute();
    reports++;
  }
  for (const cycle of [t3, t4]) {
    await recordAudit(trx, {
      actorUserId: adminUserId,
      action: 'cycle.opened',
      objectType: 'reporting_cycle',
      objectId: cycle.id,
      details: { period: cycle.period, source: 'demo' },
    });
  }
  await recordAudit(trx, { actorUserId: adminUserId, action: 'cycle.closed', objectType: 'reporting_cycle', objectId: t3.id, details: { period: t3.period, source: 'demo' } });
  return { cycles: 2, reports };
}

/** The indicator a quarter earlier: a third of the way back towards the baseline. */
function earlier(baseline: number | null, current: number | null): number | null {
  if (current === null) return null;
  if (baseline === null) return current;
  return Math.round((current - (current - baseline) / 3) * 10) / 10;
}
