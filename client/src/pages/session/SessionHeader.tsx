import { A } from '@solidjs/router';
import { For, Show, createSignal } from 'solid-js';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import type { CommissionSession } from '../../api/sessions.ts';
import { formatDateTime, locale, t } from '../../i18n/index.ts';
import type { Locale } from '../../api/types.ts';
import { refocusWhenLost } from '../../lib/refocus.ts';
import { commissionName } from '../../state/commissions.ts';
import { SessionStateBadge } from './SessionStateBadge.tsx';

/** Title, commission, when and where; the chair's start and close; everyone's follow and large-type toggles. */
export function SessionHeader(props: {
  session: CommissionSession;
  busy: boolean;
  following: boolean;
  largeType: boolean;
  onStart: () => void;
  /** closes the session, its minutes in `language` */
  onClose: (language: Locale) => void;
  onFollow: (follow: boolean) => void;
  onLargeType: (large: boolean) => void;
}) {
  const [closing, setClosing] = createSignal(false);
  let heading!: HTMLHeadingElement;
  // The minutes are written in this language; the interface's by default.
  const [minutesLanguage, setMinutesLanguage] = createSignal<Locale>(locale());
  return (
    <header class="session-header">
      <p class="breadcrumb">
        <A href="/sessions">{t('nav.sessions')}</A> <span aria-hidden="true">›</span> {commissionName(props.session.commissionId) ?? t('sessions.commission')}
      </p>
      <div class="title-row">
        <h1 ref={heading} dir="auto" tabindex="-1">
          {props.session.title}
        </h1>
        <SessionStateBadge state={props.session.state} />
      </div>
      <p class="muted">
        {formatDateTime(props.session.scheduledAt)}
        {props.session.location ? ` · ${props.session.location}` : ''}
      </p>
      <div class="header-actions">
        <Show when={props.session.chair && props.session.state === 'planned'}>
          <button
            type="button"
            class="button primary"
            disabled={props.busy || props.session.items.length === 0}
            onClick={(event) => {
              props.onStart();
              refocusWhenLost(event.currentTarget, () => heading);
            }}>
            {t('session.start')}
          </button>
        </Show>
        <Show when={props.session.chair && props.session.state === 'live'}>
          <button type="button" class="button warning" disabled={props.busy} onClick={() => setClosing(true)}>
            {t('session.close')}
          </button>
        </Show>
        <Show when={closing()}>
          <ConfirmDialog
            title={t('session.close')}
            confirmLabel={t('session.close')}
            tone="warning"
            busy={props.busy}
            testId="close-session-confirm"
            onCancel={() => setClosing(false)}
            onConfirm={() => {
              setClosing(false);
              props.onClose(minutesLanguage());
            }}>
            <p>{t('session.confirmClose')}</p>
            <label class="field">
              <span>{t('minutes.language')}</span>
              <select value={minutesLanguage()} data-testid="minutes-language" onChange={(event) => setMinutesLanguage(event.currentTarget.value as Locale)}>
                <For each={['fr', 'ar', 'en'] as const}>{(code) => <option value={code}>{t(`minutes.language.${code}`)}</option>}</For>
              </select>
            </label>
          </ConfirmDialog>
        </Show>
        <div class="session-toggles">
          <Show when={props.session.state === 'live'}>
            <button type="button" class="button small" aria-pressed={props.following} data-testid="follow-toggle" onClick={() => props.onFollow(!props.following)}>
              {props.following ? t('session.following') : t('session.follow')}
            </button>
          </Show>
          <button type="button" class="button small" aria-pressed={props.largeType} onClick={() => props.onLargeType(!props.largeType)}>
            {t('session.largeType')}
          </button>
        </div>
      </div>
    </header>
  );
}
