import type { Locale } from './enums.ts';

/** Formats for text the server and the bot write (exports, Slack); the web client formats with its own cached Intl objects. */

/** Numbers as people read them in each language (the same locales as dates). */
export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale === 'ar' ? 'ar-MA' : locale === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 2 }).format(value);
}

/** Dates as people read them in each language, in Morocco's time zone. */
export function formatDate(locale: Locale, value: Date | string, withTime = false): string {
  const date = typeof value === 'string' ? new Date(`${value}${value.length === 10 ? 'T12:00:00Z' : ''}`) : value;
  const tag = locale === 'ar' ? 'ar-MA' : locale === 'en' ? 'en-GB' : 'fr-FR';
  return new Intl.DateTimeFormat(tag, {
    timeZone: 'Africa/Casablanca',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(date);
}
