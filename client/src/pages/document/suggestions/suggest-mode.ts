import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state';
import { ReplaceStep } from '@tiptap/pm/transform';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type { NewSuggestion, Suggestion } from '../../../api/suggestions.ts';
import { bindingOf } from '../comments/anchors.ts';
import { blockAt, blockIndex, blockTypeOps, insertBlockOp, isStructural, joinOp, kindOf, placeAt, rangeDeleteOps, splitOp, textBlockContext } from './suggestion-blocks.ts';
import { opsFromTransaction, replaceOps, suggestionRange, suggestibleText } from './suggestion-ops.ts';

/**
 * Text being typed as a suggestion, not yet sent: it replaces `from`–`to` with `text`. Typing
 * letter by letter grows one draft, sent as one suggestion once the person pauses or moves away.
 */
export interface Draft {
  from: number;
  to: number;
  text: string;
  /** a new paragraph (or list item) after the block or item at `unitPos`, typed into from the end of the text block before it */
  block?: { unitPos: number; inItem: boolean };
}

export interface SuggestModeOptions {
  /** whether changes are suggested instead of made (always, for comment access) */
  active: () => boolean;
  /** the open suggestions to show */
  suggestions: () => Suggestion[];
  colorOf: (suggestion: Suggestion) => string;
  /** "name · time", for the title of each suggestion */
  describe: (suggestion: Suggestion) => string;
  /** what a structural suggestion does, shortly ("→ Titre 2", "Nouveau paragraphe"), shown beside the block */
  blockLabel: (suggestion: Suggestion) => string;
  /** the suggestion under a click */
  onSelect: (id: string) => void;
  /** changes to send to the server */
  onSuggest: (ops: NewSuggestion[]) => void;
  /** the colour of my own draft */
  myColor: () => string;
}

interface SuggestState {
  draft: Draft | null;
  /** bumped when the suggestions change, so that the decorations are drawn again */
  revision: number;
}

export const suggestModeKey = new PluginKey<SuggestState>('suggestMode');
/** Redraw: the suggestions changed. */
export const SUGGESTIONS_REFRESH = 'suggestMode/refresh';
const DRAFT_META = 'suggestMode/draft';
/** How long a pause in typing sends the draft. */
const DRAFT_IDLE_MS = 900;

function styled(color: string, className: string, text: string, title: string, id?: string): HTMLElement {
  const span = document.createElement('span');
  if (id) span.dataset.suggestion = id;
  span.className = className;
  span.textContent = text;
  span.title = title;
  // Through CSSOM, which the content security policy allows (no style attribute).
  span.style.setProperty('--suggestion-color', color);
  return span;
}

