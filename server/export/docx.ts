import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { TextWatermark } from 'docx/watermarks';
import { inlinePlain, resolveDirection, type Inline, type RichBlock } from '../../shared/rich-text.ts';
import { decodeImageSource, fitImage } from './image.ts';
import { displayDate, label, measureCells, measureColumns, metadataRows, WATERMARK, type ExportDocument } from './model.ts';

/**
 * Word export. Arabic paragraphs are `w:bidi` and their runs `w:rtl` (`bidirectional`,
 * `rightToLeft`), so Word lays them out right to left and picks the complex-script font.
 */

const FONT = { ascii: 'Calibri', hAnsi: 'Calibri', cs: 'Arial' };
const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function runs(content: readonly Inline[], rtl: boolean, extra: { bold?: boolean; size?: number } = {}): ParagraphChild[] {
  return content.flatMap((inline): ParagraphChild[] => {
    // A line break inside a paragraph: the next line is a run that starts with a break.
    const lines = inline.text.split('\n').map(
      (line, index) =>
        new TextRun({
          text: line,
          break: index > 0 ? 1 : undefined,
          bold: inline.bold || extra.bold,
          italics: inline.italic,
          underline: inline.underline || inline.href ? {} : undefined,
          strike: inline.strike,
          rightToLeft: rtl,
          font: inline.code ? 'Courier New' : FONT,
          size: extra.size,
          style: inline.href ? 'Hyperlink' : undefined,
        }),
    );
    return inline.href ? [new ExternalHyperlink({ link: inline.href, children: lines })] : lines;
  });
}

function textParagraph(
  content: readonly Inline[],
  dir: 'ltr' | 'rtl' | 'auto',
  options: { heading?: 1 | 2 | 3; bullet?: number; ordered?: number; style?: string } = {},
): Paragraph {
  const rtl = resolveDirection(dir, inlinePlain(content)) === 'rtl';
  return new Paragraph({
    children: runs(content, rtl),
    bidirectional: rtl,
    heading: options.heading ? HEADINGS[options.heading] : undefined,
    style: options.style,
    numbering:
      options.bullet !== undefined ? { reference: 'bullets', level: options.bullet } : options.ordered !== undefined ? { reference: 'numbers', level: options.ordered } : undefined,
  });
}

function blocks(list: readonly RichBlock[], depth = 0): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const block of list) {
    switch (block.type) {
      case 'heading':
        out.push(textParagraph(block.content, block.dir, { heading: block.level }));
        break;
      case 'paragraph':
        out.push(textParagraph(block.content, block.dir));
        break;
      case 'list':
        for (const item of block.items) {
          item.forEach((child, index) => {
            if (index === 0 && (child.type === 'paragraph' || child.type === 'heading')) {
              out.push(textParagraph(child.content, child.dir, block.ordered ? { ordered: Math.min(depth, 8) } : { bullet: Math.min(depth, 8) }));
            } else out.push(...blocks([child], depth + 1));
          });
        }
        break;
      case 'table':
        if (block.rows.length > 0) {
          out.push(
            new Table({
              width: { size: 100, type: WidthType.PERCENTAGE },
              rows: block.rows.map(
                (row) =>
                  new TableRow({
                    children: row.map(
                      (cell) =>
                        new TableCell({
                          columnSpan: cell.colspan > 1 ? cell.colspan : undefined,
                          shading: cell.header ? { type: ShadingType.CLEAR, fill: 'E8EDF3', color: 'auto' } : undefined,
                          children: cellContent(blocks(cell.blocks, depth)),
                        }),
                    ),
                    tableHeader: row.every((cell) => cell.header),
                  }),
              ),
            }),
          );
          out.push(new Paragraph({}));
        }
        break;
      case 'blockquote':
        out.push(...blocks(block.blocks, depth));
        break;
      case 'rule':
        out.push(new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '999999', space: 1 } } }));
        break;
      case 'image': {
        const image = decodeImageSource(block.src);
        // Word files from the docx package take PNG, JPEG and GIF; WebP (and a false source) leave their description.
        if (!image || image.type === 'webp') {
          if (block.alt) out.push(textParagraph([{ text: `[${block.alt}]`, italic: true }], 'auto'));
          break;
        }
        const size = fitImage(image, block, { width: 600, height: 860 });
        out.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new ImageRun({ type: image.type, data: image.data, transformation: size, altText: { name: 'image', title: block.alt, description: block.alt } })],
          }),
        );
        break;
      }
    }
  }
  return out;
}

/** A Word cell must end with a paragraph. */
const cellContent = (content: (Paragraph | Table)[]) => (content.length > 0 && content[content.length - 1] instanceof Paragraph ? content : [...content, new Paragraph({})]);

/**
 * The export's own furniture (ministry header, metadata table, section labels) is in this style,
 * so that importing an exported file takes back the content and not the furniture.
 */
