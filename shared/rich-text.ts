import * as Y from 'yjs';
import { imageDimension, isSafeImageSource } from './image-source.ts';

/**
 * The document body (Tiptap nodes in a Y.XmlFragment, as y-prosemirror stores them) as plain
 * data, and back. Exports read it, imports write it; nothing else needs to know how marks sit
 * in Y.XmlText attributes or how a table nests its cells.
 */

export type Direction = 'ltr' | 'rtl' | 'auto';

export interface Inline {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  code?: boolean;
  href?: string;
}

export interface TableCell {
  header: boolean;
  colspan: number;
  blocks: RichBlock[];
}

export type RichBlock =
  | { type: 'heading'; level: 1 | 2 | 3; dir: Direction; content: Inline[] }
  | { type: 'paragraph'; dir: Direction; content: Inline[] }
  | { type: 'list'; ordered: boolean; items: RichBlock[][] }
  | { type: 'table'; rows: TableCell[][] }
  | { type: 'blockquote'; blocks: RichBlock[] }
  | { type: 'image'; src: string; alt: string; width: number | null; height: number | null }
  | { type: 'rule' };

const MARKS = ['bold', 'italic', 'underline', 'strike', 'code'] as const;
const DIRS = new Set(['ltr', 'rtl', 'auto']);

const dirOf = (element: Y.XmlElement): Direction => {
  const dir = element.getAttribute('dir');
  return typeof dir === 'string' && DIRS.has(dir) ? (dir as Direction) : 'auto';
};

function readInlines(element: Y.XmlElement): Inline[] {
  const out: Inline[] = [];
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[]) {
        if (typeof op.insert !== 'string' || op.insert === '') continue;
        const attributes = op.attributes ?? {};
        const inline: Inline = { text: op.insert };
        for (const mark of MARKS) if (attributes[mark] != null) inline[mark] = true;
        const link = attributes.link as { href?: unknown } | undefined;
        if (link && typeof link.href === 'string') inline.href = link.href;
        out.push(inline);
      }
    } else if (child instanceof Y.XmlElement && child.nodeName === 'hardBreak') {
      out.push({ text: '\n' });
    }
  }
  return out;
}

function readBlocks(parent: Y.XmlElement | Y.XmlFragment): RichBlock[] {
  const blocks: RichBlock[] = [];
  for (const node of parent.toArray()) {
    if (!(node instanceof Y.XmlElement)) continue;
    switch (node.nodeName) {
      case 'heading': {
        const level = Number(node.getAttribute('level'));
        blocks.push({ type: 'heading', level: level === 1 || level === 3 ? level : 2, dir: dirOf(node), content: readInlines(node) });
        break;
      }
      case 'paragraph':
      case 'codeBlock':
        blocks.push({ type: 'paragraph', dir: dirOf(node), content: readInlines(node) });
        break;
      case 'bulletList':
      case 'orderedList':
        blocks.push({
          type: 'list',
          ordered: node.nodeName === 'orderedList',
          items: node
            .toArray()
            .filter((item): item is Y.XmlElement => item instanceof Y.XmlElement)
            .map((item) => readBlocks(item)),
        });
        break;
      case 'table':
        blocks.push({
          type: 'table',
          rows: node
            .toArray()
            .filter((row): row is Y.XmlElement => row instanceof Y.XmlElement)
            .map((row) =>
              row
                .toArray()
                .filter((cell): cell is Y.XmlElement => cell instanceof Y.XmlElement)
                .map((cell) => ({
                  header: cell.nodeName === 'tableHeader',
                  colspan: Math.max(1, Math.min(50, Number(cell.getAttribute('colspan')) || 1)),
                  blocks: readBlocks(cell),
                })),
            ),
        });
        break;
      case 'blockquote':
        blocks.push({ type: 'blockquote', blocks: readBlocks(node) });
        break;
      case 'horizontalRule':
        blocks.push({ type: 'rule' });
        break;
      case 'image': {
        // What a client wrote is checked here too: an unsafe source never reaches an export.
        const src = node.getAttribute('src');
        const alt = node.getAttribute('alt');
        if (isSafeImageSource(src))
          blocks.push({
            type: 'image',
            src,
            alt: typeof alt === 'string' ? alt.slice(0, 500) : '',
            width: imageDimension(node.getAttribute('width')),
            height: imageDimension(node.getAttribute('height')),
          });
        break;
      }
      default:
        // An unknown node still shows its text rather than vanishing from an export.
        if (node.length > 0) blocks.push(...readBlocks(node));
    }
  }
  return blocks;
}

