import { Show, createSignal } from 'solid-js';
import type { CommentAnchor, TextAnchor } from '../../../api/comments.ts';
import { t } from '../../../i18n/index.ts';
import { refocusWhenLost } from '../../../lib/refocus.ts';
import { CommentComposer } from './CommentComposer.tsx';

/**
 * Starting a thread: on the text selected in the editor (the selection is taken when the button
 * is pressed, so it can be made with mouse or keyboard first), or on the measure being looked at.
 */
export function NewThread(props: {
  hasSelection: boolean;
  takeSelection: () => TextAnchor | null;
  measure: { id: string; title: string } | null;
  onCreate: (body: string, anchor?: CommentAnchor) => Promise<unknown>;
}) {
  const [draft, setDraft] = createSignal<TextAnchor | null>(null);
  const [general, setGeneral] = createSignal(false);
  /** After sending, the composer goes: the focus moves to the new thread instead of falling to the page. */
  const focusThread = (from: Element | null, created: unknown) => {
    const comment = created as { id?: string; threadId?: string | null } | undefined;
    if (!from || !comment) return;
    refocusWhenLost(from, () => document.getElementById(`thread-${comment.threadId ?? comment.id}`)?.querySelector<HTMLElement>('button'));
  };
  const start = () => {
    const anchor = props.takeSelection();
    if (anchor) setDraft(anchor);
  };
  return (
    <div class="new-thread">
      <Show when={props.measure}>
        {(measure) => (
          <CommentComposer
            label={t('comments.onMeasureLabel', { title: measure().title })}
            submitLabel={t('comments.send')}
            onSubmit={(body) => props.onCreate(body, { type: 'measure', measureId: measure().id })}
          />
        )}
      </Show>
      <Show when={!props.measure}>
        <Show
          when={draft()}
          fallback={
            <Show
              when={general()}
              fallback={
                <div class="actions">
                  <button
                    type="button"
                    class="button primary small"
                    disabled={!props.hasSelection}
                    onClick={start}
                    data-testid="comment-selection"
                    aria-describedby="selection-hint">
                    {t('comments.onSelection')}
                  </button>
                  <button type="button" class="button subtle small" onClick={() => setGeneral(true)}>
                    {t('comments.general')}
                  </button>
                  <p id="selection-hint" class="hint">
                    {props.hasSelection ? t('comments.selectionReady') : t('comments.selectFirst')}
                  </p>
                </div>
              }>
              <CommentComposer
                label={t('comments.generalLabel')}
                submitLabel={t('comments.send')}
                autofocus
                onSubmit={async (body) => {
                  const from = document.activeElement;
                  const created = await props.onCreate(body);
                  setGeneral(false);
                  focusThread(from, created);
                }}
                onCancel={() => setGeneral(false)}
              />
            </Show>
          }>
          {(anchor) => (
            <div class="draft-thread">
              <q class="draft-quote" dir="auto">
                {anchor().quote}
              </q>
              <CommentComposer
                label={t('comments.onSelectionLabel')}
                submitLabel={t('comments.send')}
                autofocus
                onSubmit={async (body) => {
                  const from = document.activeElement;
                  const created = await props.onCreate(body, anchor());
                  setDraft(null);
                  focusThread(from, created);
                }}
                onCancel={() => setDraft(null)}
              />
            </div>
          )}
        </Show>
      </Show>
    </div>
  );
}
