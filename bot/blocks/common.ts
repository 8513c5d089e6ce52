import type { types } from '@slack/bolt';

/** Small pure helpers shared by the Block Kit builders; nothing here does I/O. */

export type Block = types.KnownBlock;
export type Button = types.Button;

/** What a command or a notification answers: Block Kit plus the plain text Slack shows in notifications. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Action ids: the prefix names the handler; a `#n` suffix keeps ids unique within one message. */
export const ActionId = {
  open: 'tsq_open',
  link: 'tsq_link',
  measureDone: 'tsq_measure_done',
  measureStatus: 'tsq_measure_status',
  commentResolve: 'tsq_comment_resolve',
  commentNew: 'tsq_comment_new',
  documentApprove: 'tsq_doc_approve',
  documentReturn: 'tsq_doc_return',
  documentPick: 'tsq_doc_pick',
  documentSearch: 'tsq_doc_search',
} as const;

export const ViewId = { comment: 'tsq_comment_modal', returnDocument: 'tsq_return_modal' } as const;

/**
 * Slack's Block Kit limits, as Slack counts them (UTF-16 code units, after our escaping): what the
 * builders below cut to, and what tests check every builder's output against.
 */
export const LIMITS = {
  section: 3000,
  field: 2000,
  fields: 10,
  header: 150,
  button: 75,
  buttonValue: 2000,
  option: 75,
  optionValue: 150,
  options: 100,
  context: 2000,
  contextElements: 10,
  actionElements: 25,
  actionId: 255,
  blockId: 255,
  placeholder: 150,
  blocks: 50,
  viewBlocks: 100,
  modalTitle: 24,
  privateMetadata: 3000,
  text: 4000,
} as const;

/** Cuts to `max` UTF-16 units (Slack's count) with an ellipsis, never inside a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (end > 0 && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end--;
  return `${text.slice(0, end)}…`;
}

/** Like truncate, for mrkdwn we built: never cuts inside an entity (`&amp;`) or a `<link|label>`. */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = truncate(text, max).slice(0, -1);
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  const amp = cut.lastIndexOf('&');
  if (amp > cut.lastIndexOf(';')) cut = cut.slice(0, amp);
  return `${cut}…`;
}

/**
 * Items joined by `separator` within `max` characters: when they do not all fit, as many as fit
 * (the first cut if it alone is too long), then `more(count)` saying how many were left out.
 * Items are mrkdwn we built (escaped already).
 */
export function fitList(items: readonly string[], separator: string, max: number, more: (count: number) => string): string {
  const all = items.join(separator);
  if (all.length <= max) return all;
  const budget = max - separator.length - more(items.length).length;
  let out = truncateMrkdwn(items[0]!, budget);
  let shown = 1;
  for (; shown < items.length; shown++) {
    const next = `${out}${separator}${items[shown]}`;
    if (next.length > budget) break;
    out = next;
  }
  return shown < items.length ? `${out}${separator}${more(items.length - shown)}` : out;
}

// Formatting characters look the same but format nothing once swapped for these.
const INERT: Record<string, string> = { '*': '\u2217', _: '\u02cd', '~': '\u223c', '`': '\u02cb' };
const WORDLIKE = /[\p{L}\p{N}]/u;

/**
 * The one escaping function for text from people placed in mrkdwn (titles, names, comments,
 * queries): `& < >` become entities, so nobody can inject `<!channel>`, `<@U…>` or a fake link,
 * and `* _ ~ `` ` that could open bold, italic, strike or code are swapped for look-alikes.
 */
export function escapeMrkdwn(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '&') out += '&amp;';
    else if (char === '<') out += '&lt;';
    else if (char === '>') out += '&gt;';
    else if (char === '`') out += INERT[char];
    else if (char === '*' || char === '_' || char === '~') {
      // Inside a word (plan_2026, 2*3) they format nothing; at a word's edge they might.
      const inWord = i > 0 && i < text.length - 1 && WORDLIKE.test(text[i - 1]!) && WORDLIKE.test(text[i + 1]!);
      out += inWord ? char : INERT[char];
    } else out += char;
  }
  return out;
}

/** A link whose label comes from people: on one line, not too long, escaped, and without the `|` that would end it early. */
export function link(url: string, label: string): string {
  return `<${url}|${escapeMrkdwn(oneLine(label, 300)).replace(/\|/g, '¦')}>`;
}

/** Mrkdwn we built, for a plain_text place (a header, a modal error): links become their labels, entities their characters. */
export function plainFromMrkdwn(text: string): string {
  return text
    .replace(/<[^<>|]*\|([^<>]*)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function oneLine(text: string, max = 200): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), max);
}

export const section = (text: string, accessory?: types.SectionBlock['accessory']): types.SectionBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncateMrkdwn(text, LIMITS.section) },
  ...(accessory ? { accessory } : {}),
});

export const fields = (pairs: Array<[string, string]>): types.SectionBlock => ({
  type: 'section',
  fields: pairs.slice(0, LIMITS.fields).map(([label, value]) => ({ type: 'mrkdwn', text: truncateMrkdwn(`*${label}*\n${value}`, LIMITS.field) })),
});

export const header = (text: string): types.HeaderBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: truncate(text, LIMITS.header), emoji: true },
});

export const context = (text: string): types.ContextBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: truncateMrkdwn(text, LIMITS.context) }],
});

export const divider = (): types.DividerBlock => ({ type: 'divider' });

export const actions = (elements: types.ActionsBlock['elements']): types.ActionsBlock => ({ type: 'actions', elements: elements.slice(0, LIMITS.actionElements) });

export function button(actionId: string, text: string, value: string, style?: 'primary' | 'danger'): Button {
  if (value.length > LIMITS.buttonValue) throw new Error(`a button value of ${value.length} characters: only ids belong there`);
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: truncate(text, LIMITS.button), emoji: true },
    value,
    ...(style ? { style } : {}),
  };
}

export function urlButton(actionId: string, text: string, url: string): Button {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text: truncate(text, LIMITS.button), emoji: true }, url };
}

/** A menu option; its value carries ids only (see measure-key.ts), so it fits by construction. */
export function option(text: string, value: string): types.PlainTextOption {
  if (value.length > LIMITS.optionValue) throw new Error(`an option value of ${value.length} characters: only ids belong there`);
  return { text: { type: 'plain_text', text: truncate(text, LIMITS.option), emoji: true }, value };
}

/** Button values are small JSON objects; parsing them back never trusts their shape. */
export const encodeValue = (value: Record<string, string>): string => JSON.stringify(value);

export function decodeValue(raw: unknown): Record<string, string> {
  if (typeof raw !== 'string' || raw.length > 2000) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {};
  }
}

export const documentUrl = (publicUrl: string, documentId: string): string => `${publicUrl}/documents/${documentId}`;

/** An ephemeral answer with text only. */
export const plain = (text: string): SlackMessage => ({ text, blocks: [section(text)] });
