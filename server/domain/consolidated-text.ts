import type { Locale } from '../../shared/enums.ts';

/**
 * The words of a cycle's consolidated report in each document language (issue 19, "fr, ar and en
 * throughout"): the secretariat closing a cycle from the Arabic or English interface gets the
 * report in that language, like the minutes (minutes-text.ts). Names come from the directory in
 * the same language.
 */
export interface ConsolidatedText {
  /** Intl locale for dates and name sorting: Arabic with Latin digits, as the ministry writes them */
  dateLocale: string;
  title: (period: string, commission: string | null) => string;
  cycleLine: (period: string, opened: string, due: string, closed: string) => string;
  completeness: string;
  submittedOf: (submitted: number, expected: number, bar: string) => string;
  noOrganisation: string;
  organisationLine: (name: string, bar: string, submitted: number, draft: number, notStarted: number, total: number) => string;
  progressByPlan: string;
  noPlan: string;
  noProgress: string;
  planLine: (title: string, progress: string) => string;
  noStatus: string;
  progressNotReported: string;
  indicator: (current: number, target: number | null, unit: string) => string;
  notSubmitted: string;
  measureLine: (title: string, lead: string, status: string, progress: string, indicator: string, unreported: string) => string;
  overdue: string;
  blocked: string;
  support: string;
  /** "none" after a heading: masculine/feminine forms differ in French */
  noneFeminine: string;
  noneMasculine: string;
  /** "Measure (Organisation)" and "Measure (Organisation): text" */
  named: (measure: string, organisation: string, text?: string) => string;
  statuses: Record<string, string>;
}

export const CONSOLIDATED_TEXT: Record<Locale, ConsolidatedText> = {
  fr: {
    dateLocale: 'fr-FR',
    title: (period, commission) => `Rapport consolidé de suivi — ${period}${commission ? ` — ${commission}` : ''}`,
    cycleLine: (period, opened, due, closed) => `Cycle de suivi ${period} : ouvert le ${opened}, échéance le ${due}, clos le ${closed}.`,
    completeness: 'Complétude',
    submittedOf: (submitted, expected, bar) => `${submitted} rapport${submitted > 1 ? 's' : ''} remis sur ${expected} attendu${expected > 1 ? 's' : ''} — ${bar}`,
    noOrganisation: 'Aucune organisation concernée.',
    organisationLine: (name, bar, submitted, draft, notStarted, total) => `${name} : ${bar} (${submitted} remis, ${draft} en brouillon, ${notStarted} non commencés, sur ${total})`,
    progressByPlan: 'Avancement par plan',
    noPlan: 'Aucun plan dans le périmètre.',
    noProgress: 'aucun avancement déclaré',
    planLine: (title, progress) => `${title} : ${progress}`,
    noStatus: 'sans statut',
    progressNotReported: 'avancement non déclaré',
    indicator: (current, target, unit) => ` ; indicateur ${current}${target === null ? '' : ` / ${target}`}${unit ? ` ${unit}` : ''}`,
    notSubmitted: ' (rapport non remis)',
    measureLine: (title, lead, status, progress, indicator, unreported) => `${title} — ${lead} : ${status}, ${progress}${indicator}${unreported}`,
    overdue: 'Mesures en retard',
    blocked: 'Mesures bloquées et obstacles',
    support: 'Appui demandé',
    noneFeminine: 'Aucune.',
    noneMasculine: 'Aucun.',
    named: (measure, organisation, text) => `${measure} (${organisation})${text ? ` : ${text}` : ''}`,
    statuses: { planned: 'Prévue', in_progress: 'En cours', done: 'Réalisée', blocked: 'Bloquée', cancelled: 'Annulée' },
  },
  ar: {
    dateLocale: 'ar-MA',
    title: (period, commission) => `التقرير التركيبي للتتبع — ${period}${commission ? ` — ${commission}` : ''}`,
    cycleLine: (period, opened, due, closed) => `دورة التتبع ${period}: فُتحت في ${opened}، وأجل الإيداع ${due}، وأُغلقت في ${closed}.`,
    completeness: 'نسبة الإنجاز',
    submittedOf: (submitted, expected, bar) => `${submitted} تقرير(ا) مقدَّم من أصل ${expected} — ${bar}`,
    noOrganisation: 'لا توجد هيئة معنية.',
    organisationLine: (name, bar, submitted, draft, notStarted, total) => `${name}: ${bar} (${submitted} مقدَّم، ${draft} قيد الإعداد، ${notStarted} لم يبدأ، من أصل ${total})`,
    progressByPlan: 'التقدم حسب المخطط',
    noPlan: 'لا يوجد مخطط ضمن النطاق.',
    noProgress: 'لم يُصرَّح بأي تقدم',
    planLine: (title, progress) => `${title}: ${progress}`,
    noStatus: 'بدون وضعية',
    progressNotReported: 'التقدم غير مصرَّح به',
    indicator: (current, target, unit) => `؛ المؤشر ${current}${target === null ? '' : ` / ${target}`}${unit ? ` ${unit}` : ''}`,
    notSubmitted: ' (لم يُقدَّم التقرير)',
    measureLine: (title, lead, status, progress, indicator, unreported) => `${title} — ${lead}: ${status}، ${progress}${indicator}${unreported}`,
    overdue: 'التدابير المتأخرة',
    blocked: 'التدابير المتعثرة والعوائق',
    support: 'الدعم المطلوب',
    noneFeminine: 'لا شيء.',
    noneMasculine: 'لا شيء.',
    named: (measure, organisation, text) => `${measure} (${organisation})${text ? `: ${text}` : ''}`,
    statuses: { planned: 'مبرمج', in_progress: 'قيد الإنجاز', done: 'منجز', blocked: 'متعثر', cancelled: 'ملغى' },
  },
  en: {
    dateLocale: 'en-GB',
    title: (period, commission) => `Consolidated follow-up report — ${period}${commission ? ` — ${commission}` : ''}`,
    cycleLine: (period, opened, due, closed) => `Follow-up cycle ${period}: opened on ${opened}, due on ${due}, closed on ${closed}.`,
    completeness: 'Completeness',
    submittedOf: (submitted, expected, bar) => `${submitted} report${submitted === 1 ? '' : 's'} submitted of ${expected} expected — ${bar}`,
    noOrganisation: 'No organisation concerned.',
    organisationLine: (name, bar, submitted, draft, notStarted, total) => `${name}: ${bar} (${submitted} submitted, ${draft} in draft, ${notStarted} not started, of ${total})`,
    progressByPlan: 'Progress by plan',
    noPlan: 'No plan in scope.',
    noProgress: 'no progress reported',
    planLine: (title, progress) => `${title}: ${progress}`,
    noStatus: 'no status',
    progressNotReported: 'progress not reported',
    indicator: (current, target, unit) => `; indicator ${current}${target === null ? '' : ` / ${target}`}${unit ? ` ${unit}` : ''}`,
    notSubmitted: ' (report not submitted)',
    measureLine: (title, lead, status, progress, indicator, unreported) => `${title} — ${lead}: ${status}, ${progress}${indicator}${unreported}`,
    overdue: 'Overdue measures',
    blocked: 'Blocked measures and obstacles',
    support: 'Support requested',
    noneFeminine: 'None.',
    noneMasculine: 'None.',
    named: (measure, organisation, text) => `${measure} (${organisation})${text ? `: ${text}` : ''}`,
    statuses: { planned: 'Planned', in_progress: 'In progress', done: 'Done', blocked: 'Blocked', cancelled: 'Cancelled' },
  },
};
