import JSZip from 'jszip';
import { inlinePlain, resolveDirection, type Inline, type RichBlock } from '../../shared/rich-text.ts';
import { unreachable } from '../../shared/unreachable.ts';
import { escapeHtml as x } from './html.ts';
import { decodeImageSource, fitImage, MIME_OF } from './image.ts';
import { displayDate, label, measureCells, measureColumns, metadataRows, WATERMARK, type ExportDocument } from './model.ts';

/**
 * OpenDocument text (ODF 1.3): the `mimetype` entry first and stored uncompressed, the manifest,
 * content.xml and styles.xml (page numbers, date and the draft mark in the master page).
 */

const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:xlink="http://www.w3.org/1999/xlink"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
].join(' ');

const MARKS = ['bold', 'italic', 'underline', 'strike'] as const;

function spanStyle(inline: Inline): string | null {
  const flags = MARKS.filter((mark) => inline[mark])
    .map((mark) => mark[0])
    .join('');
  return flags ? `T_${flags}` : null;
}

/** Table and cell styles sit with the content: LibreOffice takes table-cell styles from there. */
const TABLE_STYLES = `<style:style style:name="Tbl" style:family="table"><style:table-properties style:width="17cm" table:align="margins"/></style:style><style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.08cm" fo:border="0.5pt solid #8a94a3"/></style:style><style:style style:name="Cell_head" style:family="table-cell"><style:table-cell-properties fo:padding="0.08cm" fo:border="0.5pt solid #8a94a3" fo:background-color="#e8edf3"/></style:style>`;

const SPAN_STYLES = Array.from({ length: 15 }, (_, index) => {
  const marks = MARKS.filter((_, bit) => ((index + 1) >> bit) & 1);
  const props = [
    marks.includes('bold') ? 'fo:font-weight="bold" style:font-weight-complex="bold"' : '',
    marks.includes('italic') ? 'fo:font-style="italic" style:font-style-complex="italic"' : '',
    marks.includes('underline') ? 'style:text-underline-style="solid" style:text-underline-width="auto" style:text-underline-color="font-color"' : '',
    marks.includes('strike') ? 'style:text-line-through-style="solid"' : '',
  ].join(' ');
  return `<style:style style:name="T_${marks.map((mark) => mark[0]).join('')}" style:family="text"><style:text-properties ${props}/></style:style>`;
}).join('');

function spans(content: readonly Inline[]): string {
  return content
    .map((inline) => {
      let xml = x(inline.text)
        .replace(/\n/g, '<text:line-break/>')
        .replace(/ {2,}/g, (spaces) => ` <text:s text:c="${spaces.length - 1}"/>`);
      const style = spanStyle(inline);
      if (style) xml = `<text:span text:style-name="${style}">${xml}</text:span>`;
      if (inline.href) xml = `<text:a xlink:type="simple" xlink:href="${x(inline.href)}">${xml}</text:a>`;
      return xml;
    })
    .join('');
}

const paragraphStyle = (dir: 'ltr' | 'rtl' | 'auto', content: readonly Inline[], base = 'Standard') =>
  resolveDirection(dir, inlinePlain(content)) === 'rtl' ? `${base}_rtl` : base;

/** A picture the package carries under Pictures/, named by its place in the document. */
interface Picture {
  path: string;
  mime: string;
  data: Buffer;
}

function imageXml(block: Extract<RichBlock, { type: 'image' }>, pictures: Picture[]): string {
  const image = decodeImageSource(block.src);
  if (!image) return block.alt ? `<text:p text:style-name="Standard">[${x(block.alt)}]</text:p>` : '';
  const path = `Pictures/image-${pictures.length + 1}.${image.type}`;
  pictures.push({ path, mime: MIME_OF[image.type], data: image.data });
  // 96 px to the inch; the text column of an A4 page is about 17 cm.
  const size = fitImage(image, block, { width: 640, height: 900 });
  const cm = (px: number) => ((px * 2.54) / 96).toFixed(2);
  return `<text:p text:style-name="Centered"><draw:frame draw:name="image${pictures.length}" text:anchor-type="as-char" svg:width="${cm(size.width)}cm" svg:height="${cm(size.height)}cm"><draw:image xlink:href="${path}" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/><svg:desc>${x(block.alt)}</svg:desc></draw:frame></text:p>`;
}

