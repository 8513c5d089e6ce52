import { createRequire } from 'node:module';
import bidiModule from 'bidi-js';
import { resolveDirection, type Direction, type Inline } from '../../shared/rich-text.ts';

/**
 * Lines of mixed French and Arabic for pdfkit. pdfkit lays text out left to right, word by word;
 * Arabic needs the Unicode bidi algorithm (bidi-js) to order runs visually, and fontkit's Arabic
 * shaper to join letters. Each visual run of Arabic is handed to fontkit whole, in logical order,
 * with an explicit feature list: fontkit then shapes it and reverses its glyphs (script "arab"
 * is right to left), while the PDF's ToUnicode map keeps the logical characters, so the text
 * copies out in reading order.
 */

const require = createRequire(import.meta.url);
const FONT_DIR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf').replace(/DejaVuSans\.ttf$/, '');

/** DejaVu Sans covers Latin and Arabic (with its joining forms) in one TrueType file. */
export const FONTS = {
  regular: `${FONT_DIR}DejaVuSans.ttf`,
  bold: `${FONT_DIR}DejaVuSans-Bold.ttf`,
  italic: `${FONT_DIR}DejaVuSans-Oblique.ttf`,
  boldItalic: `${FONT_DIR}DejaVuSans-BoldOblique.ttf`,
} as const;
type FontKey = keyof typeof FONTS;

export function registerFonts(pdf: PDFKit.PDFDocument): void {
  for (const [name, path] of Object.entries(FONTS)) pdf.registerFont(name, path);
}

// bidi-js ships CommonJS with ES-module typings: the factory is the default export at run time.
type BidiFactory = typeof bidiModule.default;
const bidiFactory: BidiFactory = typeof bidiModule === 'function' ? (bidiModule as unknown as BidiFactory) : bidiModule.default;
const bidi = bidiFactory();
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u;
/** Passing features makes pdfkit lay a run out whole (not word by word), so fontkit sees its script. */
const SHAPING = ['rlig', 'liga'];

export interface Piece {
  text: string;
  font: FontKey;
  shaped: boolean;
  width: number;
  href?: string;
  underline?: boolean;
  strike?: boolean;
}

export interface Line {
  pieces: Piece[];
  width: number;
}

interface Char {
  char: string;
  style: Inline;
}

const fontFor = (style: Inline, forced: { bold?: boolean }, arabic: boolean): FontKey => {
  const bold = Boolean(style.bold || forced.bold);
  // DejaVu's oblique faces have no Arabic: Arabic stays upright.
  const italic = Boolean(style.italic) && !arabic;
  return bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
};

const sameStyle = (a: Inline, b: Inline) => a.bold === b.bold && a.italic === b.italic && a.underline === b.underline && a.strike === b.strike && a.href === b.href;

function widthOf(pdf: PDFKit.PDFDocument, text: string, font: FontKey, size: number, shaped: boolean): number {
  pdf.font(font).fontSize(size);
  return pdf.widthOfString(text, shaped ? { features: SHAPING as never } : {});
}

/** Splits a paragraph into lines that fit `width`, each line's runs in visual order. */
export function layoutParagraph(
  pdf: PDFKit.PDFDocument,
  content: readonly Inline[],
  options: { width: number; size: number; dir: Direction; bold?: boolean },
): { lines: Line[]; rtl: boolean } {
  const chars: Char[] = [];
  // One entry per UTF-16 unit, the indices bidi-js works in.
  for (const inline of content) for (let unit = 0; unit < inline.text.length; unit++) chars.push({ char: inline.text[unit]!, style: inline });
  const text = chars.map((c) => c.char).join('');
  const rtl = resolveDirection(options.dir, text) === 'rtl';
  if (chars.length === 0) return { lines: [{ pieces: [], width: 0 }], rtl };

  // Greedy breaking on spaces and hard breaks, measuring each word as it will be drawn.
  const measure = (from: number, to: number): number => {
    let width = 0;
    let start = from;
    for (let index = from + 1; index <= to; index++) {
      if (index === to || !sameStyle(chars[index]!.style, chars[start]!.style)) {
        const part = chars
          .slice(start, index)
          .map((c) => c.char)
          .join('');
        const arabic = ARABIC.test(part);
        width += widthOf(pdf, part, fontFor(chars[start]!.style, options, arabic), options.size, arabic);
        start = index;
      }
    }
    return width;
  };
  const ranges: [number, number][] = [];
  let lineStart = 0;
  let lineWidth = 0;
  let index = 0;
  while (index < chars.length) {
    if (chars[index]!.char === '\n') {
      ranges.push([lineStart, index]);
      lineStart = index + 1;
      lineWidth = 0;
      index++;
      continue;
    }
    let end = index;
    while (end < chars.length && chars[end]!.char !== ' ' && chars[end]!.char !== '\n') end++;
    while (end < chars.length && chars[end]!.char === ' ') end++;
    const wordWidth = measure(index, end);
    if (lineWidth > 0 && lineWidth + wordWidth > options.width) {
      ranges.push([lineStart, index]);
      lineStart = index;
      lineWidth = 0;
    }
    if (wordWidth > options.width) {
      // A word wider than the column (a long name in a narrow cell, a URL) breaks between letters.
      let cut = index;
      while (cut < end) {
        let next = cut + 1;
        while (next < end && measure(cut, next + 1) <= options.width) next++;
        if (next < end) {
          ranges.push([lineStart, next]);
          lineStart = next;
        } else lineWidth = measure(cut, end);
        cut = next;
      }
      index = end;
      continue;
    }
    lineWidth += wordWidth;
    index = end;
  }
  ranges.push([lineStart, chars.length]);

  const lines = ranges.map(([from, to]) => {
    while (to > from && chars[to - 1]!.char === ' ') to--;
    return visualLine(pdf, chars.slice(from, to), rtl, options);
  });
  return { lines, rtl };
}

