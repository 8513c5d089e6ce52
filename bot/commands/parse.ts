import type { Locale } from '../../db/schema.ts';
import { EVENT_CATEGORIES, type EventCategory } from '../blocks/help.ts';

/**
 * `/tansiq <sub-command> <arguments>` as a discriminated union. Pure: no lookups, only the
 * shape of what was typed. Anything not understood becomes `help` or `usage`, never an error.
 */
export type ParsedCommand =
  | { name: 'help'; unknown?: string }
  | { name: 'usage'; command: 'status' | 'search' | 'comment' | 'subscribe' | 'unsubscribe' }
  | { name: 'tooLong'; max: number }
  | { name: 'status'; query: string }
  | { name: 'list'; words: string[] }
  | { name: 'overdue'; organisation?: string }
  | { name: 'search'; query: string }
  | { name: 'comment'; query: string; text: string }
  | { name: 'session' }
  | { name: 'subscribe'; target: string; events: EventCategory[]; unknownEvents: string[]; locale: Locale }
  | { name: 'unsubscribe'; target: string }
  | { name: 'subscriptions'; all?: boolean }
  | { name: 'unlink' };

export type CommandName = 'status' | 'list' | 'overdue' | 'search' | 'comment' | 'session' | 'subscribe' | 'unsubscribe' | 'subscriptions' | 'unlink' | 'help';

export const MAX_QUERY_LENGTH = 200;
export const MAX_COMMENT_LENGTH = 4000;

// People type the French (and Arabic) words as often as the English ones.
const ALIASES: Record<string, CommandName> = {
  status: 'status',
  statut: 'status',
  etat: 'status',
  état: 'status',
  حالة: 'status',
  وضعية: 'status',
  list: 'list',
  liste: 'list',
  لائحة: 'list',
  overdue: 'overdue',
  retard: 'overdue',
  retards: 'overdue',
  متأخرة: 'overdue',
  search: 'search',
  recherche: 'search',
  chercher: 'search',
  بحث: 'search',
  comment: 'comment',
  commenter: 'comment',
  commentaire: 'comment',
  تعليق: 'comment',
  session: 'session',
  séance: 'session',
  seance: 'session',
  جلسة: 'session',
  subscribe: 'subscribe',
  suivre: 'subscribe',
  abonner: 'subscribe',
  تتبع: 'subscribe',
  unsubscribe: 'unsubscribe',
  désabonner: 'unsubscribe',
  desabonner: 'unsubscribe',
  subscriptions: 'subscriptions',
  abonnements: 'subscriptions',
  اشتراكات: 'subscriptions',
  unlink: 'unlink',
  délier: 'unlink',
  delier: 'unlink',
  dissocier: 'unlink',
  'فك-الربط': 'unlink',
  help: 'help',
  aide: 'help',
  مساعدة: 'help',
};

const EVENT_ALIASES: Record<string, EventCategory | 'all'> = {
  all: 'all',
  tout: 'all',
  tous: 'all',
  status: 'status',
  statut: 'status',
  comments: 'comments',
  comment: 'comments',
  commentaires: 'comments',
  measures: 'measures',
  mesures: 'measures',
  sessions: 'sessions',
  séances: 'sessions',
  seances: 'sessions',
  edits: 'edits',
  modifications: 'edits',
};

export function parseCommand(input: string): ParsedCommand {
  const text = input.replace(/\s+/g, ' ').trim();
  if (text === '') return { name: 'help' };
  const space = text.indexOf(' ');
  const word = (space < 0 ? text : text.slice(0, space)).toLowerCase();
  const rest = space < 0 ? '' : text.slice(space + 1).trim();
  const name = ALIASES[word];
  if (!name) return { name: 'help', unknown: word };
  if (name !== 'comment' && rest.length > MAX_QUERY_LENGTH) return { name: 'tooLong', max: MAX_QUERY_LENGTH };
  switch (name) {
    case 'help':
      return { name: 'help' };
    case 'session':
      return { name: 'session' };
    case 'subscriptions':
      // `subscriptions all`: every subscription of the workspace, for administrators
      return /^(all|tous|toutes|workspace|espace|الكل)$/i.test(rest) ? { name: 'subscriptions', all: true } : { name: 'subscriptions' };
    case 'unlink':
      return { name: 'unlink' };
    case 'status':
    case 'search':
      return rest ? { name, query: unquote(rest) } : { name: 'usage', command: name };
    case 'list':
      return { name: 'list', words: rest ? rest.split(' ') : [] };
    case 'overdue':
      return rest ? { name: 'overdue', organisation: unquote(rest) } : { name: 'overdue' };
    case 'unsubscribe':
      return rest ? { name: 'unsubscribe', target: unquote(rest) } : { name: 'usage', command: name };
    case 'subscribe':
      return parseSubscribe(rest);
    case 'comment':
      return parseComment(
        input
          .trim()
          .slice(input.trim().indexOf(' ') + 1)
          .trim(),
        input.trim().includes(' '),
      );
  }
}

