import { For, Show, createSignal } from 'solid-js';
import { organisations } from '../../api/endpoints.ts';
import type { Organisation } from '../../api/types.ts';
import { ErrorBox } from '../../components/Feedback.tsx';
import { t } from '../../i18n/index.ts';
import { organisationList, refreshOrganisations } from '../../state/directory.ts';
import { OrganisationForm, type OrganisationInput } from './OrganisationForm.tsx';

/** The organisations directory: ministries, public bodies, countries and international organisations. */
export function OrganisationsPage() {
  const [editing, setEditing] = createSignal<Organisation | 'new' | null>(null);
  const [error, setError] = createSignal<unknown>();

  const save = async (input: OrganisationInput) => {
    setError(undefined);
    try {
      const target = editing();
      if (target === 'new') await organisations.create(input);
      else if (target) await organisations.update(target.id, input);
      setEditing(null);
      await refreshOrganisations();
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <div class="page">
      <div class="page-heading">
        <h1>{t('admin.organisations')}</h1>
        <button type="button" class="button primary" onClick={() => setEditing('new')}>
          {t('admin.newOrganisation')}
        </button>
      </div>
      <Show when={editing()}>
        {(target) => (
          <OrganisationForm initial={target() === 'new' ? undefined : (target() as Organisation)} onSubmit={save} onCancel={() => setEditing(null)}>
            <ErrorBox error={error()} />
          </OrganisationForm>
        )}
      </Show>
      <div class="table-scroll">
        <table class="data-table phone-cards">
          <thead>
            <tr>
              <th scope="col">{t('admin.code')}</th>
              <th scope="col">{t('admin.kind')}</th>
              <th scope="col">{t('admin.nameFr')}</th>
              <th scope="col">{t('admin.nameAr')}</th>
              <th scope="col">{t('admin.nameEn')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={organisationList()}>
              {(organisation) => (
                <tr>
                  <td data-label={t('admin.code')}>
                    <code dir="ltr">{organisation.code}</code>
                  </td>
                  <td data-label={t('admin.kind')}>{t(`organisationKind.${organisation.kind}`)}</td>
                  {/* Each name in its own language and direction; the cell (and its label on a phone) in the page's. */}
                  <td data-label={t('admin.nameFr')}>
                    <div lang="fr" dir="ltr">
                      {organisation.names.fr}
                    </div>
                  </td>
                  <td data-label={t('admin.nameAr')}>
                    <div lang="ar" dir="rtl">
                      {organisation.names.ar}
                    </div>
                  </td>
                  <td data-label={t('admin.nameEn')}>
                    <div lang="en" dir="ltr">
                      {organisation.names.en}
                    </div>
                  </td>
                  <td class="actions-cell">
                    <button type="button" class="button small" onClick={() => setEditing(organisation)}>
                      {t('common.edit')}
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </div>
  );
}
