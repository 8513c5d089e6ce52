import { Show, createSignal, onMount } from 'solid-js';
import { ErrorBox } from '../../../components/Feedback.tsx';
import { t } from '../../../i18n/index.ts';
import { insertMention, mentionQueryAt, toDisplayForm, toStoredForm } from '../../../lib/mentions.ts';
import { mentionDisplayName } from './CommentBody.tsx';
import { MentionPicker, mentionCandidates, type MentionCandidate } from './MentionPicker.tsx';

let counter = 0;

/**
 * A comment box: plain text with @mentions picked from organisations and people (arrows, Enter
 * or Tab to insert, Escape to close); Ctrl+Enter sends.
 */
export function CommentComposer(props: {
  label: string;
  submitLabel: string;
  initial?: string;
  autofocus?: boolean;
  onSubmit: (body: string) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const id = `composer-${++counter}`;
  let area!: HTMLTextAreaElement;
  // Shown with names; `picked` turns them back into ids and codes when sending.
  const initial = toDisplayForm(props.initial ?? '', mentionDisplayName);
  const picked = new Map(initial.picked);
  const [body, setBody] = createSignal(initial.text);
  const [query, setQuery] = createSignal<{ start: number; query: string } | null>(null);
  const [active, setActive] = createSignal(0);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>();
  onMount(() => props.autofocus && area.focus());
  const candidates = () => {
    const current = query();
    return current ? mentionCandidates(current.query) : [];
  };

  const refreshQuery = () => {
    setQuery(mentionQueryAt(area.value, area.selectionStart ?? area.value.length));
    setActive(0);
  };
  const pick = (candidate: MentionCandidate) => {
    const current = query();
    if (!current) return;
    const shown = `@${candidate.label}`;
    // A name already standing for someone else stays as the stored token, so it cannot mean two people.
    const token = picked.has(candidate.label) && picked.get(candidate.label) !== candidate.token ? candidate.token : shown;
    if (token === shown) picked.set(candidate.label, candidate.token);
    const next = insertMention(area.value, current.start, area.selectionStart ?? area.value.length, token);
    setBody(next.text);
    area.value = next.text;
    area.setSelectionRange(next.caret, next.caret);
    setQuery(null);
    area.focus();
  };
  const submit = async () => {
    const text = toStoredForm(body().trim(), picked);
    if (!text || busy()) return;
    setBusy(true);
    setError(undefined);
    try {
      await props.onSubmit(text);
      setBody('');
      area.value = '';
      picked.clear();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const list = candidates();
    if (query() && list.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        setActive((index) => (index + (event.key === 'ArrowDown' ? 1 : list.length - 1)) % list.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        pick(list[active()]!);
        return;
      }
    }
    if (event.key === 'Escape' && query()) {
      event.preventDefault();
      event.stopPropagation();
      setQuery(null);
      return;
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <form
      class="comment-composer"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}>
      <label for={id} class="visually-hidden">
        {props.label}
      </label>
      <textarea
        ref={area}
        id={id}
        dir="auto"
        rows="3"
        value={body()}
        placeholder={t('comments.placeholder')}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={query() !== null && candidates().length > 0}
        aria-controls={`${id}-mentions`}
        aria-activedescendant={query() && candidates().length > 0 ? `${id}-mentions-${active()}` : undefined}
        aria-describedby={`${id}-hint`}
        onInput={(event) => {
          setBody(event.currentTarget.value);
          refreshQuery();
        }}
        onKeyDown={onKeyDown}
        onClick={refreshQuery}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
      />
      <Show when={query()}>
        <MentionPicker id={`${id}-mentions`} candidates={candidates()} active={active()} onPick={pick} />
      </Show>
      <p id={`${id}-hint`} class="hint">
        {t('comments.mentionHint')}
      </p>
      <ErrorBox error={error()} />
      <div class="actions">
        <button type="submit" class="button primary small" disabled={busy() || !body().trim()}>
          {props.submitLabel}
        </button>
        <Show when={props.onCancel}>
          <button type="button" class="button subtle small" onClick={() => props.onCancel?.()}>
            {t('common.cancel')}
          </button>
        </Show>
      </div>
    </form>
  );
}