function visualLine(pdf: PDFKit.PDFDocument, chars: Char[], rtl: boolean, options: { size: number; bold?: boolean }): Line {
  if (chars.length === 0) return { pieces: [], width: 0 };
  const text = chars.map((c) => c.char).join('');
  const embedding = bidi.getEmbeddingLevels(text, rtl ? 'rtl' : 'ltr');
  const order = chars.map((_, i) => i);
  for (const [start, end] of bidi.getReorderSegments(text, embedding) as [number, number][]) {
    const flipped = order.slice(start, end + 1).reverse();
    order.splice(start, flipped.length, ...flipped);
  }
  const levels = embedding.levels;
  // Group visually adjacent characters that are logically adjacent, of one level and one style.
  const groups: number[][] = [];
  for (const position of order) {
    const group = groups[groups.length - 1];
    const last = group?.[group.length - 1];
    const odd = levels[position]! % 2 === 1;
    if (group && last !== undefined && levels[last] === levels[position] && sameStyle(chars[last]!.style, chars[position]!.style) && position === last + (odd ? -1 : 1)) {
      group.push(position);
    } else groups.push([position]);
  }
  const pieces = groups.map((group): Piece => {
    const odd = levels[group[0]!]! % 2 === 1;
    const style = chars[group[0]!]!.style;
    const logical = [...group].sort((a, b) => a - b).map((i) => chars[i]!.char);
    let textOut: string;
    let shaped = false;
    if (odd) {
      const mirrored = logical.map((char) => bidi.getMirroredCharacter(char) ?? char);
      if (ARABIC.test(logical.join(''))) {
        textOut = mirrored.join('');
        shaped = true;
      } else textOut = mirrored.reverse().join('');
    } else textOut = logical.join('');
    const font = fontFor(style, options, shaped);
    return {
      text: textOut,
      font,
      shaped,
      width: widthOf(pdf, textOut, font, options.size, shaped),
      href: style.href,
      underline: style.underline || Boolean(style.href),
      strike: style.strike,
    };
  });
  return { pieces, width: pieces.reduce((sum, piece) => sum + piece.width, 0) };
}

/**
 * pdf.js (and every viewer's copy) reverses a right-to-left run character by character, so a
 * ligature's characters (lam-alef) must sit reversed in the ToUnicode map to come out in order.
 * pdfkit fills that map from fontkit's glyphs; glyphs are shared per font, and such ligatures
 * only ever appear in right-to-left runs, so their code points are reversed once, in place.
 */
const patchedFonts = new WeakSet<object>();
const reversedGlyphs = new WeakSet<object>();
function reverseLigatureText(pdf: PDFKit.PDFDocument): void {
  const font = (pdf as unknown as { _font?: { layoutRun?: (text: string, features?: unknown) => { glyphs: { codePoints: number[] }[] } } })._font;
  if (!font?.layoutRun || patchedFonts.has(font)) return;
  patchedFonts.add(font);
  const layoutRun = font.layoutRun.bind(font);
  font.layoutRun = (text, features) => {
    const run = layoutRun(text, features);
    if (features && ARABIC.test(text)) {
      for (const glyph of run.glyphs) {
        if (glyph.codePoints.length > 1 && !reversedGlyphs.has(glyph)) {
          reversedGlyphs.add(glyph);
          glyph.codePoints = [...glyph.codePoints].reverse();
        }
      }
    }
    return run;
  };
}

/** Draws one laid-out line, right-aligned in a right-to-left paragraph. */
export function drawLine(pdf: PDFKit.PDFDocument, line: Line, x: number, y: number, width: number, align: 'left' | 'right' | 'center', size: number): void {
  let cursor = align === 'right' ? x + width - line.width : align === 'center' ? x + (width - line.width) / 2 : x;
  for (const piece of line.pieces) {
    pdf.font(piece.font).fontSize(size);
    if (piece.shaped) reverseLigatureText(pdf);
    pdf.text(piece.text, cursor, y, {
      lineBreak: false,
      ...(piece.shaped ? { features: SHAPING as never } : {}),
      ...(piece.href ? { link: piece.href } : {}),
      underline: piece.underline,
      strike: piece.strike,
    });
    cursor += piece.width;
  }
}
