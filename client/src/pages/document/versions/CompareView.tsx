import { Show, createResource, onCleanup, onMount } from 'solid-js';
import { Portal } from 'solid-js/web';
import { versions, type Version } from '../../../api/versions.ts';
import { ErrorBox, Loading } from '../../../components/Feedback.tsx';
import { formatDateTime, t } from '../../../i18n/index.ts';
import { personName } from '../../../state/people.ts';
import { DiffView } from './DiffView.tsx';

/**
 * Comparing a version with now, over the whole width of the window: the side panel is far too
 * narrow to read changed paragraphs. A modal dialog; Escape or the button closes it and gives
 * the focus back to the button that opened it.
 */
export function CompareView(props: { documentId: string; version: Version; onClose: () => void }) {
  const [diff] = createResource(() => props.version.id, (id) => versions.diff(props.documentId, id));
  let closeButton!: HTMLButtonElement;
  const opener = document.activeElement as HTMLElement | null;
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') props.onClose();
  };
  onMount(() => {
    closeButton.focus();
    document.addEventListener('keydown', onKey);
    document.body.classList.add('has-overlay');
  });
  onCleanup(() => {
    document.removeEventListener('keydown', onKey);
    document.body.classList.remove('has-overlay');
    opener?.focus?.();
  });
  const title = () => t('versions.diffOf', { name: props.version.name });
  return (
    <Portal>
      <div class="compare-overlay" role="dialog" aria-modal="true" aria-labelledby="compare-title" data-testid="compare-view">
        <div class="compare-sheet">
          <header class="compare-header">
            <div>
              <h2 id="compare-title" dir="auto">{title()}</h2>
              <p class="muted small">
                {t('history.compareSince', { date: formatDateTime(props.version.createdAt) })}
                {props.version.createdBy ? ` · ${personName(props.version.createdBy)}` : ''}
              </p>
            </div>
            <div class="compare-legend" aria-label={t('history.legend')}>
              <ins>{t('history.legend.inserted')}</ins>
              <del>{t('history.legend.deleted')}</del>
            </div>
            <button ref={closeButton} type="button" class="button small" onClick={() => props.onClose()}>{t('versions.close')}</button>
          </header>
          <ErrorBox error={diff.error} />
          <Show when={diff()} fallback={<Show when={!diff.error}><Loading /></Show>}>{(result) => <DiffView diff={result()} />}</Show>
        </div>
      </div>
    </Portal>
  );
}
