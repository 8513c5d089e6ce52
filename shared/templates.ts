import * as Y from 'yjs';
import type { DocumentKind, Locale } from './enums.ts';
import { appendBlocks, metaOf, type BlockSpec } from './doc-schema.ts';

/**
 * The starting content of a new document, per kind and per language (the document's, chosen at
 * creation). Written once by the server when the document is created — never by clients, which
 * would duplicate it after every restart.
 */
const TEMPLATES: Record<Locale, Record<DocumentKind, BlockSpec[]>> = {
  fr: {
    action_plan: [
      { type: 'heading', level: 2, text: 'Contexte' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'Objectifs stratégiques' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'Mesures' },
      { type: 'paragraph', text: 'Les mesures du plan sont suivies dans le tableau des mesures.' },
      { type: 'heading', level: 2, text: 'Suivi et évaluation' },
      { type: 'paragraph', text: '' },
    ],
    cooperation_proposal: [
      { type: 'heading', level: 2, text: 'Contexte' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'Objectifs' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'Partenaires' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'Budget' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'Suivi' },
      { type: 'paragraph', text: '' },
    ],
    study: [
      { type: 'heading', level: 2, text: 'Problématique' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'Méthodologie' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'Résultats' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'Recommandations' },
      { type: 'paragraph', text: '' },
    ],
    minutes: [
      { type: 'heading', level: 2, text: 'Présents' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'Ordre du jour' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'Décisions' },
      { type: 'paragraph', text: '' },
    ],
    note: [{ type: 'paragraph', text: '' }],
  },
  ar: {
    action_plan: [
      { type: 'heading', level: 2, text: 'السياق' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'الأهداف الاستراتيجية' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'التدابير' },
      { type: 'paragraph', text: 'تُتابَع تدابير المخطط في جدول التدابير.' },
      { type: 'heading', level: 2, text: 'التتبع والتقييم' },
      { type: 'paragraph', text: '' },
    ],
    cooperation_proposal: [
      { type: 'heading', level: 2, text: 'السياق' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'الأهداف' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'الشركاء' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'الميزانية' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'التتبع' },
      { type: 'paragraph', text: '' },
    ],
    study: [
      { type: 'heading', level: 2, text: 'الإشكالية' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'المنهجية' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'النتائج' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'التوصيات' },
      { type: 'paragraph', text: '' },
    ],
    minutes: [
      { type: 'heading', level: 2, text: 'الحاضرون' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'جدول الأعمال' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'القرارات' },
      { type: 'paragraph', text: '' },
    ],
    note: [{ type: 'paragraph', text: '' }],
  },
  en: {
    action_plan: [
      { type: 'heading', level: 2, text: 'Background' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'Strategic objectives' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'Measures' },
      { type: 'paragraph', text: 'The measures of the plan are followed in the measures table.' },
      { type: 'heading', level: 2, text: 'Monitoring and evaluation' },
      { type: 'paragraph', text: '' },
    ],
    cooperation_proposal: [
      { type: 'heading', level: 2, text: 'Background' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'Objectives' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'Partners' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'Budget' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'Follow-up' },
      { type: 'paragraph', text: '' },
    ],
    study: [
      { type: 'heading', level: 2, text: 'Problem statement' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'Methodology' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'Findings' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'Recommendations' },
      { type: 'paragraph', text: '' },
    ],
    minutes: [
      { type: 'heading', level: 2, text: 'Attendees' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'Agenda' },
      { type: 'paragraph', text: '' },
      { type: 'heading', level: 2, text: 'Decisions' },
      { type: 'paragraph', text: '' },
    ],
    note: [{ type: 'paragraph', text: '' }],
  },
};

export const DOCUMENT_LANGUAGES: readonly Locale[] = ['fr', 'ar', 'en'];

export function templateBlocks(kind: DocumentKind, language: Locale = 'fr'): readonly BlockSpec[] {
  return TEMPLATES[language][kind];
}

/**
 * The heading of `language`'s template at the place `frenchHeading` has in the French one
 * ("Contexte" → "السياق"): content written against the French headings lands in any language.
 */
export function templateHeading(kind: DocumentKind, frenchHeading: string, language: Locale): string | null {
  const headings = (blocks: readonly BlockSpec[]) => blocks.flatMap((block) => (block.type === 'heading' ? [block.text] : []));
  const index = headings(TEMPLATES.fr[kind]).indexOf(frenchHeading);
  return index < 0 ? null : (headings(TEMPLATES[language][kind])[index] ?? null);
}

/** The template as one Yjs update (what the server stores as the document's first entry). */
export function templateUpdate(kind: DocumentKind, extraBlocks: readonly BlockSpec[] = [], language: Locale = 'fr'): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    appendBlocks(doc, [...TEMPLATES[language][kind], ...extraBlocks]);
    metaOf(doc).set('kind', kind);
    metaOf(doc).set('language', language);
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
