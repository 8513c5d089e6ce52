import { inlinePlain, resolveDirection, type Inline, type RichBlock } from '../../shared/rich-text.ts';
import { unreachable } from '../../shared/unreachable.ts';
import { decodeImageSource, fitImage } from './image.ts';
import { displayDate, label, measureCells, measureColumns, metadataRows, WATERMARK, type ExportDocument } from './model.ts';

/** A self-contained HTML file: styles inline, the logo as a data URL, no script, no outside link. */

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

const SAFE_HREF = /^(https?:|mailto:)/i;

function inlines(content: readonly Inline[]): string {
  return content
    .map((inline) => {
      let html = escapeHtml(inline.text).replace(/\n/g, '<br>');
      if (inline.code) html = `<code>${html}</code>`;
      if (inline.bold) html = `<strong>${html}</strong>`;
      if (inline.italic) html = `<em>${html}</em>`;
      if (inline.underline) html = `<u>${html}</u>`;
      if (inline.strike) html = `<s>${html}</s>`;
      if (inline.href && SAFE_HREF.test(inline.href)) html = `<a href="${escapeHtml(inline.href)}" rel="noopener noreferrer">${html}</a>`;
      return html;
    })
    .join('');
}

const dirAttr = (dir: 'ltr' | 'rtl' | 'auto', content: readonly Inline[]) => ` dir="${resolveDirection(dir, inlinePlain(content))}"`;

export function blocksHtml(blocks: readonly RichBlock[]): string {
  return blocks
    .map((block) => {
      switch (block.type) {
        case 'heading':
          return `<h${block.level + 1}${dirAttr(block.dir, block.content)}>${inlines(block.content)}</h${block.level + 1}>`;
        case 'paragraph':
          return `<p${dirAttr(block.dir, block.content)}>${inlines(block.content) || '&nbsp;'}</p>`;
        case 'list': {
          const tag = block.ordered ? 'ol' : 'ul';
          return `<${tag}>${block.items.map((item) => `<li>${blocksHtml(item)}</li>`).join('')}</${tag}>`;
        }
        case 'table':
          return `<table class="content">${block.rows
            .map(
              (row) =>
                `<tr>${row.map((cell) => `<${cell.header ? 'th' : 'td'}${cell.colspan > 1 ? ` colspan="${cell.colspan}"` : ''}>${blocksHtml(cell.blocks)}</${cell.header ? 'th' : 'td'}>`).join('')}</tr>`,
            )
            .join('')}</table>`;
        case 'blockquote':
          return `<blockquote>${blocksHtml(block.blocks)}</blockquote>`;
        case 'rule':
          return '<hr>';
        case 'image': {
          // Checked again by its bytes; a source that is not what it says becomes its description.
          const image = decodeImageSource(block.src);
          if (!image) return block.alt ? `<p>[${escapeHtml(block.alt)}]</p>` : '';
          const size = fitImage(image, block, { width: 720, height: 960 });
          return `<p class="image"><img src="${block.src}" alt="${escapeHtml(block.alt)}" width="${size.width}" height="${size.height}"></p>`;
        }
        default:
          return unreachable(block);
      }
    })
    .join('\n');
}

const STYLE = `
body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.5; color: #1c2430; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
header.ministry { display: flex; justify-content: space-between; gap: 2rem; border-bottom: 2px solid #1f4e79; padding-bottom: .5rem; font-weight: bold; font-size: 10pt; }
header.ministry img { max-height: 70px; max-width: 160px; }
h1 { text-align: center; margin: 2rem 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: 9.5pt; }
th, td { border: 1px solid #8a94a3; padding: .25rem .4rem; vertical-align: top; text-align: start; }
th { background: #e8edf3; }
table.meta th { width: 30%; }
td p, th p { margin: 0; }
p.image { text-align: center; }
p.image img { max-width: 100%; height: auto; }
.watermark { position: fixed; top: 45%; left: 0; right: 0; text-align: center; transform: rotate(-35deg); font-size: 64pt; font-weight: bold; color: rgba(120, 130, 140, .15); pointer-events: none; z-index: -1; }
footer { margin-top: 2rem; border-top: 1px solid #ccd; font-size: 9pt; color: #5b6470; text-align: center; }
@page { size: A4; margin: 2cm; }
`;

export function renderHtml(document: ExportDocument): string {
  const locale = document.locale;
  const logo = document.logo ? `<img alt="" src="data:image/${document.logo.type === 'jpg' ? 'jpeg' : 'png'};base64,${Buffer.from(document.logo.data).toString('base64')}">` : '';
  const meta = metadataRows(document)
    .map(([key, value]) => `<tr><th>${escapeHtml(key)}</th><td dir="auto">${escapeHtml(value)}</td></tr>`)
    .join('');
  const measures =
    document.measures.length === 0
      ? ''
      : `<h2>${escapeHtml(label(locale, 'measures'))}</h2><table class="measures"><thead><tr>${measureColumns(locale)
          .map((column) => `<th>${escapeHtml(column)}</th>`)
          .join('')}</tr></thead><tbody>${document.measures
          .map(
            (measure) =>
              `<tr data-measure-id="${escapeHtml(measure.id)}">${measureCells(locale, measure)
                .map((cell) => `<td dir="auto">${escapeHtml(cell)}</td>`)
                .join('')}</tr>`,
          )
          .join('')}</tbody></table>`;
  return `<!doctype html>
<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta name="generator" content="Tansiq">
<meta name="document-kind" content="${document.kind}">
<meta name="document-status" content="${document.status}">
<title>${escapeHtml(document.title)}</title>
<style>${STYLE}</style>
</head>
<body>
${document.draft ? `<div class="watermark" aria-hidden="true">${escapeHtml(WATERMARK)}</div>` : ''}
<header class="ministry"><div dir="ltr">${escapeHtml(document.ministry.nameFr)}</div>${logo}<div dir="rtl">${escapeHtml(document.ministry.nameAr)}</div></header>
<h1 dir="auto">${escapeHtml(document.title)}</h1>
<table class="meta">${meta}</table>
<main>
${blocksHtml(document.blocks)}
${measures}
</main>
<footer>${escapeHtml(displayDate(locale, document.date))}</footer>
</body>
</html>
`;
}
