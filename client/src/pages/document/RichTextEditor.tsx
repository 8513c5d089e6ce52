import { Editor, type Extensions } from '@tiptap/core';
import { Show, createEffect, createSignal, onCleanup, onMount } from 'solid-js';
import type { Locale } from '../../api/types.ts';
import { t } from '../../i18n/index.ts';
import type { CollabSession, PeerUser } from './collab-session.ts';
import { editorExtensions } from './editor-extensions.ts';
import { EditorToolbar } from './EditorToolbar.tsx';

/**
 * The document body, co-edited live: Tiptap bound to the Y.Doc's `body` fragment. Styles are
 * shipped in editor.css (injectCSS off), so nothing needs an inline <style> under the CSP.
 */
export function RichTextEditor(props: {
  session: CollabSession;
  me: PeerUser;
  editable: boolean;
  /** changes become suggestions (drawn differently, no block tools) */
  suggesting?: boolean;
  label: string;
  /** the document's language: its root direction (Arabic right-to-left) and lang, whatever the interface's */
  language: Locale;
  /** more extensions (comment highlights) */
  extensions?: Extensions;
  /** the editor once made; the function it returns is called when it goes */
  onEditor?: (editor: Editor) => () => void;
}) {
  let host!: HTMLDivElement;
  const [editor, setEditor] = createSignal<Editor>();
  // Bumped on every transaction so the toolbar re-reads the selection's marks and nodes.
  const [revision, setRevision] = createSignal(0);

  onMount(() => {
    const instance = new Editor({
      element: host,
      extensions: [...editorExtensions(props.session.doc, props.session.provider, props.me), ...(props.extensions ?? [])],
      editable: props.editable,
      injectCSS: false,
      editorProps: {
        attributes: {
          class: 'prose',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': props.label,
          'data-testid': 'editor',
        },
      },
    });
    instance.on('transaction', () => setRevision((n) => n + 1));
    setEditor(instance);
    const detach = props.onEditor?.(instance);
    onCleanup(() => {
      detach?.();
      instance.destroy();
    });
  });

  createEffect(() => {
    const instance = editor();
    if (instance && instance.isEditable !== props.editable) instance.setEditable(props.editable);
  });

  createEffect(() => {
    // The editing surface follows the document's language (an Arabic document opens right to left
    // in a French interface too); each block still has dir="auto" for mixed content.
    host.setAttribute('dir', props.language === 'ar' ? 'rtl' : 'ltr');
    host.setAttribute('lang', props.language);
  });

  return (
    <div class="editor-frame" classList={{ 'read-only': !props.editable, suggesting: props.suggesting }} data-suggesting={props.suggesting ? 'true' : undefined}>
      <Show when={props.editable && editor()}>{(instance) => <EditorToolbar editor={instance()} revision={revision()} />}</Show>
      <div ref={host} class="editor-host" />
      <Show when={!props.session.ready()}>
        <p class="muted small editor-loading">{t('editor.loading')}</p>
      </Show>
    </div>
  );
}
