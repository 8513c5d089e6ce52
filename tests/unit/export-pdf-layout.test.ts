import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { layoutParagraph, registerFonts } from '../../server/export/pdf-text.ts';

const pdf = () => {
  const document = new PDFDocument({ size: 'A4', margin: 0 });
  registerFonts(document);
  return document;
};

describe('PDF line layout', () => {
  it('orders a mixed Arabic and French line visually, handing Arabic runs to the shaper in logical order', () => {
    const { lines, rtl } = layoutParagraph(pdf(), [{ text: 'تقرير Tansiq لسنة 2026' }], { width: 1000, size: 10, dir: 'auto' });
    expect(rtl).toBe(true);
    // Left to right on the page: the year, the Arabic before it, the Latin name, the first Arabic word.
    expect(lines[0]!.pieces.map((piece) => [piece.text, piece.shaped])).toEqual([
      ['2026', false],
      [' لسنة ', true],
      ['Tansiq', false],
      ['تقرير ', true],
    ]);
  });

  it('wraps within the width and breaks a word wider than the column', () => {
    const { lines } = layoutParagraph(pdf(), [{ text: 'Haut-Commissariat des Nations unies pour les réfugiés' }], { width: 60, size: 10, dir: 'ltr' });
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(60.01);
    expect(
      lines
        .map((line) => line.pieces.map((piece) => piece.text).join(''))
        .join('')
        .replace(/\s/g, ''),
    ).toBe('Haut-CommissariatdesNationsuniespourlesréfugiés');
  });
});
