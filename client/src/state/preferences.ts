import { createRoot, createSignal, type Accessor } from 'solid-js';
import type { PreferenceKey, PreferenceValues } from '../../../shared/user-preferences.ts';
import { preferences as api } from '../api/preferences.ts';
import { session } from './session.ts';

/** how long after the last change a preference is sent (a drag sends one write, not hundreds) */
const SAVE_AFTER_MS = 400;

export interface Preference<K extends PreferenceKey> {
  value: Accessor<PreferenceValues[K] | null>;
  /** applies at once; stored on the server shortly after */
  set(value: PreferenceValues[K]): void;
}

const kept = new Map<string, Preference<PreferenceKey>>();

/**
 * A preference of the signed-in person, shared by every screen that shows it, loaded from the
 * server once per person (so it follows them to another browser) and saved debounced. A change
 * made before the stored value arrives wins over it. A failed save keeps the change on screen.
 */
export function preference<K extends PreferenceKey>(key: K): Preference<K> {
  const owner = session()?.user.id ?? 'anonymous';
  const id = `${owner}|${key}`;
  const found = kept.get(id) as Preference<K> | undefined;
  if (found) return found;
  const made = createRoot(() => {
    const [value, setValue] = createSignal<PreferenceValues[K] | null>(null);
    let changed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const save = () => {
      timer = undefined;
      const current = value();
      if (current !== null) api.write(key, current).catch(() => undefined);
    };
    if (owner !== 'anonymous') {
      api
        .read(key)
        .then((stored) => !changed && stored !== null && setValue(() => stored))
        .catch(() => undefined);
      // Leaving the page with a change not yet sent: send it now.
      globalThis.addEventListener?.('pagehide', () => timer !== undefined && (clearTimeout(timer), save()));
    }
    return {
      value,
      set(next: PreferenceValues[K]) {
        changed = true;
        setValue(() => next);
        if (owner === 'anonymous') return;
        clearTimeout(timer);
        timer = setTimeout(save, SAVE_AFTER_MS);
      },
    };
  });
  kept.set(id, made as Preference<PreferenceKey>);
  return made;
}
