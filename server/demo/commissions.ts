import type { CommissionKind, Decision } from '../../db/schema.ts';

/**
 * The demo's commission work (issue 16), so the sessions screens and the Slack `session` command
 * show content on first start: the interministerial and technical commissions, two bilateral
 * committees, one closed session with its minutes and one planned session in the coming days.
 * Organisations, documents and people are named by code, key and e-mail.
 */

export interface DemoCommission {
  key: string;
  kind: CommissionKind;
  nameFr: string;
  nameAr: string;
  nameEn: string;
  members: string[];
}

export interface DemoAgendaItem {
  document: string;
  title: string;
  presenter: string;
  decision?: { decision: Decision; text?: string; effect: 'moved' | 'noted' | 'blocked' };
}

export interface DemoSession {
  commission: string;
  title: string;
  /** a fixed date (the minutes name it), or days from loading (planned sessions) */
  at: { date: string } | { inDays: number; hour: number };
  location: string;
  state: 'planned' | 'closed';
  /** the minutes document (by key) of a closed session */
  minutes?: string;
  /** who attended a closed session, by e-mail */
  attendees?: string[];
  items: DemoAgendaItem[];
}

/** The ministerial departments that sit with the ministry (`mre`) on the interministerial commission. */
export const INTERMINISTERIAL_DEPARTMENTS: readonly string[] = [
  'education',
  'sante',
  'emploi',
  'justice',
  'culture',
  'jeunesse',
  'affaires-etrangeres',
  'interieur',
  'investissement',
  'finances',
  'habous',
  'enseignement-sup',
  'solidarite',
];

export const DEMO_COMMISSIONS: readonly DemoCommission[] = [
  {
    key: 'interministerielle',
    kind: 'interministerial',
    nameFr: 'Commission interministérielle chargée des affaires des MRE et de la migration',
    nameAr: 'اللجنة الوزارية المكلفة بشؤون مغاربة العالم والهجرة',
    nameEn: 'Interministerial commission on Moroccans abroad and migration',
    members: ['mre', ...INTERMINISTERIAL_DEPARTMENTS],
  },
  {
    key: 'technique',
    kind: 'technical',
    nameFr: 'Commission technique',
    nameAr: 'اللجنة التقنية',
    nameEn: 'Technical commission',
    members: ['mre', 'education', 'sante', 'emploi', 'justice', 'affaires-etrangeres', 'investissement', 'solidarite', 'anapec', 'cnss'],
  },
  {
    key: 'bilateral-allemagne',
    kind: 'bilateral',
    nameFr: 'Comité bilatéral Maroc–Allemagne sur la mobilité',
    nameAr: 'اللجنة الثنائية المغربية الألمانية حول التنقل',
    nameEn: 'Morocco–Germany bilateral committee on mobility',
    members: ['mre', 'de', 'emploi', 'sante', 'anapec'],
  },
  {
    key: 'bilateral-espagne',
    kind: 'bilateral',
    nameFr: 'Comité bilatéral Maroc–Espagne sur la migration',
    nameAr: 'اللجنة الثنائية المغربية الإسبانية حول الهجرة',
    nameEn: 'Morocco–Spain bilateral committee on migration',
    members: ['mre', 'es', 'emploi', 'interieur', 'anapec'],
  },
];

export const DEMO_SESSIONS: readonly DemoSession[] = [
  {
    commission: 'technique',
    title: 'Revue des plans sectoriels — octobre 2026',
    at: { date: '2026-10-15T10:00:00+01:00' },
    location: 'Rabat, siège du ministère',
    state: 'closed',
    minutes: 'pv-commission-technique-octobre',
    attendees: ['secretariat@demo.tansiq.ma', 'sante@demo.tansiq.ma', 'education@demo.tansiq.ma', 'emploi@demo.tansiq.ma', 'justice@demo.tansiq.ma'],
    items: [
      { document: 'plan-sante', title: 'Plan d’action santé des MRE', presenter: 'sante', decision: { decision: 'adopted', effect: 'moved' } },
      {
        document: 'plan-education',
        title: 'Plan d’action éducation',
        presenter: 'education',
        decision: { decision: 'adopted', text: 'Adopté ; rapport d’étape en mars.', effect: 'moved' },
      },
      {
        document: 'plan-justice',
        title: 'Plan d’action justice',
        presenter: 'justice',
        decision: { decision: 'postponed', text: 'Reporté à la prochaine séance, en attente des chiffres des consulats.', effect: 'noted' },
      },
    ],
  },
  {
    commission: 'technique',
    title: 'Examen des propositions de coopération et du plan emploi',
    at: { inDays: 3, hour: 10 },
    location: 'Rabat, salle de la commission',
    state: 'planned',
    items: [
      { document: 'plan-emploi', title: 'Plan d’action emploi des MRE', presenter: 'emploi' },
      { document: 'coop-de-sante', title: 'Coopération Maroc–Allemagne : professionnels de santé', presenter: 'mre' },
      { document: 'plan-justice', title: 'Plan d’action justice (point reporté)', presenter: 'justice' },
    ],
  },
];
