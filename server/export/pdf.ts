import PDFDocument from 'pdfkit';
import { inlinePlain, type Inline, type RichBlock } from '../../shared/rich-text.ts';
import { decodeImageSource, fitImage } from './image.ts';
import { displayDate, label, measureCells, measureColumns, metadataRows, WATERMARK, type ExportDocument } from './model.ts';
import { drawLine, layoutParagraph, registerFonts, type Line } from './pdf-text.ts';

/**
 * PDF export with pdfkit: A4, the ministry's header on the first page, page numbers and the date
 * in every footer, the draft watermark across every page until adoption. The flow is laid out
 * here (pdfkit's own wrapping knows no bidi), so pdfkit's margins are zero and it never breaks
 * pages by itself.
 */

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 56, bottom: 64, side: 56 };
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN.side;
const BODY_SIZE = 10.5;
const HEADING_SIZE = { 1: 17, 2: 14, 3: 12 } as const;
const leading = (size: number) => size * 1.45;

class Flow {
  y = MARGIN.top;
  /** tables read from the right in an Arabic export: first column on the right */
  constructor(
    readonly pdf: PDFKit.PDFDocument,
    readonly rtl = false,
  ) {}

  get bottom() {
    return PAGE.height - MARGIN.bottom;
  }

  ensure(height: number): void {
    if (this.y + height > this.bottom && this.y > MARGIN.top) this.newPage();
  }

  newPage(): void {
    this.pdf.addPage({ size: 'A4', margin: 0 });
    this.y = MARGIN.top;
  }

  paragraph(
    content: readonly Inline[],
    options: { dir: 'ltr' | 'rtl' | 'auto'; size?: number; bold?: boolean; indent?: number; marker?: string; after?: number; align?: 'center' },
  ): void {
    const size = options.size ?? BODY_SIZE;
    const indent = options.indent ?? 0;
    const width = CONTENT_WIDTH - indent;
    const { lines, rtl } = layoutParagraph(this.pdf, content, { width, size, dir: options.dir, bold: options.bold });
    const x = rtl ? MARGIN.side : MARGIN.side + indent;
    lines.forEach((line, index) => {
      this.ensure(leading(size));
      if (index === 0 && options.marker) {
        this.pdf.font('regular').fontSize(size);
        const markerWidth = this.pdf.widthOfString(options.marker);
        this.pdf.text(options.marker, rtl ? MARGIN.side + width + 4 : x - markerWidth - 4, this.y, { lineBreak: false });
      }
      drawLine(this.pdf, line, x, this.y, width, options.align ?? (rtl ? 'right' : 'left'), size);
      this.y += leading(size);
    });
    this.y += options.after ?? size * 0.6;
  }

  /** A table of cells already reduced to paragraphs; `repeat` rows are redrawn after a page break. */
  table(rows: { cells: { content: Inline[]; bold?: boolean; fill?: boolean }[] }[], givenWidths: number[], options: { size?: number; repeat?: number; after?: number } = {}): void {
    const size = options.size ?? 8.5;
    if (this.rtl) rows = rows.map((row) => ({ cells: [...row.cells].reverse() }));
    const widths = this.rtl ? [...givenWidths].reverse() : givenWidths;
    const pad = 3;
    const laid = rows.map((row) =>
      row.cells.map((cell, index) => {
        // In an Arabic export, a cell without Latin letters (a dash, a number) sits on the right too.
        const dir = this.rtl && !/[A-Za-z\u00C0-\u024F]/.test(inlinePlain(cell.content)) ? 'rtl' : 'auto';
        const { lines, rtl } = layoutParagraph(this.pdf, cell.content, { width: widths[index]! - 2 * pad, size, dir, bold: cell.bold });
        return { lines, rtl, fill: cell.fill };
      }),
    );
    const heightOf = (cells: { lines: Line[] }[]) => Math.max(...cells.map((cell) => cell.lines.length)) * leading(size) + 2 * pad;
    const draw = (cells: (typeof laid)[number]) => {
      const height = heightOf(cells);
      let x = MARGIN.side;
      cells.forEach((cell, index) => {
        const width = widths[index]!;
        if (cell.fill) this.pdf.save().rect(x, this.y, width, height).fill('#e8edf3').restore();
        this.pdf.save().lineWidth(0.5).strokeColor('#8a94a3').rect(x, this.y, width, height).stroke().restore();
        cell.lines.forEach((line, lineIndex) => {
          drawLine(this.pdf, line, x + pad, this.y + pad + lineIndex * leading(size), width - 2 * pad, cell.rtl ? 'right' : 'left', size);
        });
        x += width;
      });
      this.y += height;
    };
    const repeat = laid.slice(0, options.repeat ?? 0);
    const lineHeight = leading(size);
    laid.forEach((cells, index) => {
      let rest = cells;
      // The top of a page's rows (under its repeated header): a row that does not fit there is split.
      let pageTop = -1;
      const breakPage = () => {
        this.newPage();
        if (index >= repeat.length) repeat.forEach(draw);
        pageTop = this.y;
      };
      for (;;) {
        if (this.y + heightOf(rest) <= this.bottom) break;
        const fitting = Math.floor((this.bottom - this.y - 2 * pad) / lineHeight);
        const freshPage = this.y === pageTop || this.y <= MARGIN.top;
        // A row that fits on the next page moves there whole; a taller one is cut at a line and
        // goes on under the repeated header, so no text runs past the bottom margin.
        const fitsOnAPage = heightOf(rest) <= this.bottom - MARGIN.top - repeat.reduce((sum, row) => sum + heightOf(row), 0);
        if (!freshPage && (fitsOnAPage || fitting < 3)) {
          breakPage();
          continue;
        }
        const cut = Math.max(1, fitting);
        draw(rest.map((cell) => ({ ...cell, lines: cell.lines.slice(0, cut) })));
        rest = rest.map((cell) => ({ ...cell, lines: cell.lines.slice(cut) }));
        if (rest.every((cell) => cell.lines.length === 0)) return;
        breakPage();
      }
      draw(rest);
    });
    this.y += options.after ?? BODY_SIZE;
  }
}

