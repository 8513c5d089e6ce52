import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { TextAnchor } from '../../../api/comments.ts';
import { bindingOf, rangeFromAnchor } from './anchors.ts';

/** A thread to highlight: its id and text anchor. */
export interface HighlightSource {
  id: string;
  anchor: TextAnchor;
  resolved: boolean;
}

export interface CommentHighlightOptions {
  /** the threads with a text anchor, read on each refresh */
  sources: () => HighlightSource[];
  /** the thread shown as selected */
  activeId: () => string | null;
  /** after each refresh: the threads whose text is still there */
  onResolved: (attachedIds: ReadonlySet<string>) => void;
  /** a highlight was clicked */
  onSelect: (threadId: string) => void;
  /** Mod-Alt-M: comment on the selection */
  onShortcut: () => boolean;
}

export const commentHighlightsKey = new PluginKey<{ decorations: DecorationSet; attached: Set<string> }>('commentHighlights');

/** Tell the plugin that the threads or the active one changed. */
export const REFRESH_META = 'commentHighlights/refresh';

function build(state: EditorState, options: CommentHighlightOptions): { decorations: DecorationSet; attached: Set<string> } {
  const binding = bindingOf(state);
  const attached = new Set<string>();
  if (!binding) return { decorations: DecorationSet.empty, attached };
  const active = options.activeId();
  const decorations: Decoration[] = [];
  for (const source of options.sources()) {
    const range = rangeFromAnchor(binding, source.anchor, state.doc.content.size);
    if (!range) continue;
    attached.add(source.id);
    const classes = ['comment-highlight', source.resolved ? 'resolved' : '', source.id === active ? 'active' : ''].filter(Boolean).join(' ');
    decorations.push(Decoration.inline(range.from, range.to, { class: classes, 'data-thread': source.id }, { threadId: source.id }));
  }
  return { decorations: DecorationSet.create(state.doc, decorations), attached };
}

/**
 * Highlights the text each comment thread is anchored to. The relative positions are resolved
 * again after every change of the document (local or remote), so highlights follow edits and
 * vanish when their text is deleted (the thread is then reported detached).
 */
export const CommentHighlights = Extension.create<CommentHighlightOptions>({
  name: 'commentHighlights',
  addOptions() {
    return { sources: () => [], activeId: () => null, onResolved: () => undefined, onSelect: () => undefined, onShortcut: () => false };
  },
  addKeyboardShortcuts() {
    return { 'Mod-Alt-m': () => (this.editor.state.selection.empty ? false : this.options.onShortcut()) };
  },
  addProseMirrorPlugins() {
    const options = this.options;
    let lastReported = '';
    return [
      new Plugin({
        key: commentHighlightsKey,
        state: {
          init: (_config, state) => build(state, options),
          apply: (tr, previous, _old, state) => (tr.docChanged || tr.getMeta(REFRESH_META) || !bindingOf(_old) ? build(state, options) : previous),
        },
        props: {
          decorations: (state) => commentHighlightsKey.getState(state)?.decorations,
          handleClick: (view, pos) => {
            const found = commentHighlightsKey.getState(view.state)?.decorations.find(pos, pos);
            const threadId = found?.[0]?.spec.threadId as string | undefined;
            if (threadId) options.onSelect(threadId);
            return false;
          },
        },
        view: () => ({
          update: (view) => {
            const attached = commentHighlightsKey.getState(view.state)?.attached ?? new Set<string>();
            const key = [...attached].sort().join(',');
            if (key !== lastReported) {
              lastReported = key;
              options.onResolved(attached);
            }
          },
        }),
      }),
    ];
  },
});
