import { Show, createResource, createSignal } from 'solid-js';
import { users } from '../../api/endpoints.ts';
import type { User } from '../../api/types.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { ErrorBox, Loading } from '../../components/Feedback.tsx';
import { t } from '../../i18n/index.ts';
import { organisationLabel } from '../../state/directory.ts';
import { currentUser } from '../../state/session.ts';
import { UserForm, type UserInput } from './UserForm.tsx';

/** People: create accounts, change organisation or role, disable access. */
export function UsersPage() {
  const [list, { refetch }] = createResource(() => users.list());
  const [editing, setEditing] = createSignal<User | 'new' | null>(null);
  const [error, setError] = createSignal<unknown>();

  const run = async (action: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await action();
      setEditing(null);
      await refetch();
    } catch (failure) {
      setError(failure);
    }
  };
  const save = (input: UserInput) => {
    const target = editing();
    return run(() => {
      if (target === 'new') return users.create({ ...input, password: input.password || undefined });
      const { password, ...rest } = input;
      return users.update((target as User).id, password ? { ...rest, password } : rest);
    });
  };

  return (
    <div class="page">
      <div class="page-heading">
        <h1>{t('admin.users')}</h1>
        <button type="button" class="button primary" onClick={() => setEditing('new')}>
          {t('admin.newUser')}
        </button>
      </div>
      <Show when={editing()}>
        {(target) => (
          <UserForm initial={target() === 'new' ? undefined : (target() as User)} onSubmit={save} onCancel={() => setEditing(null)}>
            <ErrorBox error={error()} />
          </UserForm>
        )}
      </Show>
      <Show when={!editing()}>
        <ErrorBox error={error() ?? list.error} />
      </Show>
      <Show
        when={list()}
        fallback={
          <Show when={!list.error}>
            <Loading />
          </Show>
        }>
        {(rows) => (
          <DataTable
            class="phone-cards"
            columns={[t('admin.name'), t('admin.email'), t('admin.organisation'), t('admin.role'), t('admin.state')]}
            actionsLabel={t('common.actions')}
            rows={rows()}>
            {(user) => (
              <tr classList={{ revoked: Boolean(user.disabled) }}>
                <td data-label={t('admin.name')}>
                  <span dir="auto">{user.name}</span>
                </td>
                <td data-label={t('admin.email')}>
                  <span dir="ltr">{user.email}</span>
                </td>
                <td data-label={t('admin.organisation')}>{organisationLabel(user.organisationId)}</td>
                <td data-label={t('admin.role')}>{t(`role.${user.role}`)}</td>
                <td data-label={t('admin.state')}>{user.disabled ? t('admin.disabled') : user.invited ? t('admin.invited') : t('admin.active')}</td>
                <td class="nowrap actions-cell">
                  <button type="button" class="button small" onClick={() => setEditing(user)}>
                    {t('common.edit')}
                  </button>
                  <Show when={user.id !== currentUser()?.id}>
                    <button type="button" class="button small subtle" onClick={() => void run(() => users.update(user.id, { disabled: !user.disabled }))}>
                      {user.disabled ? t('admin.enable') : t('admin.disable')}
                    </button>
                  </Show>
                </td>
              </tr>
            )}
          </DataTable>
        )}
      </Show>
    </div>
  );
}
