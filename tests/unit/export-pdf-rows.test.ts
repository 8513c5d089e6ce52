import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { completeMeasure } from '../../shared/measure-model.ts';
import { buildExportModel, type ExportOrganisation } from '../../server/export/model.ts';
import { renderPdf } from '../../server/export/pdf.ts';

const PAGE_HEIGHT = 841.89;
const BOTTOM_MARGIN = 64;

/** Every text item of every page, with its baseline height from the page's bottom edge. */
async function pdfItems(data: Uint8Array): Promise<{ page: number; text: string; y: number }[][]> {
  const pdf = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: { page: number; text: string; y: number }[][] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const content = await (await pdf.getPage(number)).getTextContent();
    pages.push(content.items.flatMap((item) => ('str' in item && item.str.trim() ? [{ page: number, text: item.str, y: item.transform[5] as number }] : [])));
  }
  await pdf.destroy();
  return pages;
}

const organisations = new Map<string, ExportOrganisation>([
  ['o1', { id: 'o1', code: 'sante', nameFr: 'Ministère de la Santé', nameAr: 'وزارة الصحة', nameEn: 'Ministry of Health' }],
]);

function planWith(measureTitles: string[]) {
  return buildExportModel({
    locale: 'fr',
    title: 'Plan long',
    kind: 'action_plan',
    status: 'draft',
    version: null,
    date: '2026-12-05',
    leadOrganisationId: 'o1',
    partnerOrganisationIds: [],
    organisations,
    ministry: { nameFr: 'Ministère', nameAr: 'الوزارة' },
    logo: null,
    blocks: [],
    measures: measureTitles.map((title, index) => completeMeasure({ id: `m${index}`, title, leadOrganisationId: 'o1' })),
  });
}

describe('PDF measures table across pages', () => {
  it('splits a measure taller than a page at a line, repeats the header row, and keeps every word once, in order, above the bottom margin', async () => {
    const words = Array.from({ length: 900 }, (_, index) => `mot${index}`);
    const pages = await pdfItems(await renderPdf(planWith(['Mesure courte', words.join(' ')])));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const found = pages.flat().flatMap((item) =>
      item.text
        .split(/\s+/)
        .filter((word) => /^mot\d+$/.test(word))
        .map((word) => ({ word, item })),
    );
    expect(found.map(({ word }) => word)).toEqual(words);
    // The long row starts on the first page after the short one and goes on over several pages.
    const pagesOfRow = new Set(found.map(({ item }) => item.page));
    expect(pagesOfRow.size).toBeGreaterThanOrEqual(3);
    for (const { item } of found) expect(item.y).toBeGreaterThan(BOTTOM_MARGIN);
    for (const page of [...pagesOfRow].slice(1)) {
      // The header row is drawn again above the continued row.
      const header = pages[page - 1]!.find((item) => item.text === 'Échéance');
      expect(header, `header on page ${page}`).toBeDefined();
      const firstWord = found.find(({ item }) => item.page === page)!.item;
      expect(header!.y).toBeGreaterThan(firstWord.y);
      expect(header!.y).toBeLessThan(PAGE_HEIGHT);
    }
  });

  it('moves a row that fits on a page to the next page whole rather than cutting it', async () => {
    const filler = Array.from({ length: 38 }, (_, index) => `Mesure ${index}`);
    const tall = Array.from({ length: 120 }, (_, index) => `bloc${index}`).join(' ');
    const pages = await pdfItems(await renderPdf(planWith([...filler, tall])));
    const pagesOfRow = new Set(
      pages
        .flat()
        .filter((item) => /bloc\d+/.test(item.text))
        .map((item) => item.page),
    );
    expect(pagesOfRow.size).toBe(1);
  });
});
