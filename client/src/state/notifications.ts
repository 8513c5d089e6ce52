import { createEffect, createRoot, createSignal } from 'solid-js';
import { notifications as api, type AppNotification } from '../api/notifications.ts';
import { onResync, onServerEvent } from '../realtime/socket.ts';
import { session } from './session.ts';

/** My notifications and the unread count: loaded at sign-in, pushed live, refetched after a reconnection. */
const store = createRoot(() => {
  const [list, setList] = createSignal<AppNotification[]>([]);
  const [unread, setUnread] = createSignal(0);
  const [error, setError] = createSignal<unknown>();

  const load = async () => {
    if (!session()) return;
    try {
      const answer = await api.list();
      setList(answer.notifications);
      setUnread(answer.unread);
      setError(undefined);
    } catch (failure) {
      setError(failure);
    }
  };

  createEffect((previous: string | undefined) => {
    const userId = session()?.user.id;
    if (userId !== previous) {
      setList([]);
      setUnread(0);
      if (userId) void load();
    }
    return userId;
  });

  onServerEvent('notification', (notification) => {
    if (list().some((known) => known.id === notification.id)) return;
    setList((all) => [notification, ...all].slice(0, 50));
    if (!notification.read) setUnread((count) => count + 1);
  });
  onResync(() => void load());

  return { list, setList, unread, setUnread, error, load };
});

export const notificationList = store.list;
export const unreadCount = store.unread;

export async function markRead(notification: AppNotification): Promise<void> {
  if (notification.read) return;
  store.setList((all) => all.map((n) => (n.id === notification.id ? { ...n, read: true } : n)));
  store.setUnread((count) => Math.max(0, count - 1));
  try {
    await api.read(notification.id);
  } catch {
    await store.load();
  }
}

export async function markAllRead(): Promise<void> {
  store.setList((all) => all.map((n) => ({ ...n, read: true })));
  store.setUnread(0);
  try {
    await api.readAll();
  } catch {
    await store.load();
  }
}