/** The body as blocks, in document order. */
export function readRichText(fragment: Y.XmlFragment): RichBlock[] {
  return readBlocks(fragment);
}

function inlineText(content: readonly Inline[]): Y.XmlText[] {
  const text = new Y.XmlText();
  let at = 0;
  for (const inline of content) {
    if (!inline.text) continue;
    const attributes: Record<string, unknown> = {};
    for (const mark of MARKS) if (inline[mark]) attributes[mark] = {};
    if (inline.href) attributes.link = { href: inline.href, target: '_blank', rel: 'noopener noreferrer nofollow', class: null };
    text.insert(at, inline.text, attributes);
    at += inline.text.length;
  }
  return at > 0 ? [text] : [];
}

function textBlock(name: string, dir: Direction, content: readonly Inline[]): Y.XmlElement {
  const element = new Y.XmlElement(name);
  element.setAttribute('dir', dir);
  // Line breaks inside a paragraph are hardBreak nodes between text nodes.
  const parts: Inline[][] = [[]];
  for (const inline of content) {
    const pieces = inline.text.split('\n');
    pieces.forEach((piece, index) => {
      if (index > 0) parts.push([]);
      if (piece) parts[parts.length - 1]!.push({ ...inline, text: piece });
    });
  }
  const children: (Y.XmlElement | Y.XmlText)[] = [];
  parts.forEach((part, index) => {
    if (index > 0) children.push(new Y.XmlElement('hardBreak'));
    children.push(...inlineText(part));
  });
  if (children.length > 0) element.insert(0, children);
  return element;
}

function container(name: string, children: Y.XmlElement[]): Y.XmlElement {
  const element = new Y.XmlElement(name);
  if (children.length > 0) element.insert(0, children);
  return element;
}

/** Blocks a node that must hold at least one paragraph (list item, cell) can take. */
const atLeastParagraph = (blocks: readonly RichBlock[]): RichBlock[] => (blocks.length > 0 ? [...blocks] : [{ type: 'paragraph', dir: 'auto', content: [] }]);

export function richBlockElement(block: RichBlock): Y.XmlElement {
  switch (block.type) {
    case 'heading': {
      const element = textBlock('heading', block.dir, block.content);
      element.setAttribute('level', block.level as unknown as string);
      return element;
    }
    case 'paragraph':
      return textBlock('paragraph', block.dir, block.content);
    case 'list':
      return container(
        block.ordered ? 'orderedList' : 'bulletList',
        block.items.map((item) => container('listItem', atLeastParagraph(item).map(richBlockElement))),
      );
    case 'table':
      return container(
        'table',
        block.rows.map((row) =>
          container(
            'tableRow',
            row.map((cell) => {
              const element = container(cell.header ? 'tableHeader' : 'tableCell', atLeastParagraph(cell.blocks).map(richBlockElement));
              element.setAttribute('colspan', cell.colspan as unknown as string);
              element.setAttribute('rowspan', 1 as unknown as string);
              return element;
            }),
          ),
        ),
      );
    case 'blockquote':
      return container('blockquote', atLeastParagraph(block.blocks).map(richBlockElement));
    case 'rule':
      return new Y.XmlElement('horizontalRule');
    case 'image': {
      const element = new Y.XmlElement('image');
      element.setAttribute('src', block.src);
      element.setAttribute('alt', block.alt);
      if (block.width) element.setAttribute('width', block.width as unknown as string);
      if (block.height) element.setAttribute('height', block.height as unknown as string);
      return element;
    }
  }
}

/** Appends blocks to a body; call inside the transaction that should carry them. */
export function appendRichText(fragment: Y.XmlFragment, blocks: readonly RichBlock[]): void {
  fragment.insert(fragment.length, blocks.map(richBlockElement));
}

/** Plain text of inlines. */
export const inlinePlain = (content: readonly Inline[]): string => content.map((inline) => inline.text).join('');

const STRONG_RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const STRONG_LTR = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]/u;

/** What "auto" resolves to: the direction of the first strong letter (as dir="auto" in HTML). */
export function resolveDirection(dir: Direction, text: string): 'ltr' | 'rtl' {
  if (dir !== 'auto') return dir;
  for (const char of text) {
    if (STRONG_RTL.test(char)) return 'rtl';
    if (STRONG_LTR.test(char)) return 'ltr';
  }
  return 'ltr';
}
