/** A person's screen preferences as the API presents them (server/presenters/preference.ts). */
import type { PreferenceKey, PreferenceValues } from '../user-preferences.ts';

export interface Preference<K extends PreferenceKey = PreferenceKey> {
  key: K;
  /** null: never set (the screen's defaults) */
  value: PreferenceValues[K] | null;
  updatedAt: string | null;
}
