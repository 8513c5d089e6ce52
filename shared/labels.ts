import type { DocumentKind, DocumentStatus, Locale, MeasureStatus } from './enums.ts';

/**
 * Names of the statuses and kinds in the three languages, as they read inside a sentence
 * (lower case in French and English). The web client, the bot and the exports all name them from
 * here; the web client capitalises them where they stand alone (badges, filters).
 */
interface Labels {
  status: Record<DocumentStatus, string>;
  kind: Record<DocumentKind, string>;
  measureStatus: Record<MeasureStatus, string>;
}

export const LABELS: Record<Locale, Labels> = {
  fr: {
    status: {
      draft: 'brouillon',
      in_review: 'en relecture',
      submitted: 'soumis',
      adopted: 'adopté',
      in_implementation: 'en mise en œuvre',
      closed: 'clôturé',
      returned: 'renvoyé',
    },
    kind: {
      action_plan: 'plan d’action',
      cooperation_proposal: 'proposition de coopération',
      study: 'étude',
      minutes: 'procès-verbal',
      note: 'note',
    },
    measureStatus: { planned: 'prévue', in_progress: 'en cours', done: 'réalisée', blocked: 'bloquée', cancelled: 'annulée' },
  },
  ar: {
    status: {
      draft: 'مسودة',
      in_review: 'قيد المراجعة',
      submitted: 'مقدَّمة',
      adopted: 'معتمدة',
      in_implementation: 'قيد التنفيذ',
      closed: 'مغلقة',
      returned: 'مُعادة',
    },
    kind: { action_plan: 'خطة عمل', cooperation_proposal: 'مقترح تعاون', study: 'دراسة', minutes: 'محضر', note: 'مذكرة' },
    measureStatus: { planned: 'مبرمج', in_progress: 'قيد الإنجاز', done: 'منجز', blocked: 'متعثر', cancelled: 'ملغى' },
  },
  en: {
    status: {
      draft: 'draft',
      in_review: 'in review',
      submitted: 'submitted',
      adopted: 'adopted',
      in_implementation: 'in implementation',
      closed: 'closed',
      returned: 'returned',
    },
    kind: { action_plan: 'action plan', cooperation_proposal: 'cooperation proposal', study: 'study', minutes: 'minutes', note: 'note' },
    measureStatus: { planned: 'planned', in_progress: 'in progress', done: 'done', blocked: 'blocked', cancelled: 'cancelled' },
  },
};

/** `{ draft: 'brouillon', … }` as dictionary entries under a prefix: `{ 'status.draft': 'brouillon', … }`. */
export function labelEntries<P extends string, K extends string>(
  prefix: P,
  labels: Record<K, string>,
  shape: (label: string) => string = (label) => label,
): Record<`${P}.${K}`, string> {
  return Object.fromEntries(Object.entries<string>(labels).map(([key, label]) => [`${prefix}.${key}`, shape(label)])) as Record<`${P}.${K}`, string>;
}

/** The first letter in upper case, for a label standing alone. */
export const capitalise = (text: string): string => text.charAt(0).toLocaleUpperCase() + text.slice(1);
