import type { DocumentKind, DocumentStatus, Locale } from '../../db/schema.ts';
import type { MeasureFields } from '../../shared/doc-schema.ts';
import type { RichBlock } from '../../shared/rich-text.ts';
import { formatDate } from '../../shared/format.ts';
import { LABELS as NAMES } from '../../shared/labels.ts';

/**
 * What every exporter renders: a document already read out of its Y.Doc and joined with its SQL
 * metadata, names resolved in the reader's language. Exporters are pure functions of this.
 */
export interface ExportOrganisation {
  id: string;
  code: string;
  nameFr: string;
  nameAr: string;
  nameEn: string;
}

export interface ExportLogo {
  type: 'png' | 'jpg';
  data: Uint8Array;
  width: number;
  height: number;
}

export interface ExportMeasure extends MeasureFields {
  leadName: string;
  partnerNames: string[];
  statusLabel: string;
}

export interface ExportDocument {
  locale: Locale;
  title: string;
  kind: DocumentKind;
  status: DocumentStatus;
  /** a "Projet / مشروع / Draft" watermark until the document is adopted */
  draft: boolean;
  version: string | null;
  /** YYYY-MM-DD, the day of the export */
  date: string;
  leadName: string;
  partnerNames: string[];
  ministry: { nameFr: string; nameAr: string };
  logo: ExportLogo | null;
  blocks: RichBlock[];
  measures: ExportMeasure[];
  /** the first page's facts when they are not a document's (the consolidated report) */
  metadata?: [string, string][];
}

export const WATERMARK = 'Projet / مشروع / Draft';

/** Statuses from which a document no longer carries the draft watermark. */
const FINAL: ReadonlySet<DocumentStatus> = new Set(['adopted', 'in_implementation', 'closed']);

export const organisationName = (organisation: ExportOrganisation | undefined, locale: Locale): string =>
  !organisation ? '—' : locale === 'ar' ? organisation.nameAr : locale === 'en' ? organisation.nameEn : organisation.nameFr;

export interface ModelInput {
  locale: Locale;
  title: string;
  kind: DocumentKind;
  status: DocumentStatus;
  version: string | null;
  date: string;
  leadOrganisationId: string;
  partnerOrganisationIds: readonly string[];
  organisations: ReadonlyMap<string, ExportOrganisation>;
  ministry: { nameFr: string; nameAr: string };
  logo: ExportLogo | null;
  blocks: RichBlock[];
  measures: readonly MeasureFields[];
}

export function buildExportModel(input: ModelInput): ExportDocument {
  const name = (id: string | null) => (id ? organisationName(input.organisations.get(id), input.locale) : '—');
  return {
    locale: input.locale,
    title: input.title,
    kind: input.kind,
    status: input.status,
    draft: !FINAL.has(input.status),
    version: input.version,
    date: input.date,
    leadName: name(input.leadOrganisationId),
    partnerNames: input.partnerOrganisationIds.map(name),
    ministry: input.ministry,
    logo: input.logo,
    blocks: input.blocks,
    measures: input.measures.map((measure) => ({
      ...measure,
      leadName: name(measure.leadOrganisationId),
      partnerNames: measure.partnerOrganisationIds.map(name),
      statusLabel: NAMES[input.locale].measureStatus[measure.status],
    })),
  };
}

