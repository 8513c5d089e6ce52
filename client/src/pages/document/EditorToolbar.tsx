import type { Editor } from '@tiptap/core';
import { For, Show, createSignal, type JSX } from 'solid-js';
import { isRtl, t, type MessageKey } from '../../i18n/index.ts';
import { LinkForm } from './LinkForm.tsx';
import { TableTools } from './TableTools.tsx';

type Block = 'paragraph' | 'h1' | 'h2' | 'h3';

function currentBlock(editor: Editor): Block {
  for (const level of [1, 2, 3] as const) if (editor.isActive('heading', { level })) return `h${level}`;
  return 'paragraph';
}

function setBlock(editor: Editor, block: Block): void {
  const chain = editor.chain().focus();
  if (block === 'paragraph') chain.setParagraph().run();
  else chain.setHeading({ level: Number(block.slice(1)) as 1 | 2 | 3 }).run();
}

function setDirection(editor: Editor, dir: 'auto' | 'rtl' | 'ltr'): void {
  const type = editor.state.selection.$from.parent.type.name;
  editor.chain().focus().updateAttributes(type, { dir }).run();
}

/** Arrow keys move between toolbar controls (mirrored in right-to-left), as in the ARIA toolbar pattern. */
function moveFocus(event: KeyboardEvent): void {
  if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
  const toolbar = event.currentTarget as HTMLElement;
  const controls = [...toolbar.querySelectorAll<HTMLElement>('button:not([disabled]), select')];
  const index = controls.indexOf(document.activeElement as HTMLElement);
  if (index < 0) return;
  const forward = (event.key === 'ArrowRight') !== isRtl();
  controls[(index + (forward ? 1 : controls.length - 1)) % controls.length]?.focus();
  event.preventDefault();
}

/** A chain link, drawn (emoji fonts are not on every machine). */
const LinkIcon = () => (
  <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round">
    <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1" />
    <path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
  </svg>
);

/** A numbered list, drawn: a visible "1." would not match the button's spoken name. */
const OrderedListIcon = () => (
  <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round">
    <path d="M10 6h11M10 12h11M10 18h11" />
    <path d="M4 4v4M3 4h1M3 16h2l-2 4h2" stroke-width="1.5" />
  </svg>
);

export function EditorToolbar(props: { editor: Editor; revision: number }) {
  const [linking, setLinking] = createSignal(false);
  const active = (name: string, attributes?: Record<string, unknown>) => (props.revision, props.editor.isActive(name, attributes));
  const mark = (label: MessageKey, name: string, run: () => void, glyph: JSX.Element) => (
    <button type="button" class="tool" aria-pressed={active(name)} title={t(label)} aria-label={t(label)} onClick={run}>
      {glyph}
    </button>
  );
  const chain = () => props.editor.chain().focus();
  return (
    <div class="editor-toolbar" role="toolbar" aria-label={t('editor.toolbar')} onKeyDown={moveFocus}>
      <select aria-label={t('editor.blockType')} value={(props.revision, currentBlock(props.editor))} onChange={(e) => setBlock(props.editor, e.currentTarget.value as Block)}>
        <option value="paragraph">{t('editor.paragraph')}</option>
        <option value="h1">{t('editor.heading1')}</option>
        <option value="h2">{t('editor.heading2')}</option>
        <option value="h3">{t('editor.heading3')}</option>
      </select>
      <span class="tool-group">
        {mark('editor.bold', 'bold', () => chain().toggleBold().run(), <b>B</b>)}
        {mark('editor.italic', 'italic', () => chain().toggleItalic().run(), <i>I</i>)}
        {mark('editor.underline', 'underline', () => chain().toggleUnderline().run(), <u>U</u>)}
        {mark('editor.strike', 'strike', () => chain().toggleStrike().run(), <s>S</s>)}
      </span>
      <span class="tool-group">
        {mark('editor.bulletList', 'bulletList', () => chain().toggleBulletList().run(), <span aria-hidden="true">••</span>)}
        {mark('editor.orderedList', 'orderedList', () => chain().toggleOrderedList().run(), <OrderedListIcon />)}
        {mark('editor.quote', 'blockquote', () => chain().toggleBlockquote().run(), <span aria-hidden="true">❝</span>)}
        {mark('editor.link', 'link', () => setLinking(!linking()), <LinkIcon />)}
      </span>
      {/* biome-ignore lint/a11y/useSemanticElements: a group of buttons, not of form fields: ARIA's group, as in the toolbar pattern; a fieldset is for fields */}
      <span class="tool-group" role="group" aria-label={t('editor.direction')}>
        <For each={['auto', 'rtl', 'ltr'] as const}>
          {(dir) => (
            <button
              type="button"
              class="tool"
              title={t(`editor.dir.${dir}`)}
              aria-label={t(`editor.dir.${dir}`)}
              aria-pressed={(props.revision, props.editor.state.selection.$from.parent.attrs.dir === dir)}
              onClick={() => setDirection(props.editor, dir)}>
              {dir === 'auto' ? 'A' : dir === 'rtl' ? '⇠' : '⇢'}
            </button>
          )}
        </For>
      </span>
      <TableTools editor={props.editor} revision={props.revision} />
      <span class="tool-group">
        <button type="button" class="tool" title={t('editor.undo')} aria-label={t('editor.undo')} onClick={() => chain().undo().run()}>
          <span class="history-icon" aria-hidden="true">
            ↶
          </span>
        </button>
        <button type="button" class="tool" title={t('editor.redo')} aria-label={t('editor.redo')} onClick={() => chain().redo().run()}>
          <span class="history-icon" aria-hidden="true">
            ↷
          </span>
        </button>
      </span>
      <Show when={linking()}>
        <LinkForm editor={props.editor} onDone={() => setLinking(false)} />
      </Show>
    </div>
  );
}
