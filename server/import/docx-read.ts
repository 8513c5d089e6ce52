import { DOMParser } from '@xmldom/xmldom';
import { imageDimension, MAX_IMAGE_BYTES } from '../../shared/image-source.ts';
import type { Direction, Inline, RichBlock, TableCell } from '../../shared/rich-text.ts';
import { MIME_OF, sniffPicture } from '../export/image.ts';
import { BoundedZip, unreadable } from './zip.ts';

/**
 * A Word file (DOCX, or DOCM whose macros are never read) as blocks: headings (by style name or
 * outline level), paragraphs with their direction (w:bidi), bullet and numbered lists, tables,
 * bold/italic/underline/strike and links. Pictures become image blocks after their paragraph when
 * they are PNG, JPEG, GIF or WebP within MAX_IMAGE_BYTES; others are dropped and counted in a note.
 */

export interface WordContent {
  title: string | null;
  blocks: RichBlock[];
  notes: string[];
}

const ele = (node: Node | null | undefined): node is Element => node?.nodeType === 1;
const children = (node: Node): Element[] => Array.from(node.childNodes as unknown as ArrayLike<Node>).filter(ele);
const child = (node: Node, name: string): Element | undefined => children(node).find((c) => c.localName === name);
const attr = (node: Element | undefined, name: string): string | null => {
  if (!node) return null;
  for (const attribute of Array.from(node.attributes as unknown as ArrayLike<Attr>)) if (attribute.localName === name) return attribute.value;
  return null;
};
/** An on/off property: present means on unless its value says off. */
const on = (node: Element | undefined): boolean => {
  if (!node) return false;
  const value = attr(node, 'val');
  return value === null || !['0', 'false', 'off', 'none'].includes(value);
};

function parseXml(text: string, what: string): Document {
  let failed = false;
  const parser = new DOMParser({
    errorHandler: {
      warning: () => {},
      error: () => {
        failed = true;
      },
      fatalError: () => {
        failed = true;
      },
    },
  });
  const doc = parser.parseFromString(text, 'application/xml');
  if (failed || !doc.documentElement) throw unreadable('Word', `${what} is not well-formed XML`);
  return doc as unknown as Document;
}

interface Styles {
  headings: Map<string, 1 | 2 | 3>;
  lists: Set<string>;
  title: Set<string>;
}

function readStyles(xml: string | null): Styles {
  const styles: Styles = { headings: new Map(), lists: new Set(), title: new Set() };
  if (!xml) return styles;
  for (const style of children(parseXml(xml, 'styles.xml').documentElement)) {
    if (style.localName !== 'style') continue;
    const id = attr(style, 'styleId');
    const name = (attr(child(style, 'name'), 'val') ?? '').toLowerCase();
    if (!id) continue;
    const outline = attr(child(child(style, 'pPr') ?? style, 'outlineLvl'), 'val');
    const heading = /^(heading|titre|título|titolo|überschrift)\s*(\d)$/i.exec(name) ?? /^(heading|titre)(\d)$/i.exec(id);
    const level = heading ? Number(heading[2]) : outline !== null ? Number(outline) + 1 : 0;
    if (name === 'title' || name === 'titre') styles.title.add(id);
    else if (level >= 1 && level <= 9) styles.headings.set(id, Math.min(3, level) as 1 | 2 | 3);
    if (/list (bullet|number)|liste à puces|list paragraph|paragraphe de liste/.test(name)) styles.lists.add(id);
  }
  return styles;
}

/** numId → whether each level is numbered (true) or bulleted. */
function readNumbering(xml: string | null): Map<string, boolean[]> {
  const result = new Map<string, boolean[]>();
  if (!xml) return result;
  const root = parseXml(xml, 'numbering.xml').documentElement;
  const abstract = new Map<string, boolean[]>();
  for (const node of children(root)) {
    if (node.localName !== 'abstractNum') continue;
    const levels: boolean[] = [];
    for (const level of children(node).filter((c) => c.localName === 'lvl')) {
      levels[Number(attr(level, 'ilvl') ?? 0)] = (attr(child(level, 'numFmt'), 'val') ?? 'bullet') !== 'bullet';
    }
    abstract.set(attr(node, 'abstractNumId') ?? '', levels);
  }
  for (const node of children(root)) {
    if (node.localName === 'num') result.set(attr(node, 'numId') ?? '', abstract.get(attr(child(node, 'abstractNumId'), 'val') ?? '') ?? []);
  }
  return result;
}

function readRelationships(xml: string | null): { links: Map<string, string>; media: Map<string, string> } {
  const links = new Map<string, string>();
  const media = new Map<string, string>();
  if (!xml) return { links, media };
  for (const rel of children(parseXml(xml, 'document relationships').documentElement)) {
    const target = attr(rel, 'Target');
    const external = attr(rel, 'TargetMode') === 'External';
    if (external && target && /^(https?:|mailto:)/i.test(target)) links.set(attr(rel, 'Id') ?? '', target);
    // Pictures inside the package only: a linked (external) picture would be fetched by no one.
    else if (!external && target && /\/image$/.test(attr(rel, 'Type') ?? '')) media.set(attr(rel, 'Id') ?? '', packagePath(target));
  }
  return { links, media };
}

