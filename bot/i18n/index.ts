import type { Locale } from '../../db/schema.ts';
import { escapeMrkdwn } from '../blocks/common.ts';
import { ar } from './ar.ts';
import { en } from './en.ts';
import { fr, type MessageKey as BaseKey } from './fr.ts';
import { measuresInSlackAr, measuresInSlackEn, measuresInSlackFr, type MeasuresInSlackKey } from './measures-in-slack.ts';
import { workAppAr, workAppEn, workAppFr, type WorkAppKey } from './work-app.ts';

export type MessageKey = BaseKey | WorkAppKey | MeasuresInSlackKey;

/** Mrkdwn we built ourselves (a link, a list of escaped names): placed as it is by `t`. */
export class Mrkdwn {
  constructor(readonly text: string) {}
}
export const mrkdwn = (text: string): Mrkdwn => new Mrkdwn(text);

export type Param = string | number | Mrkdwn;

const FRENCH: Record<MessageKey, string> = { ...fr, ...workAppFr, ...measuresInSlackFr };
const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = {
  fr: FRENCH,
  ar: { ...ar, ...workAppAr, ...measuresInSlackAr },
  en: { ...en, ...workAppEn, ...measuresInSlackEn },
};

function fill(locale: Locale, key: MessageKey, params: Record<string, Param>, text: (value: string) => string): string {
  const template = DICTIONARIES[locale][key] ?? FRENCH[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in params)) return whole;
    const value = params[name]!;
    return value instanceof Mrkdwn ? value.text : text(String(value));
  });
}

/**
 * A message in the reader's language, as mrkdwn: every string filled in is escaped (titles,
 * names and queries come from people), except what is marked `mrkdwn(…)`. Pure.
 */
export function t(locale: Locale, key: MessageKey, params: Record<string, Param> = {}): string {
  return fill(locale, key, params, escapeMrkdwn);
}

/** The same message as plain text, for plain_text fields, modal errors and HTML (escaped there by its own rules). */
export function tPlain(locale: Locale, key: MessageKey, params: Record<string, Param> = {}): string {
  return fill(locale, key, params, (value) => value);
}

/** Slack's user locale (`fr-FR`, `ar`, `en-US`…) as one of ours; French, the ministry's language, otherwise. */
export function localeFromSlack(slackLocale: string | undefined): Locale {
  const language = slackLocale?.slice(0, 2).toLowerCase();
  return language === 'ar' || language === 'en' || language === 'fr' ? language : 'fr';
}

export { formatDate, formatNumber } from '../../shared/format.ts';