function blocksXml(blocks: readonly RichBlock[], pictures: Picture[]): string {
  return blocks
    .map((block) => {
      switch (block.type) {
        case 'heading':
          return `<text:h text:style-name="${paragraphStyle(block.dir, block.content, `Heading_20_${block.level}`)}" text:outline-level="${block.level}">${spans(block.content)}</text:h>`;
        case 'paragraph':
          return `<text:p text:style-name="${paragraphStyle(block.dir, block.content)}">${spans(block.content)}</text:p>`;
        case 'list':
          return `<text:list text:style-name="${block.ordered ? 'L_numbers' : 'L_bullets'}">${block.items.map((item) => `<text:list-item>${blocksXml(item, pictures) || '<text:p/>'}</text:list-item>`).join('')}</text:list>`;
        case 'table': {
          const columns = Math.max(1, ...block.rows.map((row) => row.reduce((sum, cell) => sum + cell.colspan, 0)));
          return tableXml(
            columns,
            block.rows.map((row) => row.map((cell) => ({ xml: blocksXml(cell.blocks, pictures) || '<text:p/>', colspan: cell.colspan, header: cell.header }))),
          );
        }
        case 'blockquote':
          return blocksXml(block.blocks, pictures);
        case 'rule':
          return '<text:p text:style-name="Rule"/>';
        case 'image':
          return imageXml(block, pictures);
        default:
          return unreachable(block);
      }
    })
    .join('');
}

let tableCount = 0;
function tableXml(columns: number, rows: { xml: string; colspan: number; header: boolean }[][]): string {
  tableCount++;
  return `<table:table table:name="Table${tableCount}" table:style-name="Tbl"><table:table-column table:number-columns-repeated="${columns}"/>${rows
    .map(
      (row) =>
        `<table:table-row>${row
          .map(
            (cell) =>
              `<table:table-cell table:style-name="${cell.header ? 'Cell_head' : 'Cell'}" office:value-type="string"${cell.colspan > 1 ? ` table:number-columns-spanned="${cell.colspan}"` : ''}>${cell.xml}</table:table-cell>${'<table:covered-table-cell/>'.repeat(cell.colspan - 1)}`,
          )
          .join('')}</table:table-row>`,
    )
    .join('')}</table:table>`;
}

const textCell = (text: string, header = false) => ({
  xml: `<text:p text:style-name="${paragraphStyle('auto', [{ text }], header ? 'Cell_text_bold' : 'Cell_text')}">${x(text)}</text:p>`,
  colspan: 1,
  header,
});

function content(document: ExportDocument, pictures: Picture[]): string {
  tableCount = 0;
  const logo = document.logo
    ? `<text:p text:style-name="Centered"><draw:frame draw:name="logo" text:anchor-type="as-char" svg:width="${(Math.min(1, 70 / document.logo.height, 160 / document.logo.width) * document.logo.width * 0.0353).toFixed(2)}cm" svg:height="${(Math.min(1, 70 / document.logo.height, 160 / document.logo.width) * document.logo.height * 0.0353).toFixed(2)}cm"><draw:image xlink:href="Pictures/logo.${document.logo.type}" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/></draw:frame></text:p>`
    : '';
  const header = tableXml(2, [[textCell(document.ministry.nameFr, true), textCell(document.ministry.nameAr, true)]]);
  const meta = tableXml(
    2,
    metadataRows(document).map(([key, value]) => [textCell(key, true), textCell(value)]),
  );
  const measures =
    document.measures.length === 0
      ? ''
      : `<text:h text:style-name="Heading_20_2" text:outline-level="2">${x(label(document.locale, 'measures'))}</text:h>${tableXml(9, [
          measureColumns(document.locale).map((column) => textCell(column, true)),
          ...document.measures.map((measure) => measureCells(document.locale, measure).map((cell) => textCell(cell))),
        ])}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ${NS} office:version="1.3"><office:automatic-styles>${TABLE_STYLES}${SPAN_STYLES}</office:automatic-styles><office:body><office:text>${logo}${header}<text:p text:style-name="Title_${resolveDirection('auto', document.title)}">${x(document.title)}</text:p>${meta}${blocksXml(document.blocks, pictures)}${measures}</office:text></office:body></office:document-content>`;
}

const paragraphStyles = (name: string, parent: string, extra = '') =>
  `<style:style style:name="${name}" style:family="paragraph" style:parent-style-name="${parent}"><style:paragraph-properties ${extra}/></style:style><style:style style:name="${name}_rtl" style:family="paragraph" style:parent-style-name="${parent}"><style:paragraph-properties style:writing-mode="rl-tb" fo:text-align="end" ${extra}/></style:style>`;