/** A relationship target of word/document.xml as a path in the package. */
function packagePath(target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : `word/${target}`).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

interface Context {
  zip: BoundedZip;
  styles: Styles;
  numbering: Map<string, boolean[]>;
  links: Map<string, string>;
  media: Map<string, string>;
  /** pictures of the paragraph being read, placed after it */
  pictures: Extract<RichBlock, { type: 'image' }>[];
  dropped: number;
}

const descendants = (node: Element, name: string): Element[] => Array.from(node.getElementsByTagNameNS('*', name) as unknown as ArrayLike<Element>);
/** English Metric Units per pixel at 96 dpi. */
const EMU_PER_PIXEL = 9525;

/** A w:drawing or VML w:pict as an image block, or counted as dropped. */
function picture(node: Element, context: Context): void {
  const blip = descendants(node, 'blip')[0] ?? descendants(node, 'imagedata')[0];
  const id = attr(blip, 'embed') ?? attr(blip, 'id');
  const path = id ? context.media.get(id) : undefined;
  const data = path ? context.zip.read(path) : null;
  const info = data && data.length <= MAX_IMAGE_BYTES ? sniffPicture(data) : null;
  if (!data || !info) {
    context.dropped++;
    return;
  }
  const extent = descendants(node, 'extent')[0];
  const properties = descendants(node, 'docPr')[0];
  const width = imageDimension(Math.round(Number(attr(extent, 'cx')) / EMU_PER_PIXEL));
  const height = imageDimension(Math.round(Number(attr(extent, 'cy')) / EMU_PER_PIXEL));
  context.pictures.push({
    type: 'image',
    src: `data:${MIME_OF[info.type]};base64,${Buffer.from(data).toString('base64')}`,
    alt: (attr(properties, 'descr') || attr(properties, 'title') || '').slice(0, 500),
    width,
    height,
  });
}

function runs(node: Element, context: Context, href?: string): Inline[] {
  const out: Inline[] = [];
  for (const item of children(node)) {
    switch (item.localName) {
      case 'r': {
        const props = child(item, 'rPr');
        const style: Omit<Inline, 'text'> = {};
        if (on(child(props ?? item, 'b'))) style.bold = true;
        if (on(child(props ?? item, 'i'))) style.italic = true;
        if (on(child(props ?? item, 'u'))) style.underline = true;
        if (on(child(props ?? item, 'strike')) || on(child(props ?? item, 'dstrike'))) style.strike = true;
        if (href) style.href = href;
        let text = '';
        for (const part of children(item)) {
          if (part.localName === 't') text += part.textContent ?? '';
          else if (part.localName === 'tab') text += '\t';
          else if (part.localName === 'br' || part.localName === 'cr') text += '\n';
          else if (part.localName === 'drawing' || part.localName === 'pict') picture(part, context);
        }
        if (text) out.push({ text, ...style });
        break;
      }
      case 'hyperlink': {
        const id = attr(item, 'id');
        out.push(...runs(item, context, (id && context.links.get(id)) || href));
        break;
      }
      case 'ins':
      case 'smartTag':
      case 'fldSimple':
      case 'sdt':
      case 'sdtContent':
      case 'customXml':
        out.push(...runs(item, context, href));
        break;
      default:
        break; // deleted text (w:del), bookmarks, comments, proofing marks
    }
  }
  // Neighbours of one style become one inline.
  return out.reduce<Inline[]>((merged, inline) => {
    const last = merged[merged.length - 1];
    if (last && last.bold === inline.bold && last.italic === inline.italic && last.underline === inline.underline && last.strike === inline.strike && last.href === inline.href)
      last.text += inline.text;
    else merged.push({ ...inline });
    return merged;
  }, []);
}

/** The style of what an export adds around the content (see export/docx.ts): never imported back. */
const FURNITURE_STYLE = 'TansiqFurniture';

type Paragraph =
  | { kind: 'furniture' }
  | { kind: 'pictures' }
  | { kind: 'heading'; level: 1 | 2 | 3; dir: Direction; content: Inline[] }
  | { kind: 'title'; content: Inline[] }
  | { kind: 'paragraph'; dir: Direction; content: Inline[]; list?: { ordered: boolean; level: number } };

