import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { DocumentKind, Locale } from '../../db/schema.ts';
import { bodyText, metaOf } from '../../shared/doc-schema.ts';
import { DOCUMENT_LANGUAGES, templateBlocks, templateHeading, templateUpdate } from '../../shared/templates.ts';

const KINDS: DocumentKind[] = ['action_plan', 'cooperation_proposal', 'study', 'minutes', 'note'];
const headings = (kind: DocumentKind, language: Locale) => templateBlocks(kind, language).flatMap((block) => (block.type === 'heading' ? [block.text] : []));

/** Issue 16: new documents get their headings in the document's language. */
describe('templates per language', () => {
  it('writes the action plan in each language', () => {
    expect(headings('action_plan', 'fr')).toEqual(['Contexte', 'Objectifs stratégiques', 'Mesures', 'Suivi et évaluation']);
    expect(headings('action_plan', 'ar')).toEqual(['السياق', 'الأهداف الاستراتيجية', 'التدابير', 'التتبع والتقييم']);
    expect(headings('action_plan', 'en')).toEqual(['Background', 'Strategic objectives', 'Measures', 'Monitoring and evaluation']);
  });

  it.each(KINDS)('%s: the same structure in every language, each in its own script', (kind) => {
    const shape = (language: Locale) => templateBlocks(kind, language).map((block) => block.type);
    for (const language of DOCUMENT_LANGUAGES) expect(shape(language)).toEqual(shape('fr'));
    for (const heading of headings(kind, 'ar')) expect(heading).toMatch(/^[\u0600-\u06FF\s]+$/u);
    for (const heading of headings(kind, 'en')) expect(heading).toMatch(/^[A-Za-z\s-]+$/u);
    // No language borrows another's heading.
    const fr = new Set(headings(kind, 'fr'));
    for (const heading of headings(kind, 'en').filter((h) => h !== 'Budget')) expect(fr.has(heading)).toBe(false);
  });

  it.each(DOCUMENT_LANGUAGES)('stores the %s template, kind and language in the first update', (language) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, templateUpdate('study', [], language));
    expect(metaOf(doc).get('kind')).toBe('study');
    expect(metaOf(doc).get('language')).toBe(language);
    for (const heading of headings('study', language)) expect(bodyText(doc)).toContain(heading);
    doc.destroy();
  });

  it('maps a French heading onto the same place in another language', () => {
    expect(templateHeading('study', 'Méthodologie', 'ar')).toBe('المنهجية');
    expect(templateHeading('cooperation_proposal', 'Partenaires', 'en')).toBe('Partners');
    expect(templateHeading('study', 'Inconnu', 'ar')).toBeNull();
  });
});
