import { A, useNavigate } from '@solidjs/router';
import { For, Show, createSignal } from 'solid-js';
import { users } from '../api/endpoints.ts';
import { LOCALES, type Locale } from '../api/types.ts';
import { ErrorBox, Notice } from '../components/Feedback.tsx';
import { organisationName, setLocale, t } from '../i18n/index.ts';
import { currentUser, replaceCurrentUser, session, signOut } from '../state/session.ts';
import { PasswordForm } from './PasswordForm.tsx';

/** My name and language, my password, and signing out. */
export function ProfilePage() {
  const navigate = useNavigate();
  const [name, setName] = createSignal(currentUser()?.name ?? '');
  const [language, setLanguage] = createSignal<Locale>(currentUser()?.locale ?? 'fr');
  const [error, setError] = createSignal<unknown>();
  const [saved, setSaved] = createSignal(false);

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const user = currentUser();
    if (!user) return;
    setError(undefined);
    setSaved(false);
    try {
      const updated = await users.update(user.id, { name: name().trim(), locale: language() });
      replaceCurrentUser(updated);
      setLocale(updated.locale);
      setSaved(true);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <div class="page narrow">
      <h1>{t('profile.title')}</h1>
      <form class="card form-stack" onSubmit={save}>
        <p class="muted">
          {currentUser()?.email} · {organisationName(session()?.organisation)} · {t(`role.${currentUser()?.role ?? 'member'}`)}
        </p>
        <div class="field">
          <label for="profile-name">{t('profile.name')}</label>
          <input id="profile-name" dir="auto" required maxlength="200" value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="profile-locale">{t('profile.language')}</label>
          <select id="profile-locale" value={language()} onChange={(e) => setLanguage(e.currentTarget.value as Locale)}>
            <For each={LOCALES}>{(code) => <option value={code}>{t(`locale.${code}`)}</option>}</For>
          </select>
        </div>
        <ErrorBox error={error()} />
        <Show when={saved()}>
          <Notice kind="success">{t('profile.saved')}</Notice>
        </Show>
        <div class="actions">
          <button type="submit" class="button primary">
            {t('common.save')}
          </button>
        </div>
      </form>
      <PasswordForm />
      <section class="card form-stack">
        <h2>{t('profile.more')}</h2>
        <p>
          <A href="/tokens">{t('nav.tokens')}</A>
        </p>
        <div class="actions">
          <button type="button" class="button" onClick={() => void signOut().finally(() => navigate('/sign-in', { replace: true }))}>
            {t('nav.signOut')}
          </button>
        </div>
      </section>
    </div>
  );
}