function paragraph(node: Element, context: Context): Paragraph {
  const props = child(node, 'pPr');
  const styleId = attr(child(props ?? node, 'pStyle'), 'val') ?? '';
  const bidi = child(props ?? node, 'bidi');
  const dir: Direction = bidi ? (on(bidi) ? 'rtl' : 'ltr') : 'auto';
  if (styleId === FURNITURE_STYLE) return { kind: 'furniture' };
  const picturesBefore = context.pictures.length + context.dropped;
  const content = runs(node, context);
  // A paragraph that only held pictures leaves them alone, not an empty paragraph before them.
  if (content.length === 0 && context.pictures.length + context.dropped > picturesBefore) return { kind: 'pictures' };
  if (context.styles.title.has(styleId)) return { kind: 'title', content };
  const outline = attr(child(props ?? node, 'outlineLvl'), 'val');
  const level = context.styles.headings.get(styleId) ?? (outline !== null && Number(outline) < 9 ? (Math.min(3, Number(outline) + 1) as 1 | 2 | 3) : undefined);
  if (level) return { kind: 'heading', level, dir, content };
  const numbering = child(props ?? node, 'numPr');
  const numId = attr(child(numbering ?? node, 'numId'), 'val');
  if (numbering && numId && numId !== '0') {
    const depth = Number(attr(child(numbering, 'ilvl'), 'val') ?? 0);
    return { kind: 'paragraph', dir, content, list: { ordered: context.numbering.get(numId)?.[depth] ?? false, level: Math.min(depth, 8) } };
  }
  if (context.styles.lists.has(styleId)) return { kind: 'paragraph', dir, content, list: { ordered: /number/i.test(styleId), level: 0 } };
  return { kind: 'paragraph', dir, content };
}

function isFurniture(tableNode: Element): boolean {
  const paragraphs = Array.from(tableNode.getElementsByTagNameNS('*', 'p') as unknown as ArrayLike<Element>);
  return paragraphs.length > 0 && paragraphs.every((p) => attr(child(child(p, 'pPr') ?? p, 'pStyle'), 'val') === FURNITURE_STYLE);
}

function table(node: Element, context: Context): RichBlock {
  const rows: TableCell[][] = [];
  for (const row of children(node).filter((c) => c.localName === 'tr')) {
    const header = on(child(child(row, 'trPr') ?? row, 'tblHeader'));
    rows.push(
      children(row)
        .filter((c) => c.localName === 'tc')
        .map((cell) => ({
          header,
          colspan: Math.max(1, Math.min(50, Number(attr(child(child(cell, 'tcPr') ?? cell, 'gridSpan'), 'val') ?? 1) || 1)),
          blocks: body(cell, context).blocks,
        })),
    );
  }
  return { type: 'table', rows };
}

function body(node: Element, context: Context): { blocks: RichBlock[]; title: string | null } {
  const blocks: RichBlock[] = [];
  let title: string | null = null;
  // Open lists by depth: a deeper item nests in the last item of the list above it.
  let lists: Extract<RichBlock, { type: 'list' }>[] = [];
  const visit = (element: Element) => {
    for (const item of children(element)) {
      if (item.localName === 'p') {
        const read = paragraph(item, context);
        const pictures = context.pictures.splice(0);
        if (read.kind === 'paragraph' && read.list) {
          const { level, ordered } = read.list;
          lists = lists.slice(0, level + 1);
          while (lists.length <= level) {
            const list: Extract<RichBlock, { type: 'list' }> = { type: 'list', ordered, items: [] };
            const parent = lists[lists.length - 1];
            if (parent) {
              if (parent.items.length === 0) parent.items.push([]);
              parent.items[parent.items.length - 1]!.push(list);
            } else blocks.push(list);
            lists.push(list);
          }
          lists[level]!.items.push([{ type: 'paragraph', dir: read.dir, content: read.content }, ...pictures]);
          continue;
        }
        lists = [];
        if (read.kind === 'furniture') continue;
        if (read.kind === 'pictures') {
          blocks.push(...pictures);
          continue;
        }
        if (read.kind === 'title') {
          const text = read.content
            .map((inline) => inline.text)
            .join('')
            .trim();
          if (title === null && text) title = text;
          else if (text) blocks.push({ type: 'heading', level: 1, dir: 'auto', content: read.content });
        } else if (read.kind === 'heading') blocks.push({ type: 'heading', level: read.level, dir: read.dir, content: read.content });
        else blocks.push({ type: 'paragraph', dir: read.dir, content: read.content });
        blocks.push(...pictures);
      } else if (item.localName === 'tbl') {
        lists = [];
        if (!isFurniture(item)) blocks.push(table(item, context));
      } else if (item.localName === 'sdt' || item.localName === 'sdtContent' || item.localName === 'customXml') {
        visit(item);
      }
    }
  };
  visit(node);
  return { blocks, title };
}

export function readWord(data: Buffer): WordContent {
  const zip = new BoundedZip(data, 'Word');
  const main = zip.text('word/document.xml');
  if (main === null) throw unreadable('Word', 'it has no word/document.xml (is it a Word file?)');
  const { links, media } = readRelationships(zip.text('word/_rels/document.xml.rels'));
  const context: Context = {
    zip,
    styles: readStyles(zip.text('word/styles.xml')),
    numbering: readNumbering(zip.text('word/numbering.xml')),
    links,
    media,
    pictures: [],
    dropped: 0,
  };
  const documentBody = child(parseXml(main, 'document.xml').documentElement, 'body');
  if (!documentBody) throw unreadable('Word', 'document.xml has no body');
  const { blocks, title } = body(documentBody, context);
  const notes: string[] = [];
  if (context.dropped > 0) notes.push(`images_dropped:${context.dropped}`);
  if (zip.has('word/vbaProject.bin')) notes.push('macros_ignored');
  return { title, blocks, notes };
}