function cellInlines(blocks: readonly RichBlock[]): Inline[] {
  const out: Inline[] = [];
  const walk = (list: readonly RichBlock[]) => {
    for (const block of list) {
      if (block.type === 'paragraph' || block.type === 'heading') {
        if (out.length > 0) out.push({ text: '\n' });
        out.push(...block.content);
      } else if (block.type === 'list') block.items.forEach(walk);
      else if (block.type === 'blockquote') walk(block.blocks);
      else if (block.type === 'table') for (const row of block.rows) for (const cell of row) walk(cell.blocks);
    }
  };
  walk(blocks);
  return out;
}

function renderBlocks(flow: Flow, blocks: readonly RichBlock[], depth = 0): void {
  for (const block of blocks) {
    switch (block.type) {
      case 'heading':
        flow.ensure(leading(HEADING_SIZE[block.level]) * 2);
        flow.y += 4;
        flow.paragraph(block.content, { dir: block.dir, size: HEADING_SIZE[block.level], bold: true, after: 4 });
        break;
      case 'paragraph':
        flow.paragraph(block.content, { dir: block.dir, indent: depth * 18 });
        break;
      case 'list':
        block.items.forEach((item, index) => {
          item.forEach((child, childIndex) => {
            if (childIndex === 0 && (child.type === 'paragraph' || child.type === 'heading')) {
              flow.paragraph(child.content, { dir: child.dir, indent: (depth + 1) * 18, marker: block.ordered ? `${index + 1}.` : '•', after: 2 });
            } else renderBlocks(flow, [child], depth + 1);
          });
        });
        flow.y += 4;
        break;
      case 'table': {
        const columns = Math.max(1, ...block.rows.map((row) => row.reduce((sum, cell) => sum + cell.colspan, 0)));
        const rows = block.rows.map((row) => ({ cells: row.map((cell) => ({ content: cellInlines(cell.blocks), bold: cell.header, fill: cell.header })) }));
        const widths = block.rows.map((row) => row.map((cell) => (CONTENT_WIDTH / columns) * cell.colspan));
        // Rows of one table may span differently; draw row by row with each row's own widths.
        for (const [index, row] of rows.entries()) flow.table([row], widths[index]!, { size: 9, after: index === rows.length - 1 ? BODY_SIZE : 0 });
        break;
      }
      case 'blockquote':
        renderBlocks(flow, block.blocks, depth + 1);
        break;
      case 'image': {
        const image = decodeImageSource(block.src);
        // pdfkit draws PNG and JPEG; a GIF or WebP (or a false source) leaves its description.
        if (!image || (image.type !== 'png' && image.type !== 'jpg')) {
          if (block.alt) flow.paragraph([{ text: `[${block.alt}]`, italic: true }], { dir: 'auto', indent: depth * 18 });
          break;
        }
        // Pixels at 96 per inch, in points; never wider than the column nor taller than a page.
        const size = fitImage(
          { width: image.width * 0.75, height: image.height * 0.75 },
          { width: block.width && block.width * 0.75, height: block.height && block.height * 0.75 },
          { width: CONTENT_WIDTH, height: PAGE.height - MARGIN.top - MARGIN.bottom - 12 },
        );
        flow.ensure(size.height + 8);
        flow.pdf.image(image.data, MARGIN.side + (CONTENT_WIDTH - size.width) / 2, flow.y + 4, { width: size.width, height: size.height });
        flow.y += size.height + 12;
        break;
      }
      case 'rule':
        flow.ensure(12);
        flow.pdf
          .save()
          .moveTo(MARGIN.side, flow.y + 4)
          .lineTo(PAGE.width - MARGIN.side, flow.y + 4)
          .lineWidth(0.5)
          .stroke('#999999')
          .restore();
        flow.y += 12;
        break;
    }
  }
}

