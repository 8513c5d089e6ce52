import type { Decision, Locale } from '../../db/schema.ts';
import type { BlockSpec } from '../../shared/doc-schema.ts';
import { decisionTarget, type DecisionEffect } from '../../shared/decision-workflow.ts';
import { MINUTES_TEXT } from './minutes-text.ts';

/**
 * Minutes of a commission session, pure: the facts of a closed session in, the rich-text blocks
 * of its `minutes` document out, in the document's language (French, Arabic or English:
 * headings, decision labels, follow-up lines, dates; Arabic blocks right to left). The document
 * is an ordinary draft afterwards, which the secretariat may edit.
 */

export interface MinutesPerson {
  name: string;
  organisation: string;
}

export interface MinutesComment extends MinutesPerson {
  body: string;
}

export interface MinutesItem {
  /**
   * Someone who may read the minutes may not read this item's document: the minutes then name the
   * item only by its number, with its decision but without titles, decision text or comments, so
   * they never reveal more than the document does (and neither do search, Slack or notifications,
   * which all read the minutes' text).
   */
  restricted: boolean;
  title: string;
  documentTitle: string;
  presenter: string | null;
  decision: Decision | null;
  decisionText: string | null;
  /** what the confirmed decision did to the document; null when unconfirmed (or no decision) */
  decisionEffect?: DecisionEffect | null;
  comments: readonly MinutesComment[];
}

export interface MinutesInput {
  /** the minutes document's language; French when absent */
  language?: Locale;
  commissionName: string;
  sessionTitle: string;
  /** YYYY-MM-DD */
  date: string;
  location: string | null;
  chair: MinutesPerson;
  attendees: readonly MinutesPerson[];
  items: readonly MinutesItem[];
}

/** "Commission technique — 2026-11-28": the name of the versions a session snapshots. */
export const sessionVersionName = (commissionName: string, date: string): string => `${commissionName} — ${date}`;

/** "28 novembre 2026", "28 November 2026", "28 نونبر 2026": a YYYY-MM-DD day in the minutes' language. */
export function minutesDate(date: string, language: Locale = 'fr'): string {
  const day = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(day.getTime())) return date;
  return new Intl.DateTimeFormat(MINUTES_TEXT[language].dateLocale, { dateStyle: 'long', timeZone: 'UTC', numberingSystem: 'latn' }).format(day);
}

export const minutesTitle = (sessionTitle: string, date: string, language: Locale = 'fr'): string => MINUTES_TEXT[language].title(sessionTitle, minutesDate(date, language));

/** An agenda title that starts with its own number ("2. Plan emploi", "3) Note") loses it: the minutes number items once. */
export const withoutLeadingNumber = (title: string): string => title.replace(/^\s*\d+\s*[.)\-–]\s*/u, '');

/** One line per block: a comment's own line breaks would otherwise split it across list items. */
const oneLine = (text: string): string => text.replace(/\s+/gu, ' ').trim();

const person = (entry: MinutesPerson): string => `${entry.name} (${entry.organisation})`;

export const RESTRICTED_ITEM_TITLE = MINUTES_TEXT.fr.restrictedTitle;
export const RESTRICTED_ITEM_NOTE = MINUTES_TEXT.fr.restrictedNote;

export function buildMinutes(input: MinutesInput): BlockSpec[] {
  const language = input.language ?? 'fr';
  const words = MINUTES_TEXT[language];
  const blocks: BlockSpec[] = [
    { type: 'heading', level: 1, text: minutesTitle(input.sessionTitle, input.date, language) },
    { type: 'paragraph', text: words.sitting(input.commissionName, minutesDate(input.date, language), input.location ?? '') },
    { type: 'paragraph', text: words.chair(person(input.chair)) },
    ...attendanceBlocks(input.attendees, language),
    { type: 'heading', level: 2, text: words.agenda },
    // One numbered line per item (a bulleted list of numbered lines read as two numberings).
    ...(input.items.length > 0
      ? input.items.map((item, index): BlockSpec => ({ type: 'paragraph', text: `${index + 1}. ${itemTitle(item, language)}` }))
      : [{ type: 'paragraph', text: words.noItems } as const]),
  ];
  for (const [index, item] of input.items.entries()) blocks.push(...itemBlocks(item, index + 1, language));
  // Arabic minutes read right to left whatever a name or number at the start of a line says.
  return language === 'ar' ? blocks.map((block) => ({ ...block, dir: 'rtl' as const })) : blocks;
}

function attendanceBlocks(attendees: readonly MinutesPerson[], language: Locale): BlockSpec[] {
  const words = MINUTES_TEXT[language];
  const heading: BlockSpec = { type: 'heading', level: 2, text: words.present };
  if (attendees.length === 0) return [heading, { type: 'paragraph', text: words.noAttendance }];
  const organisations = [...new Set(attendees.map((entry) => entry.organisation))];
  return [heading, { type: 'paragraph', text: words.organisationsRepresented(organisations.join(words.comma)) }, { type: 'bulletList', items: attendees.map(person) }];
}

/** What the decision did to the document, said in the minutes (issue 16: "the minutes say so"). */
export function decisionEffectLine(decision: Decision | null, effect: DecisionEffect | null | undefined, language: Locale = 'fr'): string | null {
  if (!decision) return null;
  const words = MINUTES_TEXT[language];
  const target = decisionTarget(decision);
  const status = words.statuses[target?.to ?? 'adopted'];
  switch (effect) {
    case 'moved':
      return words.moved(status, target?.to === 'returned');
    case 'noted':
      return words.noted;
    case 'blocked':
      return words.blocked(status);
    default:
      return words.unconfirmed;
  }
}

const itemTitle = (item: MinutesItem, language: Locale): string => (item.restricted ? MINUTES_TEXT[language].restrictedTitle : withoutLeadingNumber(oneLine(item.title)));

function itemBlocks(item: MinutesItem, number: number, language: Locale): BlockSpec[] {
  const words = MINUTES_TEXT[language];
  const decision = item.decision
    ? words.decision(words.decisions[item.decision], item.restricted ? null : item.decisionText ? oneLine(item.decisionText) : null)
    : words.noDecision;
  if (item.restricted) {
    return [
      { type: 'heading', level: 2, text: `${number}. ${words.restrictedTitle}` },
      { type: 'paragraph', text: words.restrictedNote },
      { type: 'paragraph', text: decision },
      ...effectBlocks(item, language),
    ];
  }
  return [
    { type: 'heading', level: 2, text: `${number}. ${itemTitle(item, language)}` },
    { type: 'paragraph', text: words.document(item.documentTitle) },
    { type: 'paragraph', text: words.presentedBy(item.presenter ?? words.notSpecified) },
    { type: 'paragraph', text: decision },
    ...effectBlocks(item, language),
    ...(item.comments.length > 0
      ? [
          { type: 'heading', level: 3, text: words.observations } as const,
          { type: 'bulletList', items: item.comments.map((comment) => words.said(person(comment), oneLine(comment.body))) } as const,
        ]
      : [{ type: 'paragraph', text: words.noObservations } as const]),
  ];
}

function effectBlocks(item: MinutesItem, language: Locale): BlockSpec[] {
  const line = decisionEffectLine(item.decision, item.decisionEffect, language);
  return line ? [{ type: 'paragraph', text: line }] : [];
}
