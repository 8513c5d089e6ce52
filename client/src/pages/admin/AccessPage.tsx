import { A, useParams } from '@solidjs/router';
import { For, Show, createResource, createSignal } from 'solid-js';
import { documents, users } from '../../api/endpoints.ts';
import { ACCESS_LEVELS, type AccessLevel } from '../../api/types.ts';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback.tsx';
import { OrganisationSelect } from '../../components/OrganisationPicker.tsx';
import { formatDate, t } from '../../i18n/index.ts';
import { organisationLabel } from '../../state/directory.ts';
import { AccessOverviewPanel } from './AccessOverviewPanel.tsx';

/** Who may edit, comment on or view one document, per organisation or per person. */
export function AccessPage() {
  const params = useParams<{ id: string }>();
  const [document] = createResource(() => params.id, (id) => documents.get(id));
  const [grants, { refetch: refetchGrants }] = createResource(() => params.id, (id) => documents.grants(id));
  // Only the lead organisation and the coordination unit get the overview; others see the grants alone.
  const [overview, { refetch: refetchOverview }] = createResource(() => params.id, (id) => documents.accessOverview(id).catch(() => null));
  const refetch = () => Promise.all([refetchGrants(), refetchOverview()]);
  const [people] = createResource(() => users.list().catch(() => []));
  const [subject, setSubject] = createSignal<'organisation' | 'user'>('organisation');
  const [organisationId, setOrganisationId] = createSignal<string | null>(null);
  const [userId, setUserId] = createSignal('');
  const [level, setLevel] = createSignal<AccessLevel>('comment');
  const [error, setError] = createSignal<unknown>();
  const personName = (id: string | null) => people()?.find((u) => u.id === id)?.name ?? '—';

  const act = async (action: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await action();
      await refetch();
    } catch (failure) {
      setError(failure);
    }
  };
  const grant = (event: SubmitEvent) => {
    event.preventDefault();
    const target = subject() === 'organisation' ? { organisationId: organisationId() ?? undefined } : { userId: userId() || undefined };
    void act(() => documents.setGrant(params.id, { ...target, level: level() }));
  };

  return (
    <div class="page">
      <p class="breadcrumb"><A href={`/documents/${params.id}`}>{document()?.title ?? t('common.loading')}</A></p>
      <h1>{t('access.title')}</h1>
      <p class="muted">{t('access.intro')}</p>
      <Show when={overview()}>
        {(current) => <AccessOverviewPanel overview={current()} onGrant={(target, chosen) => void act(() => documents.setGrant(params.id, { ...target, level: chosen }))} />}
      </Show>
      <form class="card form-grid share-form" onSubmit={grant} aria-labelledby="share-heading">
        <h2 id="share-heading" class="span-2">{t('share.addTitle')}</h2>
        <fieldset class="field span-2 radios">
          <legend>{t('access.grantTo')}</legend>
          <label><input type="radio" name="subject" checked={subject() === 'organisation'} onChange={() => setSubject('organisation')} /> {t('access.anOrganisation')}</label>
          <label><input type="radio" name="subject" checked={subject() === 'user'} onChange={() => setSubject('user')} /> {t('access.aPerson')}</label>
        </fieldset>
        <Show when={subject() === 'organisation'} fallback={
          <div class="field">
            <label for="grant-user">{t('access.person')}</label>
            <select id="grant-user" value={userId()} onChange={(e) => setUserId(e.currentTarget.value)}>
              <option value="">{t('common.choose')}</option>
              <For each={people()}>{(u) => <option value={u.id}>{u.name} — {organisationLabel(u.organisationId)}</option>}</For>
            </select>
          </div>
        }>
          <div class="field">
            <label for="grant-organisation">{t('access.organisation')}</label>
            <OrganisationSelect id="grant-organisation" value={organisationId()} emptyLabel={t('common.choose')} onChange={setOrganisationId} />
          </div>
        </Show>
        <div class="field">
          <label for="grant-level">{t('access.level')}</label>
          <select id="grant-level" value={level()} onChange={(e) => setLevel(e.currentTarget.value as AccessLevel)}>
            <For each={ACCESS_LEVELS}>{(value) => <option value={value}>{t(`access.${value}`)}</option>}</For>
          </select>
        </div>
        <div class="actions span-2">
          <button type="submit" class="button primary" disabled={subject() === 'organisation' ? !organisationId() : !userId()}>{t('access.grant')}</button>
        </div>
      </form>
      <ErrorBox error={error() ?? grants.error} />
      <Show when={grants()} fallback={<Show when={!grants.error}><Loading /></Show>}>
        {(rows) => (
          <Show when={rows().length > 0} fallback={<EmptyState title={t('access.none')} />}>
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('access.who')}</th>
                  <th scope="col">{t('access.level')}</th>
                  <th scope="col">{t('access.since')}</th>
                  <th scope="col"><span class="visually-hidden">{t('common.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                <For each={rows()}>
                  {(row) => (
                    <tr>
                      <td>{row.organisationId ? organisationLabel(row.organisationId) : personName(row.userId)}</td>
                      <td>
                        <select aria-label={t('access.level')} value={row.level}
                          onChange={(e) => void act(() => documents.setGrant(params.id, { ...(row.organisationId ? { organisationId: row.organisationId } : { userId: row.userId! }), level: e.currentTarget.value as AccessLevel }))}>
                          <For each={ACCESS_LEVELS}>{(value) => <option value={value}>{t(`access.${value}`)}</option>}</For>
                        </select>
                      </td>
                      <td>{formatDate(row.createdAt)}</td>
                      <td><button type="button" class="button small danger" onClick={() => void act(() => documents.revokeGrant(params.id, row.id))}>{t('access.revoke')}</button></td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        )}
      </Show>
    </div>
  );
}
