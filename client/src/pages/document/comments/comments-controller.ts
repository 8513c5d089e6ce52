import type { Editor } from '@tiptap/core';
import { createEffect, createMemo, createSignal, on, type Accessor } from 'solid-js';
import type { TextAnchor, Thread } from '../../../api/comments.ts';
import { anchorFromSelection } from './anchors.ts';
import { createCommentsStore, type CommentsStore } from './comments-store.ts';
import { CommentHighlights, REFRESH_META, type HighlightSource } from './highlights.ts';
import { openThreadsPerMeasure } from './thread-list.ts';

export interface CommentsController {
  store: CommentsStore;
  /** the editor extension that highlights anchored text */
  extension: ReturnType<typeof CommentHighlights.configure>;
  attachEditor(editor: Editor): () => void;
  hasSelection: Accessor<boolean>;
  takeSelection(): TextAnchor | null;
  activeId: Accessor<string | null>;
  select(threadId: string | null, from?: 'panel' | 'editor'): void;
  isDetached(thread: Thread): boolean;
  openPerMeasure: Accessor<Map<string, number>>;
  /** asks the side panel to show (comments about a measure, or after a shortcut) */
  onReveal(listener: () => void): void;
  reveal(): void;
}

/**
 * Ties a document's comment threads to its editor: highlights resolved after every change,
 * the selection a new thread will be anchored to, the thread shown as active on both sides.
 */
export function createCommentsController(documentId: string): CommentsController {
  const store = createCommentsStore(documentId);
  const [activeId, setActiveId] = createSignal<string | null>(null);
  const [attached, setAttached] = createSignal<ReadonlySet<string>>(new Set());
  const [bound, setBound] = createSignal(false);
  const [hasSelection, setHasSelection] = createSignal(false);
  let editor: Editor | undefined;
  let revealListener: (() => void) | undefined;

  const sources = createMemo<HighlightSource[]>(() =>
    store
      .threads()
      .filter((thread) => !thread.deleted || thread.replies.some((reply) => !reply.deleted))
      .flatMap((thread) => (thread.anchor?.type === 'text' ? [{ id: thread.id, anchor: thread.anchor, resolved: thread.resolved }] : [])),
  );

  const scrollTo = (selector: string) => queueMicrotask(() => document.querySelector(selector)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }));
  const select = (threadId: string | null, from: 'panel' | 'editor' = 'panel') => {
    setActiveId(threadId);
    if (!threadId) return;
    if (from === 'editor') {
      revealListener?.();
      scrollTo(`#thread-${CSS.escape(threadId)}`);
    } else {
      scrollTo(`.ProseMirror [data-thread="${CSS.escape(threadId)}"]`);
    }
  };

  const extension = CommentHighlights.configure({
    sources,
    activeId,
    onResolved: (ids) => {
      setAttached(ids);
      setBound(true);
    },
    onSelect: (threadId) => select(threadId, 'editor'),
    onShortcut: () => {
      revealListener?.();
      queueMicrotask(() => document.querySelector<HTMLButtonElement>('[data-testid="comment-selection"]')?.click());
      return true;
    },
  });

  // New, changed or removed threads, or another active one: redraw the highlights.
  createEffect(
    on(
      [sources, activeId],
      () => {
        if (editor && !editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(REFRESH_META, true));
      },
      { defer: true },
    ),
  );

  return {
    store,
    extension,
    attachEditor(instance) {
      editor = instance;
      const track = () => setHasSelection(!instance.state.selection.empty);
      instance.on('selectionUpdate', track);
      instance.on('transaction', track);
      return () => {
        instance.off('selectionUpdate', track);
        instance.off('transaction', track);
        if (editor === instance) editor = undefined;
        setBound(false);
        setHasSelection(false);
      };
    },
    hasSelection,
    takeSelection: () => (editor ? anchorFromSelection(editor.state) : null),
    activeId,
    select,
    isDetached: (thread) => {
      if (thread.anchor?.type !== 'text') return thread.anchorStatus === 'detached';
      return bound() ? !attached().has(thread.id) : thread.anchorStatus === 'detached';
    },
    openPerMeasure: createMemo(() => openThreadsPerMeasure(store.threads())),
    onReveal(listener) {
      revealListener = listener;
    },
    reveal: () => revealListener?.(),
  };
}
