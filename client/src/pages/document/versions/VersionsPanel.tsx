import { For, Show, createResource, createSignal } from 'solid-js';
import { versions, type Version } from '../../../api/versions.ts';
import { EmptyState, ErrorBox, Notice, WhenLoaded } from '../../../components/Feedback.tsx';
import { formatDateTime, t } from '../../../i18n/index.ts';
import { createAction } from '../../../lib/form-submit.ts';
import { useServerEvent } from '../../../realtime/socket.ts';
import { personName } from '../../../state/people.ts';
import { CompareView } from './CompareView.tsx';
import { VersionDetail, type DetailMode } from './VersionDetail.tsx';

/** Snapshots of the document: name the current state, read an old one, compare it with now, restore it. */
export function VersionsPanel(props: { documentId: string; canEdit: boolean }) {
  const [list, { refetch }] = createResource(
    () => props.documentId,
    (id) => versions.list(id),
  );
  const [name, setName] = createSignal('');
  const { run: act, busy, error } = createAction();
  const [restored, setRestored] = createSignal<string | null>(null);
  const [detail, setDetail] = createSignal<{ version: Version; mode: DetailMode } | null>(null);
  useServerEvent('version:named', (event) => event.documentId === props.documentId && void refetch());
  useServerEvent('version:restored', (event) => {
    if (event.documentId !== props.documentId) return;
    setRestored(event.name);
    void refetch();
  });

  const run = (action: () => Promise<unknown>) =>
    act(async () => {
      await action();
      await refetch();
    });
  const create = () =>
    run(async () => {
      await versions.create(props.documentId, name().trim());
      setName('');
    });
  const restore = (version: Version) => {
    if (!window.confirm(t('versions.confirmRestore', { name: version.name }))) return;
    void run(async () => {
      await versions.restore(props.documentId, version.id);
      setRestored(version.name);
    });
  };

  return (
    <section class="versions-panel" aria-labelledby="versions-heading" data-testid="versions-panel">
      <div class="panel-heading">
        <h2 id="versions-heading">{t('versions.title')}</h2>
      </div>
      <Show when={props.canEdit}>
        <form
          class="version-form"
          onSubmit={(event) => {
            event.preventDefault();
            void create();
          }}>
          <label for="version-name">{t('versions.name')}</label>
          <div class="inline-form">
            <input
              id="version-name"
              dir="auto"
              maxLength={200}
              value={name()}
              placeholder={t('versions.namePlaceholder')}
              onInput={(event) => setName(event.currentTarget.value)}
            />
            <button type="submit" class="button small" disabled={busy() || !name().trim()}>
              {t('versions.create')}
            </button>
          </div>
        </form>
      </Show>
      <Show when={restored()}>{(which) => <Notice kind="success">{t('versions.restored', { name: which() })}</Notice>}</Show>
      <ErrorBox error={error() ?? list.error} />
      <Show when={detail()?.mode === 'text' && detail()}>
        {(open) => <VersionDetail documentId={props.documentId} version={open().version} mode="text" onClose={() => setDetail(null)} />}
      </Show>
      <Show when={detail()?.mode === 'diff' && detail()}>{(open) => <CompareView documentId={props.documentId} version={open().version} onClose={() => setDetail(null)} />}</Show>
      <WhenLoaded when={list()} error={list.error}>
        {(all) => (
          <Show when={all().length > 0} fallback={<EmptyState title={t('versions.none')} />}>
            <ol class="version-list">
              <For each={all()}>
                {(version) => (
                  <li class="version" data-testid="version">
                    <div class="version-meta">
                      <strong dir="auto">{version.name}</strong>
                      <span class="badge">{t(`versions.kind.${version.kind}`)}</span>
                    </div>
                    <span class="muted small">
                      {formatDateTime(version.createdAt)}
                      {version.createdBy ? ` · ${personName(version.createdBy)}` : ''}
                    </span>
                    <div class="actions">
                      <button type="button" class="button subtle small" onClick={() => setDetail({ version, mode: 'text' })}>
                        {t('versions.read')}
                      </button>
                      <button type="button" class="button subtle small" onClick={() => setDetail({ version, mode: 'diff' })}>
                        {t('versions.compare')}
                      </button>
                      <Show when={props.canEdit}>
                        <button type="button" class="button subtle small" disabled={busy()} onClick={() => restore(version)}>
                          {t('versions.restore')}
                        </button>
                      </Show>
                    </div>
                  </li>
                )}
              </For>
            </ol>
          </Show>
        )}
      </WhenLoaded>
    </section>
  );
}
