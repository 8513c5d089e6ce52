import { For, Show, createMemo, createResource, onCleanup, onMount } from 'solid-js';
import { Portal } from 'solid-js/web';
import { versions, type Version } from '../../../api/versions.ts';
import { ErrorBox, WhenLoaded, loadedValue } from '../../../components/Feedback.tsx';
import { formatDateTime, t } from '../../../i18n/index.ts';
import { organisationColor } from '../../../lib/colors.ts';
import { organisationLabel } from '../../../state/directory.ts';
import { personById, personName } from '../../../state/people.ts';
import { diffAuthors, diffDeleters, legendOf } from './diff-authors.ts';
import { DiffView } from './DiffView.tsx';

/**
 * Comparing a version with now, over the whole width of the window: the side panel is far too
 * narrow to read changed paragraphs. A modal dialog; Escape or the button closes it and gives
 * the focus back to the button that opened it.
 */
export function CompareView(props: { documentId: string; version: Version; onClose: () => void }) {
  const [diff] = createResource(
    () => props.version.id,
    (id) => versions.diff(props.documentId, id),
  );
  let closeButton!: HTMLButtonElement;
  const opener = document.activeElement as HTMLElement | null;
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') props.onClose();
  };
  onMount(() => {
    closeButton.focus();
    document.addEventListener('keydown', onKey);
    document.body.classList.add('has-overlay');
    // The page behind is out of reach while the comparison is open: Tab stays in the dialog.
    document.getElementById('root')?.setAttribute('inert', '');
  });
  onCleanup(() => {
    document.removeEventListener('keydown', onKey);
    document.body.classList.remove('has-overlay');
    document.getElementById('root')?.removeAttribute('inert');
    opener?.focus?.();
  });
  const title = () => t('versions.diffOf', { name: props.version.name });
  // Who inserted what: the server's record of each client id, named from the people directory.
  const authors = createMemo(() => {
    const result = loadedValue(diff);
    return result ? diffAuthors(result, { person: personById, organisationName: organisationLabel, color: organisationColor }) : new Map();
  });
  const deleters = createMemo(() => {
    const result = loadedValue(diff);
    return result ? diffDeleters(result, { person: personById, organisationName: organisationLabel, color: organisationColor }) : new Map();
  });
  const legend = () => legendOf(authors(), deleters());
  return (
    <Portal>
      <div class="compare-overlay" role="dialog" aria-modal="true" aria-labelledby="compare-title" data-testid="compare-view">
        <div class="compare-sheet">
          <header class="compare-header">
            <div>
              <h2 id="compare-title" dir="auto">
                {title()}
              </h2>
              <p class="muted small">
                {t('history.compareSince', { date: formatDateTime(props.version.createdAt) })}
                {props.version.createdBy ? ` · ${personName(props.version.createdBy)}` : ''}
              </p>
            </div>
            {/* biome-ignore lint/a11y/useSemanticElements: the colour key of the authors, not form fields */}
            <div class="compare-legend" role="group" aria-label={t('diffAuthors.legend')} data-testid="compare-legend">
              <For each={legend().people}>
                {(author) => (
                  <ins class="authored" style={{ '--author-color': author.color }} data-author={author.userId}>
                    <bdi>{author.name}</bdi> · <bdi>{author.organisation}</bdi>
                  </ins>
                )}
              </For>
              <Show when={legend().unknown}>
                <ins class="authored unknown">{t('diffAuthors.unknown')}</ins>
              </Show>
              <span>
                <del class="unattributed">{t('history.legend.deleted')}</del> {t('diffAuthors.deletedNote')}
              </span>
            </div>
            <button ref={closeButton} type="button" class="button small" onClick={() => props.onClose()}>
              {t('versions.close')}
            </button>
          </header>
          <ErrorBox error={diff.error} />
          <WhenLoaded when={diff()} error={diff.error}>
            {(result) => <DiffView diff={result()} authors={authors()} deleters={deleters()} />}
          </WhenLoaded>
        </div>
      </div>
    </Portal>
  );
}