function build(state: EditorState, options: SuggestModeOptions, draft: Draft | null): DecorationSet {
  const binding = bindingOf(state);
  if (!binding) return DecorationSet.empty;
  const decorations: Decoration[] = [];
  let blocks: Map<EditorState['doc'], number> | undefined;
  for (const suggestion of options.suggestions()) {
    if (kindOf(suggestion) !== 'text') {
      blocks ??= blockIndex(state.doc);
      decorations.push(...blockDecorations(state, binding, blocks, suggestion, options));
      continue;
    }
    const range = suggestionRange(binding, suggestion, state.doc.content.size);
    if (!range) continue;
    const color = options.colorOf(suggestion);
    const title = options.describe(suggestion);
    const spec = { suggestionId: suggestion.id };
    const attrs = { 'data-suggestion': suggestion.id, title, style: `--suggestion-color: ${color}` };
    if (suggestion.mark) {
      decorations.push(Decoration.inline(range.from, range.to, { ...attrs, class: 'suggestion-format' }, spec));
      continue;
    }
    if (range.to > range.from) decorations.push(Decoration.inline(range.from, range.to, { ...attrs, class: 'suggestion-delete' }, spec));
    if (suggestion.text) {
      decorations.push(
        Decoration.widget(range.to, () => styled(color, 'suggestion-insert', suggestion.text, title, suggestion.id), {
          side: 1,
          key: `suggestion-${suggestion.id}-${suggestion.text}`,
          ...spec,
        }),
      );
    }
  }
  if (draft?.block) {
    const unit = state.doc.nodeAt(draft.block.unitPos);
    if (unit) {
      const color = options.myColor();
      const at = draft.block.unitPos + unit.nodeSize;
      decorations.push(
        Decoration.widget(at, () => newBlock(draft.block!.inItem ? 'li' : 'p', color, `${draft.text}\u258F`, '', undefined, 'draft'), {
          side: 1,
          key: `draft-block-${draft.text}`,
        }),
      );
    }
  } else if (draft) {
    const color = options.myColor();
    if (draft.to > draft.from) decorations.push(Decoration.inline(draft.from, draft.to, { class: 'suggestion-delete draft', style: `--suggestion-color: ${color}` }));
    // Before the caret (side -1), so that the caret sits after what was typed.
    if (draft.text) decorations.push(Decoration.widget(draft.to, () => styled(color, 'suggestion-insert draft', draft.text, ''), { side: -1, key: `draft-${draft.text}` }));
  }
  return DecorationSet.create(state.doc, decorations);
}

/** A suggested new block, drawn where it would go. */
function newBlock(tag: string, color: string, text: string, title: string, id?: string, extra = ''): HTMLElement {
  const element = document.createElement(tag);
  element.className = `suggestion-insert suggestion-new-block ${extra}`.trim();
  element.textContent = text;
  element.title = title;
  element.setAttribute('dir', 'auto');
  if (id) element.dataset.suggestion = id;
  element.style.setProperty('--suggestion-color', color);
  return element;
}

/** The decorations of a structural suggestion: a new block where it goes, a mark where a block splits or joins, the block outlined otherwise. */
function blockDecorations(
  state: EditorState,
  binding: NonNullable<ReturnType<typeof bindingOf>>,
  blocks: Map<EditorState['doc'], number>,
  suggestion: Suggestion,
  options: SuggestModeOptions,
): Decoration[] {
  const color = options.colorOf(suggestion);
  const title = `${options.blockLabel(suggestion)} — ${options.describe(suggestion)}`;
  const spec = { suggestionId: suggestion.id };
  const attrs = { 'data-suggestion': suggestion.id, title, style: `--suggestion-color: ${color}`, 'data-suggestion-label': options.blockLabel(suggestion) };
  switch (suggestion.kind) {
    case 'split': {
      const pos = placeAt(binding, suggestion.start, state.doc.content.size);
      if (pos === null) return [];
      return [Decoration.widget(pos, () => styledMark(color, 'suggestion-split', '¶', title, suggestion.id), { side: 1, key: `suggestion-${suggestion.id}`, ...spec })];
    }
    case 'insert_block': {
      const at = blockAt(binding, blocks, suggestion.start);
      if (!at) return [];
      const type = suggestion.block?.type;
      const tag = type === 'list_item' ? 'li' : type === 'heading' ? `h${suggestion.block?.level ?? 2}` : 'p';
      const pos = suggestion.block?.side === 'before' ? at.pos : at.pos + at.node.nodeSize;
      return [
        Decoration.widget(pos, () => newBlock(tag, color, suggestion.text || '¶', title, suggestion.id), {
          side: 1,
          key: `suggestion-${suggestion.id}-${suggestion.text}`,
          ...spec,
        }),
      ];
    }
    case 'join': {
      const at = blockAt(binding, blocks, suggestion.end);
      return at ? [Decoration.node(at.pos, at.pos + at.node.nodeSize, { ...attrs, class: 'suggestion-block suggestion-join' }, spec)] : [];
    }
    case 'delete_block': {
      const at = blockAt(binding, blocks, suggestion.start);
      return at ? [Decoration.node(at.pos, at.pos + at.node.nodeSize, { ...attrs, class: 'suggestion-block suggestion-delete-block' }, spec)] : [];
    }
    case 'set_block': {
      const at = blockAt(binding, blocks, suggestion.start);
      return at ? [Decoration.node(at.pos, at.pos + at.node.nodeSize, { ...attrs, class: 'suggestion-block suggestion-set-block' }, spec)] : [];
    }
    default:
      return [];
  }
}

