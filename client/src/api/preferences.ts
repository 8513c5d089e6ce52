import type { Preference } from '../../../shared/api/preferences.ts';
import type { PreferenceKey, PreferenceValues } from '../../../shared/user-preferences.ts';
import { get, put } from './client.ts';

/** The signed-in person's own screen preferences (server/routes/preferences.ts). */
export const preferences = {
  read: <K extends PreferenceKey>(key: K) => get<{ preference: Preference<K> }>(`/api/users/me/preferences/${key}`).then((r) => r.preference.value),
  write: <K extends PreferenceKey>(key: K, value: PreferenceValues[K]) => put<{ preference: Preference<K> }>(`/api/users/me/preferences/${key}`, { value }),
};
