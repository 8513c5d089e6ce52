import { A, useLocation, useNavigate } from '@solidjs/router';
import { Show, createEffect, on, type ParentProps } from 'solid-js';
import { organisationName, t } from '../i18n/index.ts';
import { currentUser, isAdmin, session, signOut } from '../state/session.ts';
import { AdminMenu } from './AdminMenu.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { NotificationBell } from './NotificationBell.tsx';

/** The frame of every page: skip link, header with navigation, language and account, then the page. */
export function Shell(props: ParentProps) {
  const navigate = useNavigate();
  const location = useLocation();
  let main!: HTMLElement;
  // After moving to another page, keyboard and screen-reader users start at its content.
  createEffect(
    on(
      () => location.pathname,
      () => main.focus({ preventScroll: true }),
      { defer: true },
    ),
  );
  // One header line at 1440 px in every language: the administration pages share one menu.
  const adminLinks = () => [
    { href: '/admin/organisations', label: t('nav.organisations') },
    { href: '/admin/users', label: t('nav.users') },
    { href: '/admin/slack', label: t('slackSubs.nav') },
    { href: '/admin/audit', label: t('nav.audit') },
    { href: '/admin/logo', label: t('files.logo.nav') },
  ];
  const leave = async () => {
    await signOut().catch(() => undefined);
    navigate('/sign-in', { replace: true });
  };
  return (
    <>
      <a class="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header class="app-header">
        {/* The accessible name starts with the visible "Tansiq" (WCAG 2.5.3, label in name). */}
        <A href="/" class="brand">
          <span class="brand-mark" aria-hidden="true">
            ت
          </span>
          <span class="brand-name">Tansiq</span>
          <span class="visually-hidden"> — {t('nav.dashboard')}</span>
        </A>
        <Show when={session()}>
          <nav class="main-nav" aria-label={t('nav.main')}>
            <A href="/" end activeClass="active">
              {t('nav.dashboard')}
            </A>
            <A href="/sessions" activeClass="active">
              {t('nav.sessions')}
            </A>
            <A href="/cycles" activeClass="active">
              {t('cycles.nav')}
            </A>
            {/* Personal (every account has its own tokens), so not under Administration. */}
            <A href="/tokens" activeClass="active">
              {t('nav.tokens')}
            </A>
            <Show when={isAdmin()}>
              <AdminMenu label={t('adminMenu.button')} links={adminLinks()} />
            </Show>
          </nav>
        </Show>
        <div class="header-tools">
          <LanguageSwitcher />
          <Show when={session()}>
            <NotificationBell />
          </Show>
          <Show when={currentUser()}>
            {(user) => (
              <div class="account">
                <A href="/profile" class="account-link" title={organisationName(session()?.organisation)}>
                  {user().name}
                </A>
                <button type="button" class="button subtle" onClick={leave}>
                  {t('nav.signOut')}
                </button>
              </div>
            )}
          </Show>
        </div>
      </header>
      <main id="main" ref={main} class="app-main" tabindex="-1">
        {props.children}
      </main>
    </>
  );
}