const styledMark = (color: string, className: string, text: string, title: string, id: string) => styled(color, className, text, title, id);

const isRemote = (meta: unknown) => meta !== undefined;

/** The text of a transaction that only inserts inline text at the selection, or null. */
function typedText(tr: Transaction): string | null {
  if (tr.steps.length !== 1) return null;
  const step = tr.steps[0];
  if (!(step instanceof ReplaceStep) || step.from !== step.to) return null;
  const { content } = step.slice;
  if (step.slice.openStart !== 0 || step.slice.openEnd !== 0 || content.childCount === 0) return null;
  let text = '';
  let onlyText = true;
  content.forEach((node) => {
    if (node.isText) text += node.text ?? '';
    else onlyText = false;
  });
  return onlyText && text ? text : null;
}

/**
 * Suggestion mode: while active, nothing typed changes the document (the server would refuse it
 * from a commenter anyway). Typing, deleting, pasting and formatting become suggestions, drawn
 * inline in their author's colour; the open suggestions of everyone are drawn the same way.
 */
export const SuggestMode = Extension.create<SuggestModeOptions>({
  name: 'suggestMode',
  // Before the editor's own keys (Backspace joins paragraphs, Enter splits them).
  priority: 1000,
  addOptions() {
    return {
      active: () => false,
      suggestions: () => [],
      colorOf: () => '#5b6470',
      describe: () => '',
      blockLabel: () => '',
      onSelect: () => undefined,
      onSuggest: () => undefined,
      myColor: () => '#5b6470',
    };
  },
  addProseMirrorPlugins() {
    const options = this.options;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cache: { doc: EditorState['doc']; own: SuggestState; bound: boolean; decorations: DecorationSet } | undefined;
    let editorView: EditorView | undefined;

    const draftOf = (state: EditorState) => suggestModeKey.getState(state)?.draft ?? null;
    const setDraft = (view: EditorView, draft: Draft | null, caret?: number) => {
      const tr = view.state.tr.setMeta(DRAFT_META, { draft });
      if (caret !== undefined) tr.setSelection(TextSelection.create(view.state.doc, caret));
      view.dispatch(tr);
      clearTimeout(timer);
      if (draft) timer = setTimeout(() => flush(view), DRAFT_IDLE_MS);
    };
    const flush = (view: EditorView) => {
      clearTimeout(timer);
      const draft = draftOf(view.state);
      const binding = bindingOf(view.state);
      if (!draft) return;
      if (binding && draft.block) {
        const op = draft.text ? insertBlockOp(binding, view.state.doc, draft.block.unitPos, draft.block.inItem, draft.text) : null;
        if (op) options.onSuggest([op]);
      } else if (binding) {
        const ops = replaceOps(view.state.doc, binding, draft.from, draft.to, draft.text);
        if (ops.length > 0) options.onSuggest(ops);
      }
      if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(DRAFT_META, { draft: null }));
    };
    const suggestNow = (view: EditorView, from: number, to: number, text: string) => {
      flush(view);
      const binding = bindingOf(view.state);
      if (!binding) return;
      // A deletion over whole blocks deletes them as blocks (and joins the two it cuts into).
      const structural = text === '' ? rangeDeleteOps(binding, view.state.doc, from, to) : null;
      const ops = structural ?? replaceOps(view.state.doc, binding, from, to, text);
      if (ops.length > 0) options.onSuggest(ops);
    };
    const suggestOne = (view: EditorView, make: (binding: NonNullable<ReturnType<typeof bindingOf>>) => NewSuggestion | null) => {
      flush(view);
      const binding = bindingOf(view.state);
      const op = binding ? make(binding) : null;
      if (op) options.onSuggest([op]);
    };

    /** Enter: at the end of a paragraph (or list item) a new one follows, typed into as a draft; elsewhere the paragraph splits. */
    const enter = (view: EditorView): boolean => {
      // Enter in a new paragraph's draft sends it; a second new paragraph after a suggested one
      // has no block to stand beside yet (it would land before the first), so one at a time.
      const drafting = Boolean(draftOf(view.state)?.block);
      flush(view);
      if (drafting) return true;
      const { selection } = view.state;
      if (!selection.empty) return true;
      const context = textBlockContext(selection.$from);
      if (!context) return true;
      const $at = selection.$from;
      if ($at.parentOffset === $at.parent.content.size && $at.parent.content.size > 0) {
        setDraft(view, { from: $at.pos, to: $at.pos, text: '', block: { unitPos: context.unitPos, inItem: context.inItem } }, $at.pos);
      } else {
        suggestOne(view, (binding) => splitOp(binding, $at.pos));
      }
      return true;
    };

    /** Typing a character: grows the draft at the caret, or starts one over the selection. */
    const type = (view: EditorView, text: string): boolean => {
      const { selection } = view.state;
      const draft = draftOf(view.state);
      if (draft && selection.empty && selection.from === draft.to) {
        setDraft(view, { ...draft, text: draft.text + text }, draft.to);
        return true;
      }
      flush(view);
      const { from, to } = selection;
      if (!selection.empty && !view.state.doc.resolve(from).sameParent(view.state.doc.resolve(to))) {
        // Over several paragraphs: delete them now, type after.
        suggestNow(view, from, to, '');
        setDraft(view, { from: to, to, text }, to);
        return true;
      }
      setDraft(view, { from, to, text }, to);
      return true;
    };

    /** Backspace and Delete: shrink the draft, or suggest deleting the character (the selection). */
    const erase = (view: EditorView, forward: boolean): boolean => {
      const { selection, doc } = view.state;
      const draft = draftOf(view.state);
      if (!selection.empty) {
        suggestNow(view, selection.from, selection.to, '');
        return true;
      }
      const at = selection.from;
      if (draft?.block && at === draft.to) {
        // Backspace in a new block's draft takes its last letter, or the new block itself.
        if (!forward) setDraft(view, draft.text ? { ...draft, text: draft.text.slice(0, -1) } : null, at);
        return true;
      }
      if (draft && !forward && draft.text && at === draft.to) {
        const text = draft.text.slice(0, -1);
        setDraft(view, text || draft.to > draft.from ? { ...draft, text } : null, draft.to);
        return true;
      }
      const $at = doc.resolve(at);
      if (draft && !draft.text) {
        // Growing a deletion: leftwards from its start, rightwards from its end.
        if (!forward && at === draft.from && $at.parentOffset > 0) return (setDraft(view, { ...draft, from: at - 1 }, at - 1), true);
        if (forward && at === draft.from && draft.to < $at.end()) return (setDraft(view, { ...draft, to: draft.to + 1 }, at), true);
      }
      flush(view);
      // At the edge of a paragraph: join it with its neighbour.
      if ((!forward && $at.parentOffset === 0) || (forward && $at.parentOffset === $at.parent.content.size)) {
        suggestOne(view, (binding) => joinOp(binding, view.state.doc, view.state.doc.resolve(at), !forward));
        return true;
      }
      if (!forward && $at.parentOffset > 0) setDraft(view, { from: at - 1, to: at, text: '' }, at - 1);
      else if (forward && at < $at.end()) setDraft(view, { from: at, to: at + 1, text: '' }, at);
      return true;
    };

    return [
      new Plugin<SuggestState>({
        key: suggestModeKey,
        // Only the draft lives in the state: the decorations need the sync plugin's binding, whose
        // state is computed after ours (this plugin comes first for its keys), so they are drawn
        // from the finished state, once per document, draft and revision.
        state: {
          init: () => ({ draft: null, revision: 0 }),
          apply: (tr, previous) => {
            const meta = tr.getMeta(DRAFT_META) as { draft: Draft | null } | undefined;
            let draft = meta ? meta.draft : previous.draft;
            if (draft && tr.docChanged) {
              // Someone else's edit moved the text under the draft.
              draft = { ...draft, from: tr.mapping.map(draft.from, -1), to: tr.mapping.map(draft.to, 1) };
              if (draft.block) draft.block = { ...draft.block, unitPos: tr.mapping.map(draft.block.unitPos, 1) };
            }
            const revision = tr.getMeta(SUGGESTIONS_REFRESH) ? previous.revision + 1 : previous.revision;
            return draft === previous.draft && revision === previous.revision ? previous : { draft, revision };
          },
        },
        // The last guard: while suggesting, no local change reaches the document; what it meant is suggested instead.
        filterTransaction: (tr, state) => {
          if (!options.active() || !tr.docChanged || isRemote(tr.getMeta(ySyncPluginKey))) return true;
          // Text that arrives without a key press (accented letters, input methods, dictation)
          // joins the draft like typed letters do, instead of becoming a suggestion per letter.
          const typed = typedText(tr);
          if (typed && editorView) {
            const view = editorView;
            queueMicrotask(() => type(view, typed));
            return false;
          }
          const binding = bindingOf(state);
          // The toolbar's heading and list buttons: each block whose type changed is one suggestion.
          const ops = !binding ? [] : isStructural(tr) ? blockTypeOps(tr, binding) : opsFromTransaction(tr, binding);
          if (ops.length > 0) queueMicrotask(() => options.onSuggest(ops));
          return false;
        },
        props: {
          decorations: (state) => {
            const own = suggestModeKey.getState(state);
            const bound = Boolean(bindingOf(state));
            if (!own) return null;
            if (cache && cache.doc === state.doc && cache.own === own && cache.bound === bound) return cache.decorations;
            cache = { doc: state.doc, own, bound, decorations: build(state, options, own.draft) };
            return cache.decorations;
          },
          handleKeyPress: (view, event) => {
            if (!options.active() || event.ctrlKey || event.metaKey || !event.key || event.key.length !== 1) return false;
            return type(view, event.key);
          },
          handleKeyDown: (view, event) => {
            if (!options.active()) return false;
            if (event.key === 'Backspace') return erase(view, false);
            if (event.key === 'Delete') return erase(view, true);
            if (event.key === 'Enter') return event.shiftKey ? true : enter(view);
            if (event.key === 'Escape' || event.key.startsWith('Arrow') || event.key === 'Tab') flush(view);
            return false;
          },
          handlePaste: (view, _event, slice) => {
            if (!options.active()) return false;
            const text = suggestibleText(slice.content.textBetween(0, slice.content.size, ' ', ' '));
            const { from, to } = view.state.selection;
            suggestNow(view, from, to, text);
            return true;
          },
          handleDrop: () => options.active(),
          handleClick: (view, pos, event) => {
            const target = (event.target as HTMLElement | null)?.closest?.('[data-suggestion]');
            const id = target?.getAttribute('data-suggestion') ?? (cache?.decorations.find(pos, pos)[0]?.spec.suggestionId as string | undefined);
            if (draftOf(view.state)) flush(view);
            if (id) options.onSelect(id);
            return false;
          },
          handleDOMEvents: {
            blur: (view) => {
              if (draftOf(view.state)) flush(view);
              return false;
            },
          },
        },
        view: (view) => {
          editorView = view;
          return {
            destroy: () => {
              clearTimeout(timer);
              editorView = undefined;
            },
          };
        },
      }),
    ];
  },
});
