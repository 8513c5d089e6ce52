import type { AccessLevel, DocumentKind, DocumentStatus, Framework, Locale, OrganisationKind, Role } from '../../db/schema.ts';
import type { BlockSpec, MeasureStatus } from '../../shared/doc-schema.ts';

/** Shapes of the demo workspace data. Organisations are named by code; the loader resolves ids. */

export interface DemoOrganisation {
  code: string;
  kind: OrganisationKind;
  nameFr: string;
  nameAr: string;
  nameEn: string;
  /** the organisation's focal point, signing in as `<code>@demo.tansiq.ma` */
  focalPoint: { name: string; locale: Locale };
}

export interface DemoUser {
  email: string;
  name: string;
  organisationCode: string;
  role: Role;
  locale: Locale;
}

export interface DemoMeasure {
  title: string;
  lead: string;
  partners?: string[];
  /** YYYY-MM-DD */
  start: string;
  due: string;
  status: MeasureStatus;
  progress: number;
  indicator: string;
  /** MAD */
  budget: number | null;
}

/**
 * Content per French template heading ('Contexte', 'Objectifs', …; for a document in another
 * language, the heading at the same place in that language's template): the blocks replace the template's
 * empty paragraph under that heading. The key '' fills the content before the first heading
 * (the single paragraph of a note).
 */
export type DemoSections = Record<string, BlockSpec[]>;

export interface DemoDocument {
  /** stable handle, used in logs and tests */
  key: string;
  kind: DocumentKind;
  title: string;
  lead: string;
  /** partner organisations; they get `comment` access unless `access` says otherwise */
  partners: string[];
  framework?: Framework;
  /** the language it is written in (its template's headings, its direction); French by default */
  language?: Locale;
  status: DocumentStatus;
  returnReason?: string;
  /** grants to organisations beyond (or instead of) the partners' default `comment` */
  access?: Record<string, AccessLevel>;
  /** e-mail of the creator; defaults to the lead organisation's focal point */
  author?: string;
  /** created this many days before loading; last edited `editedDaysAgo` days before loading */
  createdDaysAgo: number;
  editedDaysAgo: number;
  archived?: boolean;
  sections: DemoSections;
  /** blocks appended after the template (e.g. an Arabic summary) */
  extra?: BlockSpec[];
  measures?: DemoMeasure[];
}
