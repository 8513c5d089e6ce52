import type { Locale } from '../../db/schema.ts';
import type { AccessSubject } from '../../server/policies/document-access.ts';
import { cycleViewPolicy, reportPolicy } from '../../server/policies/reporting.ts';
import type { SlackSubscriptionObject } from '../../shared/api/slack.ts';
import { unreachable } from '../../shared/unreachable.ts';
import type { PersonalKind } from '../notify/settings.ts';

/**
 * What a follow-up cycle's notice shows, piece by piece, so that who may read it is decided when
 * it is delivered, by the cycle's and reports' policies (server/policies/reporting.ts):
 * - `cycle`: the cycle's period and due date: those who see the cycle (the coordination unit, the
 *   organisations with a report in it, as lead or partner);
 * - `reports`: counts or states of reports (how many are expected, how many were submitted, who
 *   still owes some): those who may read every report counted, i.e. of the whole cycle, or of the
 *   organisations named (`leadOrganisationIds`);
 * - `document`: a consolidated document's title: those who may read that document.
 */
export type CycleReveal = { kind: 'cycle' } | { kind: 'reports'; leadOrganisationIds?: string[] } | { kind: 'document'; id: string };

/** The personal kind (App Home settings) a reminder by direct message belongs to: reports due are deadlines. */
export const CYCLE_REMINDER_KIND: PersonalKind = 'deadlines';

/** What a channel follows to hear of a cycle: a commission, an organisation, a document. */
export interface FollowedObject {
  type: SlackSubscriptionObject;
  id: string;
}

/**
 * What the notice's row keeps besides the message: the channel's language (for the minimal
 * notice), what the message reveals, and (for a channel) what it followed to be told, so that a
 * channel which unsubscribed or was paused since gets nothing.
 */
export interface CycleNoticeAudience {
  locale: Locale;
  reveals: CycleReveal[];
  followed?: FollowedObject[];
}

/**
 * Everything a channel may follow to hear of a cycle: its commission, the lead organisations and
 * the documents of its reports, and (a cycle without a commission) the commissions those
 * organisations sit on. For rows queued before notices kept what they followed.
 */
export function cycleFollowed(
  cycle: { commission_id: string | null },
  reports: ReadonlyArray<{ document_id: string; lead_organisation_id: string | null }>,
  commissionsOfLeads: readonly string[] = [],
): FollowedObject[] {
  const leads = [...new Set(reports.map((report) => report.lead_organisation_id).filter((id): id is string => id !== null))];
  return [
    ...(cycle.commission_id ? [cycle.commission_id] : commissionsOfLeads).map((id) => ({ type: 'commission' as const, id })),
    ...leads.map((id) => ({ type: 'organisation' as const, id })),
    ...[...new Set(reports.map((report) => report.document_id))].map((id) => ({ type: 'document' as const, id })),
  ];
}

/** A report of the cycle, as its policy needs it. */
export interface ReportOrganisations {
  lead_organisation_id: string | null;
  partner_organisation_ids: readonly string[];
}

/**
 * Whether one person may read everything a notice reveals. `mayReadDocument` answers for a
 * document (the document's own access rule); the rest is decided here from the cycle's reports.
 */
export async function mayReadCycleNotice(
  subject: AccessSubject,
  reports: readonly ReportOrganisations[],
  reveals: readonly CycleReveal[],
  mayReadDocument: (subject: AccessSubject, documentId: string) => Promise<boolean>,
): Promise<boolean> {
  const organisationIds = reports.flatMap((report) => [report.lead_organisation_id, ...report.partner_organisation_ids]).filter((id): id is string => id !== null);
  if (!cycleViewPolicy.decide(subject, 'view', { organisationIds }).allowed) return false;
  const mayReadReport = (report: ReportOrganisations) =>
    reportPolicy.decide(subject, 'view', { leadOrganisationId: report.lead_organisation_id, partnerOrganisationIds: report.partner_organisation_ids }).allowed;
  for (const reveal of reveals) {
    switch (reveal.kind) {
      case 'cycle':
        break;
      case 'reports': {
        const named = reveal.leadOrganisationIds;
        const counted = named ? reports.filter((report) => report.lead_organisation_id !== null && named.includes(report.lead_organisation_id)) : reports;
        if (!counted.every(mayReadReport)) return false;
        break;
      }
      case 'document':
        if (!(await mayReadDocument(subject, reveal.id))) return false;
        break;
      default:
        return unreachable(reveal);
    }
  }
  return true;
}