function firstPage(flow: Flow, document: ExportDocument): void {
  const pdf = flow.pdf;
  if (document.logo) {
    pdf.image(Buffer.from(document.logo.data), PAGE.width / 2 - 45, flow.y, { fit: [90, 70], align: 'center' });
    flow.y += 76;
  }
  const top = flow.y;
  const half = CONTENT_WIDTH / 2 - 8;
  const fr = layoutParagraph(pdf, [{ text: document.ministry.nameFr }], { width: half, size: 10, dir: 'ltr', bold: true });
  const ar = layoutParagraph(pdf, [{ text: document.ministry.nameAr }], { width: half, size: 11, dir: 'rtl', bold: true });
  for (const [index, line] of fr.lines.entries()) drawLine(pdf, line, MARGIN.side, top + index * leading(10), half, 'left', 10);
  for (const [index, line] of ar.lines.entries()) drawLine(pdf, line, PAGE.width - MARGIN.side - half, top + index * leading(11), half, 'right', 11);
  flow.y = top + Math.max(fr.lines.length * leading(10), ar.lines.length * leading(11)) + 10;
  pdf
    .save()
    .moveTo(MARGIN.side, flow.y)
    .lineTo(PAGE.width - MARGIN.side, flow.y)
    .lineWidth(1)
    .stroke('#1f4e79')
    .restore();
  flow.y += 28;
  flow.paragraph([{ text: document.title }], { dir: 'auto', size: 19, bold: true, align: 'center', after: 18 });
  flow.table(
    metadataRows(document).map(([key, value]) => ({ cells: [{ content: [{ text: key }], bold: true, fill: true }, { content: [{ text: value }] }] })),
    [CONTENT_WIDTH * 0.3, CONTENT_WIDTH * 0.7],
    { size: 9.5 },
  );
  flow.y += 8;
}

function measures(flow: Flow, document: ExportDocument): void {
  if (document.measures.length === 0) return;
  flow.ensure(80);
  flow.paragraph([{ text: label(document.locale, 'measures') }], { dir: document.locale === 'ar' ? 'rtl' : 'ltr', size: HEADING_SIZE[2], bold: true });
  const share = [0.19, 0.12, 0.15, 0.1, 0.1, 0.08, 0.065, 0.11, 0.085];
  const header = { cells: measureColumns(document.locale).map((text) => ({ content: [{ text }], bold: true, fill: true })) };
  const rows = document.measures.map((measure) => ({ cells: measureCells(document.locale, measure).map((text) => ({ content: [{ text }] })) }));
  flow.table(
    [header, ...rows],
    share.map((s) => s * CONTENT_WIDTH),
    { size: 7, repeat: 1 },
  );
}

function decorate(pdf: PDFKit.PDFDocument, document: ExportDocument): void {
  const range = pdf.bufferedPageRange();
  const date = displayDate(document.locale, document.date);
  for (let index = range.start; index < range.start + range.count; index++) {
    pdf.switchToPage(index);
    const footer = layoutParagraph(pdf, [{ text: `${label(document.locale, 'page')} ${index + 1} / ${range.count}  ·  ${date}  ·  ${document.title}` }], {
      width: CONTENT_WIDTH,
      size: 8,
      dir: document.locale === 'ar' ? 'rtl' : 'ltr',
    });
    pdf.fillColor('#5b6470');
    drawLine(pdf, footer.lines[0]!, MARGIN.side, PAGE.height - MARGIN.bottom + 24, CONTENT_WIDTH, 'center', 8);
    pdf.fillColor('black');
    if (document.draft) {
      const mark = layoutParagraph(pdf, [{ text: WATERMARK }], { width: 2000, size: 54, dir: 'ltr', bold: true });
      pdf.save();
      pdf.fillColor('#9aa3ad').fillOpacity(0.18);
      pdf.rotate(-45, { origin: [PAGE.width / 2, PAGE.height / 2] });
      drawLine(pdf, mark.lines[0]!, PAGE.width / 2 - mark.lines[0]!.width / 2, PAGE.height / 2 - 27, mark.lines[0]!.width, 'left', 54);
      pdf.restore();
    }
  }
}

export function renderPdf(document: ExportDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 0,
    bufferPages: true,
    autoFirstPage: true,
    info: {
      Title: document.title,
      Author: document.leadName,
      Subject: metadataRows(document)
        .map(([key, value]) => `${key}: ${value}`)
        .join(' · '),
      Creator: 'Tansiq',
      Keywords: `${document.kind} ${document.status}`,
    },
    lang: document.locale,
  } as PDFKit.PDFDocumentOptions);
  registerFonts(pdf);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const flow = new Flow(pdf, document.locale === 'ar');
  firstPage(flow, document);
  renderBlocks(flow, document.blocks);
  measures(flow, document);
  decorate(pdf, document);
  pdf.end();
  return done;
}