function styles(document: ExportDocument): string {
  const rtl = document.locale === 'ar';
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles ${NS} office:version="1.3"><office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm"/><style:text-properties style:font-name="DejaVu Sans" fo:font-family="'DejaVu Sans'" style:font-family-complex="'DejaVu Sans'" fo:font-size="10.5pt" style:font-size-complex="10.5pt"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph"/>
<style:style style:name="Standard_rtl" style:family="paragraph"><style:paragraph-properties style:writing-mode="rl-tb" fo:text-align="end"/></style:style>
${[1, 2, 3].map((level) => paragraphStyles(`Heading_20_${level}`, 'Standard', 'fo:margin-top="0.4cm"').replace(/<style:paragraph-properties/g, `<style:text-properties fo:font-weight="bold" style:font-weight-complex="bold" fo:font-size="${[17, 14, 12][level - 1]}pt" style:font-size-complex="${[17, 14, 12][level - 1]}pt"/><style:paragraph-properties`)).join('')}
<style:style style:name="Title_ltr" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-top="0.8cm" fo:margin-bottom="0.5cm"/><style:text-properties fo:font-size="19pt" style:font-size-complex="19pt" fo:font-weight="bold" style:font-weight-complex="bold"/></style:style>
<style:style style:name="Title_rtl" style:family="paragraph" style:parent-style-name="Title_ltr"><style:paragraph-properties style:writing-mode="rl-tb" fo:text-align="center"/></style:style>
<style:style style:name="Centered" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/></style:style>
<style:style style:name="Rule" style:family="paragraph"><style:paragraph-properties fo:border-bottom="0.5pt solid #999999"/></style:style>
${paragraphStyles('Cell_text', 'Standard', 'fo:margin-bottom="0cm"')}
${paragraphStyles('Cell_text_bold', 'Cell_text', '').replace(/<style:paragraph-properties/g, '<style:text-properties fo:font-weight="bold" style:font-weight-complex="bold"/><style:paragraph-properties')}
<style:style style:name="Watermark" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:color="#b0b8c0" fo:font-size="16pt" style:font-size-complex="16pt" fo:font-weight="bold" style:font-weight-complex="bold"/></style:style>
<style:style style:name="Footer" style:family="paragraph"><style:paragraph-properties fo:text-align="center"${rtl ? ' style:writing-mode="rl-tb"' : ''}/><style:text-properties fo:font-size="8pt" style:font-size-complex="8pt" fo:color="#5b6470"/></style:style>
<text:list-style style:name="L_bullets"><text:list-level-style-bullet text:level="1" text:bullet-char="•"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" fo:text-indent="-0.4cm" fo:margin-left="0.8cm"/></style:list-level-properties></text:list-level-style-bullet></text:list-style>
<text:list-style style:name="L_numbers"><text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" fo:text-indent="-0.5cm" fo:margin-left="0.9cm"/></style:list-level-properties></text:list-level-style-number></text:list-style>
</office:styles>
<office:automatic-styles><style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm"/></style:page-layout></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4">${document.draft ? `<style:header><text:p text:style-name="Watermark">${x(WATERMARK)}</text:p></style:header>` : ''}<style:footer><text:p text:style-name="Footer">${x(label(document.locale, 'page'))} <text:page-number text:select-page="current">1</text:page-number> / <text:page-count>1</text:page-count> · ${x(displayDate(document.locale, document.date))}</text:p></style:footer></style:master-page></office:master-styles>
</office:document-styles>`;
}

function metaXml(document: ExportDocument): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta ${NS} office:version="1.3"><office:meta><meta:generator>Tansiq</meta:generator><dc:title>${x(document.title)}</dc:title><dc:date>${document.date}T00:00:00</dc:date><dc:language>${document.locale}</dc:language>${metadataRows(
    document,
  )
    .map(([key, value]) => `<meta:user-defined meta:name="${x(key)}">${x(value)}</meta:user-defined>`)
    .join('')}</office:meta></office:document-meta>`;
}

export async function renderOdt(document: ExportDocument): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
  const images: Picture[] = [];
  const body = content(document, images);
  if (document.logo) images.push({ path: `Pictures/logo.${document.logo.type}`, mime: MIME_OF[document.logo.type], data: Buffer.from(document.logo.data) });
  const pictures = images.map((picture) => `<manifest:file-entry manifest:full-path="${picture.path}" manifest:media-type="${picture.mime}"/>`).join('');
  zip.file(
    'META-INF/manifest.xml',
    `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>${pictures}</manifest:manifest>`,
  );
  zip.file('content.xml', body);
  zip.file('styles.xml', styles(document));
  zip.file('meta.xml', metaXml(document));
  for (const picture of images) zip.file(picture.path, picture.data);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', mimeType: 'application/vnd.oasis.opendocument.text' });
}
