import * as Y from 'yjs';

export * from './measure-model.ts';

/**
 * The one description of what lives where inside a document's Y.Doc, imported by the server, the
 * web client and the bot.
 *
 *   body      Y.XmlFragment  rich text, ProseMirror/Tiptap nodes (heading, paragraph, lists, table…)
 *   measures  Y.Array<Y.Map> rows of an action plan (see measure-model.ts)
 *   meta      Y.Map          small document-level settings edited live (e.g. body direction)
 */
export const BODY_FIELD = 'body';
export const META_FIELD = 'meta';

export const bodyOf = (doc: Y.Doc): Y.XmlFragment => doc.getXmlFragment(BODY_FIELD);
export const metaOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(META_FIELD);

const BLOCK_NODES = new Set(['paragraph', 'heading', 'listItem', 'blockquote', 'codeBlock', 'tableCell', 'tableHeader']);

/** Plain text of the body: one line per block, for search, counts and previews. */
export function bodyText(doc: Y.Doc): string {
  const lines: string[] = [];
  let current = '';
  const walk = (node: Y.XmlElement | Y.XmlText | Y.XmlFragment) => {
    if (node instanceof Y.XmlText) {
      current += node.toDelta().map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : '')).join('');
      return;
    }
    const isBlock = node instanceof Y.XmlElement && BLOCK_NODES.has(node.nodeName);
    if (node instanceof Y.XmlElement && node.nodeName === 'hardBreak') current += '\n';
    for (const child of node.toArray()) walk(child as Y.XmlElement | Y.XmlText);
    if (isBlock && current.trim()) {
      lines.push(current.trim());
      current = '';
    }
  };
  walk(bodyOf(doc));
  if (current.trim()) lines.push(current.trim());
  return lines.join('\n');
}

export function countWords(text: string): number {
  return text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

// ---- builders used by templates, the demo workspace and tests -------------------------------

export type BlockSpec =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; text: string; dir?: 'rtl' | 'ltr' }
  | { type: 'bulletList'; items: string[] };

export function blockElement(spec: BlockSpec): Y.XmlElement {
  const textElement = (nodeName: string, text: string) => {
    const element = new Y.XmlElement(nodeName);
    if (text) element.insert(0, [new Y.XmlText(text)]);
    return element;
  };
  switch (spec.type) {
    case 'heading': {
      const element = textElement('heading', spec.text);
      element.setAttribute('level', spec.level as unknown as string);
      return element;
    }
    case 'paragraph': {
      const element = textElement('paragraph', spec.text);
      if (spec.dir) element.setAttribute('dir', spec.dir);
      return element;
    }
    case 'bulletList': {
      const list = new Y.XmlElement('bulletList');
      list.insert(
        0,
        spec.items.map((item) => {
          const listItem = new Y.XmlElement('listItem');
          listItem.insert(0, [textElement('paragraph', item)]);
          return listItem;
        }),
      );
      return list;
    }
  }
}

export function appendBlocks(doc: Y.Doc, blocks: readonly BlockSpec[]): void {
  const body = bodyOf(doc);
  body.insert(body.length, blocks.map(blockElement));
}
