import { mergeAttributes, Node } from '@tiptap/core';
import { imageDimension, isSafeImageSource } from '../../../../shared/image-source.ts';

/**
 * Pictures in the body (Word imports bring them): a block node named "image" as shared/rich-text.ts
 * reads it. Only inline data: sources of PNG, JPEG, GIF or WebP within the size bound are shown or
 * accepted from a paste; any other source (remote, SVG, script) is dropped, whoever wrote it.
 */
export const SafeImage = Node.create({
  name: 'image',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      src: { default: null, parseHTML: (element: HTMLElement) => (isSafeImageSource(element.getAttribute('src')) ? element.getAttribute('src') : null) },
      alt: { default: '', parseHTML: (element: HTMLElement) => (element.getAttribute('alt') ?? '').slice(0, 500) },
      width: { default: null, parseHTML: (element: HTMLElement) => imageDimension(element.getAttribute('width')) },
      height: { default: null, parseHTML: (element: HTMLElement) => imageDimension(element.getAttribute('height')) },
    };
  },
  parseHTML() {
    return [{ tag: 'img[src]', getAttrs: (element: HTMLElement) => (isSafeImageSource(element.getAttribute('src')) ? null : false) }];
  },
  renderHTML({ HTMLAttributes }) {
    const src = isSafeImageSource(HTMLAttributes.src) ? HTMLAttributes.src : null;
    if (!src) return ['span', { class: 'doc-image-missing', 'data-alt': String(HTMLAttributes.alt ?? '') }];
    const width = imageDimension(HTMLAttributes.width);
    const height = imageDimension(HTMLAttributes.height);
    return ['img', mergeAttributes({ class: 'doc-image', src, alt: String(HTMLAttributes.alt ?? ''), draggable: 'true' }, width ? { width } : {}, height ? { height } : {})];
  },
});