export const FURNITURE_STYLE = 'TansiqFurniture';

const plain = (text: string, options: { bold?: boolean } = {}) => textParagraph([{ text, bold: options.bold }], 'auto', { style: FURNITURE_STYLE });

function simpleTable(header: string[] | null, rows: string[][], widths?: number[], style?: string): Table {
  const cell = (text: string, isHeader: boolean, width?: number) => {
    const rtl = resolveDirection('auto', text) === 'rtl';
    return new TableCell({
      width: width ? { size: width, type: WidthType.PERCENTAGE } : undefined,
      shading: isHeader ? { type: ShadingType.CLEAR, fill: 'E8EDF3', color: 'auto' } : undefined,
      children: [new Paragraph({ style, bidirectional: rtl, children: runs([{ text }], rtl, { bold: isHeader, size: 18 }) })],
    });
  };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      ...(header ? [new TableRow({ tableHeader: true, children: header.map((text, index) => cell(text, true, widths?.[index])) })] : []),
      ...rows.map((row) => new TableRow({ children: row.map((text, index) => cell(text, !header && index === 0, widths?.[index])) })),
    ],
  });
}

function titlePage(document: ExportDocument): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  if (document.logo) {
    const scale = Math.min(1, 90 / document.logo.height, 200 / document.logo.width);
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        style: FURNITURE_STYLE,
        children: [
          new ImageRun({
            type: document.logo.type,
            data: document.logo.data,
            transformation: { width: Math.round(document.logo.width * scale), height: Math.round(document.logo.height * scale) },
          }),
        ],
      }),
    );
  }
  out.push(
    simpleTableNoBorder(document.ministry.nameFr, document.ministry.nameAr),
    new Paragraph({}),
    new Paragraph({
      heading: HeadingLevel.TITLE,
      bidirectional: resolveDirection('auto', document.title) === 'rtl',
      children: runs([{ text: document.title }], resolveDirection('auto', document.title) === 'rtl'),
    }),
    simpleTable(null, metadataRows(document), [30, 70], FURNITURE_STYLE),
    new Paragraph({}),
  );
  return out;
}

function simpleTableNoBorder(left: string, right: string): Table {
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const borders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders,
    rows: [
      new TableRow({
        children: [
          new TableCell({
            borders,
            width: { size: 50, type: WidthType.PERCENTAGE },
            children: [new Paragraph({ style: FURNITURE_STYLE, children: runs([{ text: left }], false, { bold: true, size: 20 }) })],
          }),
          new TableCell({
            borders,
            width: { size: 50, type: WidthType.PERCENTAGE },
            children: [new Paragraph({ style: FURNITURE_STYLE, bidirectional: true, children: runs([{ text: right }], true, { bold: true, size: 20 }) })],
          }),
        ],
      }),
    ],
  });
}

export async function renderDocx(document: ExportDocument): Promise<Buffer> {
  const rtl = document.locale === 'ar';
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        bidirectional: rtl,
        children: [
          new TextRun({
            children: [`${label(document.locale, 'page')} `, PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES, `  ·  ${displayDate(document.locale, document.date)}`],
            size: 16,
            rightToLeft: rtl,
          }),
        ],
      }),
    ],
  });
  const watermark = () =>
    new Header({ children: [new Paragraph({ children: document.draft ? [new TextWatermark({ text: WATERMARK, font: 'Arial', color: 'C0C0C0', opacity: 0.35 })] : [] })] });
  const measures: (Paragraph | Table)[] =
    document.measures.length === 0
      ? []
      : [
          plain(label(document.locale, 'measures'), { bold: true }),
          simpleTable(
            measureColumns(document.locale),
            document.measures.map((measure) => measureCells(document.locale, measure)),
          ),
        ];
  const file = new Document({
    creator: 'Tansiq',
    title: document.title,
    description: `${document.leadName} — ${document.status}`,
    styles: {
      default: { document: { run: { font: FONT, size: 22 } } },
      paragraphStyles: [{ id: FURNITURE_STYLE, name: 'Tansiq furniture', basedOn: 'Normal', quickFormat: false }],
    },
    numbering: {
      config: [
        {
          reference: 'bullets',
          levels: Array.from({ length: 9 }, (_, level) => ({
            level,
            format: LevelFormat.BULLET,
            text: '•',
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { start: 720 * (level + 1), hanging: 360 } } },
          })),
        },
        {
          reference: 'numbers',
          levels: Array.from({ length: 9 }, (_, level) => ({
            level,
            format: LevelFormat.DECIMAL,
            text: `%${level + 1}.`,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { start: 720 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    sections: [
      {
        properties: { titlePage: false },
        headers: { default: watermark() },
        footers: { default: footer },
        children: [...titlePage(document), ...blocks(document.blocks), ...measures],
      },
    ],
  });
  return Packer.toBuffer(file);
}
