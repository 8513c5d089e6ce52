import { Show, createSignal } from 'solid-js';
import { users } from '../api/endpoints.ts';
import { ErrorBox, Notice } from '../components/Feedback.tsx';
import { t } from '../i18n/index.ts';
import { currentUser } from '../state/session.ts';
import { MIN_PASSWORD_LENGTH } from '../../../shared/api/users.ts';

export function PasswordForm() {
  const [current, setCurrent] = createSignal('');
  const [next, setNext] = createSignal('');
  const [keepTokens, setKeepTokens] = createSignal(false);
  const [error, setError] = createSignal<unknown>();
  const [done, setDone] = createSignal(false);
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const user = currentUser();
    if (!user) return;
    setError(undefined);
    setDone(false);
    try {
      await users.update(user.id, { currentPassword: current(), password: next(), keepTokens: keepTokens() });
      setCurrent('');
      setNext('');
      setKeepTokens(false);
      setDone(true);
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <form class="card form-stack" onSubmit={save}>
      <h2>{t('profile.password')}</h2>
      <div class="field">
        <label for="password-current">{t('profile.currentPassword')}</label>
        <input id="password-current" type="password" dir="ltr" autocomplete="current-password" required value={current()} onInput={(e) => setCurrent(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="password-new">{t('profile.newPassword')}</label>
        <input
          id="password-new"
          type="password"
          dir="ltr"
          autocomplete="new-password"
          required
          minlength={MIN_PASSWORD_LENGTH}
          aria-describedby="password-hint"
          value={next()}
          onInput={(e) => setNext(e.currentTarget.value)}
        />
        <span id="password-hint" class="hint">
          {t('profile.passwordHint')}
        </span>
      </div>
      <label class="checkbox">
        <input type="checkbox" checked={keepTokens()} onChange={(e) => setKeepTokens(e.currentTarget.checked)} />
        {t('profile.keepTokens')}
      </label>
      <ErrorBox error={error()} />
      <Show when={done()}>
        <Notice kind="success">{t('profile.passwordChanged')}</Notice>
      </Show>
      <div class="actions">
        <button type="submit" class="button">
          {t('profile.changePassword')}
        </button>
      </div>
    </form>
  );
}
