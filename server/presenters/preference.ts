import type { StoredPreference } from '../commands/preferences.ts';

export function presentPreference(preference: StoredPreference) {
  return { key: preference.key, value: preference.value, updatedAt: preference.updatedAt?.toISOString() ?? null };
}
