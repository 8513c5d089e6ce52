import type { Editor } from '@tiptap/core';
import { createEffect, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import { suggestions as api, type NewSuggestion, type Suggestion } from '../../../api/suggestions.ts';
import { formatDateTime } from '../../../i18n/index.ts';
import { organisationColor } from '../../../lib/colors.ts';
import { followRoom, onResync, onServerEvent } from '../../../realtime/socket.ts';
import { SuggestMode, SUGGESTIONS_REFRESH } from './suggest-mode.ts';
import { blockLabel } from './suggestion-labels.ts';

export interface SuggestionsController {
  list: Accessor<Suggestion[]>;
  error: Accessor<unknown>;
  reload(): Promise<void>;
  extension: ReturnType<typeof SuggestMode.configure>;
  attachEditor(editor: Editor): () => void;
  activeId: Accessor<string | null>;
  select(id: string | null): void;
  onReveal(listener: () => void): void;
  accept(id: string): Promise<void>;
  reject(id: string): Promise<void>;
  acceptAll(): Promise<void>;
  rejectAll(): Promise<void>;
  linkThread(id: string, threadId: string): Promise<void>;
}

/**
 * The open suggestions of a document and the suggestion mode of its editor: loaded once, read
 * again whenever the document room says they changed (suggestions:changed) or after a reconnection.
 */
export function createSuggestionsController(documentId: string, options: { active: Accessor<boolean>; myColor: () => string }): SuggestionsController {
  const [list, setList] = createSignal<Suggestion[]>([]);
  const [error, setError] = createSignal<unknown>();
  const [activeId, setActiveId] = createSignal<string | null>(null);
  let editor: Editor | undefined;
  let revealListener: (() => void) | undefined;
  let generation = 0;

  const reload = async () => {
    const mine = ++generation;
    try {
      const fresh = await api.list(documentId);
      if (mine === generation) {
        setList(fresh);
        setError(undefined);
      }
    } catch (failure) {
      if (mine === generation) setError(failure);
    }
  };
  const stops = [
    followRoom({ type: 'document', id: documentId }),
    onServerEvent('suggestions:changed', (event) => event.documentId === documentId && void reload()),
    onResync(() => void reload()),
  ];
  onCleanup(() => {
    for (const stop of stops) stop();
  });
  void reload();

  const suggest = async (ops: NewSuggestion[]) => {
    try {
      const created = await api.create(documentId, ops);
      setList((current) => [...current.filter((s) => !created.some((c) => c.id === s.id)), ...created]);
      setError(undefined);
    } catch (failure) {
      setError(failure);
    }
  };

  const extension = SuggestMode.configure({
    active: options.active,
    suggestions: list,
    colorOf: (suggestion) => organisationColor(suggestion.author.organisationId),
    describe: (suggestion) => `${suggestion.author.name} · ${formatDateTime(suggestion.createdAt)}`,
    blockLabel,
    onSelect: (id) => {
      setActiveId(id);
      revealListener?.();
      queueMicrotask(() => document.getElementById(`suggestion-${id}`)?.scrollIntoView({ block: 'nearest' }));
    },
    onSuggest: (ops) => void suggest(ops),
    myColor: options.myColor,
  });

  createEffect(
    on(
      list,
      () => {
        if (editor && !editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(SUGGESTIONS_REFRESH, true));
      },
      { defer: true },
    ),
  );

  const decide = async (call: Promise<unknown>) => {
    try {
      await call;
      setError(undefined);
    } catch (failure) {
      setError(failure);
    }
    await reload();
  };

  return {
    list,
    error,
    reload,
    extension,
    attachEditor(instance) {
      editor = instance;
      return () => {
        if (editor === instance) editor = undefined;
      };
    },
    activeId,
    select: setActiveId,
    onReveal(listener) {
      revealListener = listener;
    },
    accept: (id) => decide(api.accept(documentId, id)),
    reject: (id) => decide(api.reject(documentId, id)),
    acceptAll: () => decide(api.acceptAll(documentId)),
    rejectAll: () => decide(api.rejectAll(documentId)),
    linkThread: (id, threadId) => decide(api.linkThread(documentId, id, threadId)),
  };
}
