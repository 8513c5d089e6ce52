import type { StoredPreference } from '../commands/preferences.ts';
import type { Preference } from '../../shared/api/preferences.ts';
import type { PreferenceValues } from '../../shared/user-preferences.ts';

export function presentPreference(preference: StoredPreference): Preference {
  // The value was checked against its key's schema when it was written (shared/api/schemas/preferences.ts).
  const value = preference.value as PreferenceValues[StoredPreference['key']] | null;
  return { key: preference.key, value, updatedAt: preference.updatedAt?.toISOString() ?? null };
}
