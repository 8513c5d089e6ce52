import { Match, Switch, createResource } from 'solid-js';
import { versions, type Version } from '../../../api/versions.ts';
import { ErrorBox, WhenLoaded } from '../../../components/Feedback.tsx';
import { t } from '../../../i18n/index.ts';
import { DiffView } from './DiffView.tsx';

export type DetailMode = 'text' | 'diff';

/** A version's text as it was, or what changed since (diff against the current document). */
export function VersionDetail(props: { documentId: string; version: Version; mode: DetailMode; onClose: () => void }) {
  const [text] = createResource(
    () => (props.mode === 'text' ? props.version.id : null),
    (id) => versions.get(props.documentId, id),
  );
  const [diff] = createResource(
    () => (props.mode === 'diff' ? props.version.id : null),
    (id) => versions.diff(props.documentId, id),
  );
  return (
    <section class="version-detail" aria-label={props.mode === 'text' ? t('versions.textOf', { name: props.version.name }) : t('versions.diffOf', { name: props.version.name })}>
      <div class="panel-heading">
        <h3 dir="auto">{props.mode === 'text' ? t('versions.textOf', { name: props.version.name }) : t('versions.diffOf', { name: props.version.name })}</h3>
        <button type="button" class="button subtle small" onClick={() => props.onClose()}>
          {t('versions.close')}
        </button>
      </div>
      <Switch>
        <Match when={props.mode === 'text'}>
          <ErrorBox error={text.error} />
          <WhenLoaded when={text()} error={text.error}>
            {(version) => (
              <div class="version-text" dir="auto" data-testid="version-text">
                {version().text || t('versions.empty')}
              </div>
            )}
          </WhenLoaded>
        </Match>
        <Match when={props.mode === 'diff'}>
          <ErrorBox error={diff.error} />
          <WhenLoaded when={diff()} error={diff.error}>
            {(result) => <DiffView diff={result()} />}
          </WhenLoaded>
        </Match>
      </Switch>
    </section>
  );
}
