import { Show, createResource, createSignal } from 'solid-js';
import { tokens } from '../api/endpoints.ts';
import { DataTable } from '../components/DataTable.tsx';
import { EmptyState, ErrorBox, Notice, WhenLoaded } from '../components/Feedback.tsx';
import { formatDate, formatDateTime, t } from '../i18n/index.ts';

/** My API tokens (for scripts and integrations). A new token's secret is shown once. */
export function TokensPage() {
  const [list, { refetch }] = createResource(() => tokens.list());
  const [name, setName] = createSignal('');
  const [days, setDays] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [secret, setSecret] = createSignal<string>();
  const [error, setError] = createSignal<unknown>();

  const create = async (event: SubmitEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      const created = await tokens.create(name().trim(), password(), days() ? Number(days()) : undefined);
      setSecret(created.secret);
      setName('');
      setDays('');
      setPassword('');
      await refetch();
    } catch (failure) {
      setError(failure);
    }
  };
  const revoke = async (id: string, label: string) => {
    if (!window.confirm(t('tokens.confirmRevoke', { name: label }))) return;
    try {
      await tokens.revoke(id);
      await refetch();
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <div class="page narrow">
      <h1>{t('tokens.title')}</h1>
      <p class="muted">{t('tokens.intro')}</p>
      <form class="card form-grid" onSubmit={create}>
        <div class="field">
          <label for="token-name">{t('tokens.name')}</label>
          <input id="token-name" dir="auto" required maxlength="100" value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="token-days">{t('tokens.expiresInDays')}</label>
          <input id="token-days" type="number" min="1" max="365" value={days()} onInput={(e) => setDays(e.currentTarget.value)} aria-describedby="token-days-hint" />
          <span id="token-days-hint" class="hint">
            {t('tokens.noExpiryHint')}
          </span>
        </div>
        <div class="field span-2">
          <label for="token-password">{t('tokens.password')}</label>
          <input id="token-password" type="password" dir="ltr" autocomplete="current-password" required value={password()} onInput={(e) => setPassword(e.currentTarget.value)} />
        </div>
        <div class="actions span-2">
          <button type="submit" class="button primary" disabled={!name().trim() || !password()}>
            {t('tokens.create')}
          </button>
        </div>
      </form>
      <Show when={secret()}>
        {(value) => (
          <Notice kind="success">
            <p>{t('tokens.secretOnce')}</p>
            <code class="secret" dir="ltr" data-testid="token-secret">
              {value()}
            </code>
            <button type="button" class="button small" onClick={() => void navigator.clipboard?.writeText(value())}>
              {t('common.copy')}
            </button>
          </Notice>
        )}
      </Show>
      <ErrorBox error={error() ?? list.error} />
      <WhenLoaded when={list()} error={list.error}>
        {(rows) => (
          <Show when={rows().length > 0} fallback={<EmptyState title={t('tokens.none')} />}>
            <DataTable
              class="phone-cards"
              columns={[t('tokens.name'), t('tokens.prefix'), t('tokens.created'), t('tokens.expires'), t('tokens.lastUsed')]}
              actionsLabel={t('common.actions')}
              rows={rows()}>
              {(token) => (
                <tr classList={{ revoked: Boolean(token.revokedAt) }}>
                  <td data-label={t('tokens.name')}>
                    <span dir="auto">{token.name}</span>
                  </td>
                  <td data-label={t('tokens.prefix')}>
                    <code dir="ltr">{token.prefix}…</code>
                  </td>
                  <td data-label={t('tokens.created')}>{formatDate(token.createdAt)}</td>
                  <td data-label={t('tokens.expires')}>{formatDate(token.expiresAt)}</td>
                  <td data-label={t('tokens.lastUsed')}>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : '—'}</td>
                  <td class="actions-cell">
                    <Show when={!token.revokedAt} fallback={<span class="badge">{t('tokens.revoked')}</span>}>
                      <button type="button" class="button small danger" onClick={() => void revoke(token.id, token.name)}>
                        {t('tokens.revoke')}
                      </button>
                    </Show>
                  </td>
                </tr>
              )}
            </DataTable>
          </Show>
        )}
      </WhenLoaded>
    </div>
  );
}
