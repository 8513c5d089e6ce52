import { useNavigate, useSearchParams } from '@solidjs/router';
import { Show, createEffect, createSignal } from 'solid-js';
import { ErrorBox } from '../components/Feedback.tsx';
import { t } from '../i18n/index.ts';
import { createFormSubmit } from '../lib/form-submit.ts';
import { session, signIn } from '../state/session.ts';

/** Only same-site paths are followed after sign-in, so a crafted link cannot send people elsewhere. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/';
}

export function SignInPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');

  createEffect(() => {
    if (session()) navigate(safeNext(params.next), { replace: true });
  });

  const { submit, busy, error } = createFormSubmit(() => signIn(email(), password()));

  return (
    <section class="page sign-in">
      <div class="card sign-in-card">
        <h1>{t('signIn.title')}</h1>
        <p class="muted">{t('signIn.intro')}</p>
        <form class="form-stack" onSubmit={submit}>
          <div class="field">
            <label for="email">{t('signIn.email')}</label>
            <input id="email" name="email" type="email" dir="ltr" autocomplete="username" required value={email()} onInput={(e) => setEmail(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="password">{t('signIn.password')}</label>
            <input
              id="password"
              name="password"
              type="password"
              dir="ltr"
              autocomplete="current-password"
              required
              value={password()}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </div>
          <ErrorBox error={error()} />
          <button type="submit" class="button primary wide" disabled={busy()}>
            <Show when={busy()} fallback={t('signIn.submit')}>
              {t('signIn.submitting')}
            </Show>
          </button>
        </form>
      </div>
    </section>
  );
}
