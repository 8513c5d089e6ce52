import { A } from '@solidjs/router';
import { For, Show, createSignal, onCleanup, onMount } from 'solid-js';
import type { AppNotification } from '../api/notifications.ts';
import { formatDate, formatDateTime, formatNumber, t } from '../i18n/index.ts';
import { describeNotification, type NotificationLookups } from '../lib/notification-text.ts';
import { markAllRead, markRead, notificationList, unreadCount } from '../state/notifications.ts';
import { personName } from '../state/people.ts';
import { documentTitle, sessionTitle } from '../state/titles.ts';

const lookups: NotificationLookups = {
  person: (id) => (id ? personName(id) : t('notifications.someone')),
  document: (id) => documentTitle(id) ?? t('notifications.aDocument'),
  session: (id) => sessionTitle(id) ?? t('notifications.aSession'),
  status: (status) => (status ? t(`status.${status}` as Parameters<typeof t>[0]) : '—'),
  date: (iso) => formatDate(iso),
  aboutMeasure: (title) => t('comments.onMeasure', { title }),
};

function NotificationItem(props: { notification: AppNotification; onOpen: () => void }) {
  const described = () => describeNotification(props.notification, lookups);
  const open = () => {
    void markRead(props.notification);
    props.onOpen();
  };
  return (
    <li class="notification" classList={{ unread: !props.notification.read }} data-testid="notification">
      <div class="notification-text">
        <Show when={described().href} fallback={<span dir="auto">{t(described().key, described().params)}</span>}>
          {(href) => (
            <A href={href()} onClick={open} dir="auto">
              {t(described().key, described().params)}
            </A>
          )}
        </Show>
        <Show when={described().detail}>
          {(detail) => (
            <p class="small muted" dir="auto">
              {detail()}
            </p>
          )}
        </Show>
        <time class="small muted" datetime={props.notification.createdAt}>
          {formatDateTime(props.notification.createdAt)}
        </time>
      </div>
      <Show when={!props.notification.read}>
        <button type="button" class="tool" title={t('notifications.markRead')} aria-label={t('notifications.markRead')} onClick={() => void markRead(props.notification)}>
          ✓
        </button>
      </Show>
    </li>
  );
}

/** The bell in the header: unread count, live; a list to open and mark read. */
export function NotificationBell() {
  const [open, setOpen] = createSignal(false);
  let root!: HTMLDivElement;
  let button!: HTMLButtonElement;
  const close = (refocus = false) => {
    setOpen(false);
    if (refocus) button.focus();
  };
  const onDocumentClick = (event: MouseEvent) => {
    if (open() && !root.contains(event.target as Node)) close();
  };
  onMount(() => document.addEventListener('click', onDocumentClick));
  onCleanup(() => document.removeEventListener('click', onDocumentClick));
  const label = () => (unreadCount() > 0 ? t('notifications.bellUnread', { count: unreadCount() }) : t('notifications.bell'));

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the panel from the button or from inside it; the keys bubble here, nothing is clicked
    <div class="bell" ref={root} onKeyDown={(event) => event.key === 'Escape' && open() && close(true)}>
      <button
        ref={button}
        type="button"
        class="bell-button"
        aria-expanded={open()}
        aria-controls="notification-panel"
        aria-label={label()}
        title={label()}
        data-testid="bell"
        onClick={() => setOpen(!open())}>
        <svg viewBox="0 0 24 24" aria-hidden="true" class="bell-icon">
          <path d="M12 3a6 6 0 0 0-6 6v3.6L4.3 16h15.4L18 12.6V9a6 6 0 0 0-6-6Zm-2.5 15a2.5 2.5 0 0 0 5 0" />
        </svg>
        <Show when={unreadCount() > 0}>
          <span class="bell-count" data-testid="bell-count">
            {formatNumber(unreadCount())}
          </span>
        </Show>
      </button>
      <span class="visually-hidden" role="status" aria-live="polite">
        {unreadCount() > 0 ? label() : ''}
      </span>
      <Show when={open()}>
        <section id="notification-panel" class="bell-panel" aria-label={t('notifications.title')}>
          <div class="bell-panel-heading">
            <h2>{t('notifications.title')}</h2>
            <Show when={unreadCount() > 0}>
              <button type="button" class="button subtle small" onClick={() => void markAllRead()}>
                {t('notifications.markAllRead')}
              </button>
            </Show>
          </div>
          <Show when={notificationList().length > 0} fallback={<p class="muted small bell-empty">{t('notifications.none')}</p>}>
            <ul class="notification-list">
              <For each={notificationList()}>{(notification) => <NotificationItem notification={notification} onOpen={() => close()} />}</For>
            </ul>
          </Show>
        </section>
      </Show>
    </div>
  );
}
