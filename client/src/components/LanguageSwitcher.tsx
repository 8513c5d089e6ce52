import { For } from 'solid-js';
import { LOCALES, type Locale } from '../api/types.ts';
import { locale, t } from '../i18n/index.ts';
import { chooseLocale } from '../state/session.ts';

const NATIVE_NAMES: Record<Locale, string> = { fr: 'Français', ar: 'العربية', en: 'English' };

/** Always shows each language in its own name, so anyone can find theirs. */
export function LanguageSwitcher() {
  return (
    <label class="language-switcher">
      <span class="visually-hidden">{t('nav.language')}</span>
      <select value={locale()} data-testid="language" onChange={(event) => void chooseLocale(event.currentTarget.value as Locale).catch(() => undefined)}>
        <For each={LOCALES}>
          {(code) => (
            <option value={code} lang={code}>
              {NATIVE_NAMES[code]}
            </option>
          )}
        </For>
      </select>
    </label>
  );
}
