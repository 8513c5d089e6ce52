import { Extension, type Extensions } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { bodyOf } from '../../../../shared/doc-schema.ts';
import { isSafeHref } from '../../lib/safe-url.ts';
import { readPeerUser, type PeerUser } from './collab-session.ts';
import { SafeImage } from './image-node.ts';

const DIRECTIONS = new Set(['ltr', 'rtl', 'auto']);
const BLOCKS = ['paragraph', 'heading', 'listItem', 'blockquote', 'tableCell', 'tableHeader', 'codeBlock'];

/**
 * Every block carries `dir`: "auto" unless someone chose a direction, so French and Arabic
 * paragraphs sit side by side each in its own direction. Values from the network are checked.
 */
export const BlockDirection = Extension.create({
  name: 'blockDirection',
  addGlobalAttributes() {
    return [
      {
        types: BLOCKS,
        attributes: {
          dir: {
            default: 'auto',
            parseHTML: (element: HTMLElement) => (DIRECTIONS.has(element.getAttribute('dir') ?? '') ? element.getAttribute('dir') : 'auto'),
            renderHTML: (attributes: Record<string, unknown>) => ({ dir: DIRECTIONS.has(String(attributes.dir)) ? String(attributes.dir) : 'auto' }),
          },
        },
      },
    ];
  },
});

/** A remote caret: coloured bar plus a label "name · ORG"; colours through CSSOM only (CSP). */
export function renderCaret(raw: Record<string, unknown>): HTMLElement {
  const user = readPeerUser(raw) ?? { name: '?', color: '#5b6470' };
  const caret = document.createElement('span');
  caret.className = 'collaboration-carets__caret';
  caret.style.borderColor = user.color;
  const label = document.createElement('span');
  label.className = 'collaboration-carets__label';
  label.style.backgroundColor = user.color;
  label.textContent = user.organisationCode ? `${user.name} · ${user.organisationCode.toUpperCase()}` : user.name;
  caret.append(label);
  return caret;
}

export function editorExtensions(doc: Y.Doc, provider: WebsocketProvider, me: PeerUser): Extensions {
  return [
    StarterKit.configure({
      undoRedo: false, // Collaboration brings an undo that only undoes one's own changes
      heading: { levels: [1, 2, 3] },
      codeBlock: false,
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        isAllowedUri: (url) => isSafeHref(url),
        shouldAutoLink: (url) => isSafeHref(url),
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
      },
    }),
    TableKit.configure({ table: { resizable: false } }),
    SafeImage,
    BlockDirection,
    Collaboration.configure({ fragment: bodyOf(doc) }),
    CollaborationCaret.configure({
      provider,
      user: me,
      render: renderCaret,
      selectionRender: (raw: Record<string, unknown>) => ({
        nodeName: 'span',
        class: 'collaboration-carets__selection',
        style: `background-color: ${readPeerUser(raw)?.color ?? '#5b6470'}33`,
      }),
    }),
  ];
}
