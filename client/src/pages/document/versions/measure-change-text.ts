import type { Locale } from '../../../api/types.ts';
import { ar } from '../../../i18n/ar.ts';
import { en } from '../../../i18n/en.ts';
import { fr, type MessageKey } from '../../../i18n/fr.ts';
import { INTL } from '../../../i18n/index.ts';

/**
 * A measure's field change in the reader's words: "Statut : En cours → Réalisée",
 * "Échéance : 30 juin → 30 sept.", never a field name. Pure: the language and the way to name
 * organisations are given, so it is tested without a browser.
 */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { fr, ar, en };
const STATUSES = new Set(['planned', 'in_progress', 'done', 'blocked', 'cancelled']);
const LONGEST_TEXT = 80;

const label = (locale: Locale, field: string): string => {
  const key = `change.field.${field}` as MessageKey;
  return DICTIONARIES[locale][key] ?? DICTIONARIES[locale]['change.field.other' as MessageKey];
};

function date(locale: Locale, value: unknown, withYear: boolean): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  return new Intl.DateTimeFormat(INTL[locale], { day: 'numeric', month: 'short', ...(withYear ? { year: 'numeric' } : {}), timeZone: 'UTC' }).format(
    new Date(`${value}T00:00:00Z`),
  );
}

const yearOf = (value: unknown) => (typeof value === 'string' ? value.slice(0, 4) : null);

function text(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  const clean = value.trim().replace(/\s+/g, ' ');
  return clean.length > LONGEST_TEXT ? `${clean.slice(0, LONGEST_TEXT - 1)}…` : clean;
}

function value(locale: Locale, change: FieldChange, which: unknown, names: (organisationId: string) => string, currency: string, withYear: boolean): string | null {
  const number = (n: number, options?: Intl.NumberFormatOptions) => new Intl.NumberFormat(INTL[locale], options).format(n);
  switch (change.field) {
    case 'status':
      return typeof which === 'string' && STATUSES.has(which) ? DICTIONARIES[locale][`measureStatus.${which}` as MessageKey] : null;
    case 'progress':
      return typeof which === 'number' ? number(which / 100, { style: 'percent', maximumFractionDigits: 0 }) : null;
    case 'start':
    case 'due':
      return date(locale, which, withYear);
    case 'budget':
      return typeof which === 'number' ? number(which, { style: 'currency', currency, maximumFractionDigits: 0 }) : null;
    case 'leadOrganisationId':
      return typeof which === 'string' && which ? names(which) : null;
    case 'partnerOrganisationIds':
      return Array.isArray(which) && which.length > 0 ? new Intl.ListFormat(INTL[locale], { type: 'conjunction' }).format(which.map((id) => names(String(id)))) : null;
    default:
      return text(which);
  }
}

export function describeFieldChange(locale: Locale, change: FieldChange, options: { organisationName: (organisationId: string) => string; currency?: string }): string {
  const currency = options.currency ?? 'MAD';
  // A date shows its year only when the change crosses years.
  const withYear = yearOf(change.before) !== yearOf(change.after) && change.before != null && change.after != null;
  const empty = DICTIONARIES[locale]['change.empty' as MessageKey];
  const before = value(locale, change, change.before, options.organisationName, currency, withYear) ?? empty;
  const after = value(locale, change, change.after, options.organisationName, currency, withYear) ?? empty;
  // In Arabic each value is isolated (FSI … PDI): numbers and Latin names would otherwise let the
  // bidirectional algorithm reorder "40 % ← 60 %" around the arrow.
  const isolate = (text: string) => (locale === 'ar' ? `\u2068${text}\u2069` : text);
  return DICTIONARIES[locale]['change.fromTo' as MessageKey]
    .replace('{field}', label(locale, change.field))
    .replace('{before}', isolate(before))
    .replace('{after}', isolate(after));
}
