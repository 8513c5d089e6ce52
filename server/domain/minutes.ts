import type { Decision, DocumentStatus } from '../../db/schema.ts';
import type { BlockSpec } from '../../shared/doc-schema.ts';
import { decisionTarget, type DecisionEffect } from '../../shared/decision-workflow.ts';

/**
 * Minutes of a commission session, pure: the facts of a closed session in, the rich-text blocks
 * of its `minutes` document out. Written in French, the working language of the secretariat;
 * the document is an ordinary draft afterwards, which the secretariat may edit and translate.
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
  commissionName: string;
  sessionTitle: string;
  /** YYYY-MM-DD */
  date: string;
  location: string | null;
  chair: MinutesPerson;
  attendees: readonly MinutesPerson[];
  items: readonly MinutesItem[];
}

export const DECISION_LABELS: Record<Decision, string> = {
  adopted: 'Adopté',
  adopted_with_changes: 'Adopté avec modifications',
  returned: 'Renvoyé pour reprise',
  postponed: 'Reporté',
};

/** "Commission technique — 2026-11-28": the name of the versions a session snapshots. */
export const sessionVersionName = (commissionName: string, date: string): string => `${commissionName} — ${date}`;

/** "28 novembre 2026": a YYYY-MM-DD day as the minutes (written in French) say it. */
export function minutesDate(date: string): string {
  const day = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(day.getTime())) return date;
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(day);
}

export const minutesTitle = (sessionTitle: string, date: string): string => `Procès-verbal — ${sessionTitle} (${minutesDate(date)})`;

/** An agenda title that starts with its own number ("2. Plan emploi", "3) Note") loses it: the minutes number items once. */
export const withoutLeadingNumber = (title: string): string => title.replace(/^\s*\d+\s*[.)\-–]\s*/u, '');

/** One line per block: a comment's own line breaks would otherwise split it across list items. */
const oneLine = (text: string): string => text.replace(/\s+/gu, ' ').trim();

const person = (entry: MinutesPerson): string => `${entry.name} (${entry.organisation})`;

export function buildMinutes(input: MinutesInput): BlockSpec[] {
  const place = input.location ? `, ${input.location}` : '';
  const blocks: BlockSpec[] = [
    { type: 'heading', level: 1, text: minutesTitle(input.sessionTitle, input.date) },
    { type: 'paragraph', text: `${input.commissionName} — séance du ${minutesDate(input.date)}${place}.` },
    { type: 'paragraph', text: `Présidence : ${person(input.chair)}.` },
    ...attendanceBlocks(input.attendees),
    { type: 'heading', level: 2, text: 'Ordre du jour' },
    // One numbered line per item (a bulleted list of numbered lines read as two numberings).
    ...(input.items.length > 0
      ? input.items.map((item, index): BlockSpec => ({ type: 'paragraph', text: `${index + 1}. ${itemTitle(item)}` }))
      : [{ type: 'paragraph', text: 'Aucun point inscrit.' } as const]),
  ];
  input.items.forEach((item, index) => blocks.push(...itemBlocks(item, index + 1)));
  return blocks;
}

function attendanceBlocks(attendees: readonly MinutesPerson[]): BlockSpec[] {
  const heading: BlockSpec = { type: 'heading', level: 2, text: 'Présents' };
  if (attendees.length === 0) return [heading, { type: 'paragraph', text: 'Aucune présence enregistrée.' }];
  const organisations = [...new Set(attendees.map((entry) => entry.organisation))];
  return [
    heading,
    { type: 'paragraph', text: `Organisations représentées : ${organisations.join(', ')}.` },
    { type: 'bulletList', items: attendees.map(person) },
  ];
}

export const RESTRICTED_ITEM_TITLE = 'Point à diffusion restreinte';
export const RESTRICTED_ITEM_NOTE =
  'Le document de ce point n’est pas lisible par tous les destinataires de ce procès-verbal : son titre, le texte de la décision et les observations figurent dans le document lui-même.';

const STATUS_LABELS: Record<DocumentStatus, string> = {
  draft: 'Brouillon',
  in_review: 'En relecture',
  submitted: 'Soumis',
  adopted: 'Adopté',
  in_implementation: 'En mise en œuvre',
  closed: 'Clôturé',
  returned: 'Renvoyé',
};

/** What the decision did to the document, said in the minutes (issue 16: "the minutes say so"). */
export function decisionEffectLine(decision: Decision | null, effect: DecisionEffect | null | undefined): string | null {
  if (!decision) return null;
  const target = decisionTarget(decision);
  switch (effect) {
    case 'moved':
      return `Suite donnée : le document passe au statut « ${STATUS_LABELS[target?.to ?? 'adopted']} »${target?.to === 'returned' ? ', la décision valant motif' : ''}.`;
    case 'noted':
      return 'Suite donnée : statut du document inchangé, décision notée.';
    case 'blocked':
      return `Suite donnée : statut du document inchangé, la procédure ne permettant pas le passage au statut « ${STATUS_LABELS[target?.to ?? 'adopted']} ».`;
    default:
      return 'Suite donnée : non confirmée par la présidence ; statut du document inchangé.';
  }
}

const itemTitle = (item: MinutesItem): string => (item.restricted ? RESTRICTED_ITEM_TITLE : withoutLeadingNumber(oneLine(item.title)));

function itemBlocks(item: MinutesItem, number: number): BlockSpec[] {
  if (item.restricted) {
    return [
      { type: 'heading', level: 2, text: `${number}. ${RESTRICTED_ITEM_TITLE}` },
      { type: 'paragraph', text: RESTRICTED_ITEM_NOTE },
      { type: 'paragraph', text: item.decision ? `Décision : ${DECISION_LABELS[item.decision]}.` : 'Décision : aucune décision enregistrée.' },
      ...effectBlocks(item),
    ];
  }
  const decision = item.decision
    ? `Décision : ${DECISION_LABELS[item.decision]}${item.decisionText ? ` — ${oneLine(item.decisionText)}` : '.'}`
    : 'Décision : aucune décision enregistrée.';
  return [
    { type: 'heading', level: 2, text: `${number}. ${itemTitle(item)}` },
    { type: 'paragraph', text: `Document : ${item.documentTitle}` },
    { type: 'paragraph', text: `Présenté par : ${item.presenter ?? 'non précisé'}` },
    { type: 'paragraph', text: decision },
    ...effectBlocks(item),
    ...(item.comments.length > 0
      ? [
          { type: 'heading', level: 3, text: 'Observations' } as const,
          { type: 'bulletList', items: item.comments.map((comment) => `${person(comment)} : ${oneLine(comment.body)}`) } as const,
        ]
      : [{ type: 'paragraph', text: 'Aucune observation.' } as const]),
  ];
}

function effectBlocks(item: MinutesItem): BlockSpec[] {
  const line = decisionEffectLine(item.decision, item.decisionEffect);
  return line ? [{ type: 'paragraph', text: line }] : [];
}