/** `comment "title" text`, `comment «title» text`, `comment title : text`, or `comment <id> text`. */
function parseComment(rest: string, hasArguments: boolean): ParsedCommand {
  if (!hasArguments || !rest) return { name: 'usage', command: 'comment' };
  let query: string;
  let body: string;
  const quoted = /^(?:"([^"]+)"|«\s*([^»]+?)\s*»|“([^”]+)”)\s*:?\s*([\s\S]*)$/.exec(rest);
  const colon = rest.search(/\s:\s|:\s/);
  if (quoted) {
    query = (quoted[1] ?? quoted[2] ?? quoted[3] ?? '').trim();
    body = quoted[4] ?? '';
  } else if (colon > 0) {
    query = rest.slice(0, colon).trim();
    body = rest.slice(colon).replace(/^\s*:\s*/, '');
  } else {
    const space = rest.search(/\s/);
    query = space < 0 ? rest : rest.slice(0, space);
    body = space < 0 ? '' : rest.slice(space + 1);
  }
  body = body.trim();
  if (!query || !body) return { name: 'usage', command: 'comment' };
  if (query.length > MAX_QUERY_LENGTH) return { name: 'tooLong', max: MAX_QUERY_LENGTH };
  if (body.length > MAX_COMMENT_LENGTH) return { name: 'tooLong', max: MAX_COMMENT_LENGTH };
  return { name: 'comment', query, text: body };
}

const LANGUAGE = /(?:^|\s)(?:lang|langue|language|لغة)\s*[:=]\s*(fr|ar|en)(?=\s|$)/i;

/**
 * `subscribe <target> [events] [lang:fr|ar|en]`: events after a colon, or known event words at the
 * end; the channel's language (French unless said).
 */
function parseSubscribe(input: string): ParsedCommand {
  const language = LANGUAGE.exec(input);
  const locale = (language?.[1]?.toLowerCase() ?? 'fr') as Locale;
  const rest = language ? `${input.slice(0, language.index)} ${input.slice(language.index + language[0].length)}`.replace(/\s+/g, ' ').trim() : input;
  if (!rest) return { name: 'usage', command: 'subscribe' };
  let target = rest;
  let eventWords: string[] = [];
  const colon = rest.lastIndexOf(':');
  if (colon > 0) {
    target = rest.slice(0, colon).trim();
    eventWords = rest
      .slice(colon + 1)
      .split(/[\s,]+/)
      .filter(Boolean);
  } else {
    const words = rest.split(' ');
    while (words.length > 1 && EVENT_ALIASES[words[words.length - 1]!.toLowerCase().replace(/,$/, '')]) eventWords.unshift(words.pop()!.replace(/,$/, ''));
    target = words.join(' ');
  }
  const events = new Set<EventCategory>();
  const unknownEvents: string[] = [];
  for (const raw of eventWords) {
    const category = EVENT_ALIASES[raw.toLowerCase()];
    if (!category) unknownEvents.push(raw);
    else for (const each of category === 'all' ? EVENT_CATEGORIES : [category]) events.add(each);
  }
  if (!target) return { name: 'usage', command: 'subscribe' };
  return {
    name: 'subscribe',
    target: unquote(target),
    events: events.size > 0 ? EVENT_CATEGORIES.filter((each) => events.has(each)) : [...EVENT_CATEGORIES],
    unknownEvents,
    locale,
  };
}

function unquote(text: string): string {
  const match = /^(?:"(.+)"|«\s*(.+?)\s*»|“(.+)”)$/.exec(text.trim());
  return (match ? (match[1] ?? match[2] ?? match[3] ?? '') : text).trim();
}