const LABELS = {
  fr: {
    document: 'Document',
    title: 'Titre',
    kind: 'Type',
    status: 'Statut',
    version: 'Version',
    date: 'Date',
    lead: 'Organisation chef de file',
    partners: 'Partenaires',
    measures: 'Mesures',
    page: 'Page',
    measure: 'Mesure',
    measureLead: 'Responsable',
    start: 'Début',
    due: 'Échéance',
    progress: 'Avancement',
    indicator: 'Indicateur',
    indicatorBaseline: 'Valeur de référence',
    indicatorTarget: 'Cible',
    indicatorCurrent: 'Valeur actuelle',
    indicatorUnit: 'Unité',
    budget: 'Budget',
    currency: 'Devise',
    id: 'Identifiant',
  },
  ar: {
    document: 'الوثيقة',
    title: 'العنوان',
    kind: 'النوع',
    status: 'الحالة',
    version: 'الصيغة',
    date: 'التاريخ',
    lead: 'الجهة المكلفة بالتنسيق',
    partners: 'الشركاء',
    measures: 'الإجراءات',
    page: 'صفحة',
    measure: 'الإجراء',
    measureLead: 'الجهة المكلفة',
    start: 'البداية',
    due: 'الأجل',
    progress: 'نسبة الإنجاز',
    indicator: 'المؤشر',
    indicatorBaseline: 'القيمة المرجعية',
    indicatorTarget: 'القيمة المستهدفة',
    indicatorCurrent: 'القيمة الحالية',
    indicatorUnit: 'الوحدة',
    budget: 'الميزانية',
    currency: 'العملة',
    id: 'المعرف',
  },
  en: {
    document: 'Document',
    title: 'Title',
    kind: 'Kind',
    status: 'Status',
    version: 'Version',
    date: 'Date',
    lead: 'Lead organisation',
    partners: 'Partners',
    measures: 'Measures',
    page: 'Page',
    measure: 'Measure',
    measureLead: 'Lead',
    start: 'Start',
    due: 'Due',
    progress: 'Progress',
    indicator: 'Indicator',
    indicatorBaseline: 'Baseline',
    indicatorTarget: 'Target',
    indicatorCurrent: 'Current value',
    indicatorUnit: 'Unit',
    budget: 'Budget',
    currency: 'Currency',
    id: 'Id',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type LabelKey = keyof (typeof LABELS)['fr'];
export const label = (locale: Locale, key: LabelKey): string => LABELS[locale][key];

/** The metadata block every format shows on its first page, as label/value pairs. */
export function metadataRows(document: ExportDocument): [string, string][] {
  if (document.metadata) return document.metadata;
  const l = (key: LabelKey) => label(document.locale, key);
  return [
    [l('kind'), NAMES[document.locale].kind[document.kind]],
    [l('status'), NAMES[document.locale].status[document.status]],
    [l('version'), document.version ?? '—'],
    [l('date'), displayDate(document.locale, document.date)],
    [l('lead'), document.leadName],
    [l('partners'), document.partnerNames.join('; ') || '—'],
  ];
}

export const displayDate = (locale: Locale, iso: string | null): string => (iso ? formatDate(locale, iso) : '—');

/** dd/mm/yyyy, as Moroccan administrative tables write dates (and as imports read them back). */
export const shortDate = (iso: string | null): string => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '—');

/** The measures table as rows of text, in one order for every format. */
export function measureColumns(locale: Locale): string[] {
  return (['measure', 'measureLead', 'partners', 'start', 'due', 'status', 'progress', 'indicator', 'budget'] as const).map((key) => label(locale, key));
}

export function measureCells(locale: Locale, measure: ExportMeasure): string[] {
  return [
    measure.title,
    measure.leadName,
    // Semicolons: organisation names hold commas ("Ministère de la Solidarité, de l’Insertion…").
    measure.partnerNames.join('; '),
    shortDate(measure.start),
    shortDate(measure.due),
    measure.statusLabel,
    `${measure.progress} %`,
    measure.indicator,
    measure.budget === null
      ? '—'
      : new Intl.NumberFormat(locale === 'ar' ? 'ar-MA' : locale === 'en' ? 'en-GB' : 'fr-FR', {
          style: 'currency',
          currency: measure.currency,
          currencyDisplay: 'code',
          maximumFractionDigits: 2,
        }).format(measure.budget),
  ];
}

/** A file name safe in every browser and file system: letters, digits, dashes; never empty. */
export function safeFileName(title: string, extension: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${base || 'document'}.${extension}`;
}
