import type { Editor } from '@tiptap/core';
import { Show } from 'solid-js';
import { t, type MessageKey } from '../../i18n/index.ts';

/** Insert a table; inside one, add or remove rows and columns. */
export function TableTools(props: { editor: Editor; revision: number }) {
  const inTable = () => (props.revision, props.editor.isActive('table'));
  const chain = () => props.editor.chain().focus();
  const tool = (label: MessageKey, glyph: string, run: () => boolean) => (
    <button type="button" class="tool" title={t(label)} aria-label={t(label)} onClick={run}>
      {glyph}
    </button>
  );
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of buttons, not of form fields: ARIA's group, as in the toolbar pattern; a fieldset is for fields
    <span class="tool-group" role="group" aria-label={t('editor.table')}>
      {tool('editor.insertTable', '▦', () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run())}
      <Show when={inTable()}>
        {tool('editor.addRow', '+≡', () => chain().addRowAfter().run())}
        {tool('editor.addColumn', '+⫼', () => chain().addColumnAfter().run())}
        {tool('editor.deleteRow', '−≡', () => chain().deleteRow().run())}
        {tool('editor.deleteColumn', '−⫼', () => chain().deleteColumn().run())}
        {tool('editor.deleteTable', '✕▦', () => chain().deleteTable().run())}
      </Show>
    </span>
  );
}
