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

// Slack's limits: section text 3000, header 150, button text 75, option text 75, button value 2000.
export const LIMITS = { section: 3000, header: 150, button: 75, option: 75, context: 2000, blocks: 50 } as const;

export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Text from people goes into mrkdwn escaped, so nobody can inject <!channel> or a fake link. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A link whose label comes from people: escaped, and without the `|` that would end it early. */
export function link(url: string, label: string): string {
  return `<${url}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
}

export function oneLine(text: string, max = 200): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), max);
}

export const section = (text: string, accessory?: types.SectionBlock['accessory']): types.SectionBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncate(text, LIMITS.section) },
  ...(accessory ? { accessory } : {}),
});

export const fields = (pairs: Array<[string, string]>): types.SectionBlock => ({
  type: 'section',
  fields: pairs.slice(0, 10).map(([label, value]) => ({ type: 'mrkdwn', text: truncate(`*${label}*\n${value}`, 2000) })),
});

export const header = (text: string): types.HeaderBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: truncate(text, LIMITS.header), emoji: true },
});

export const context = (text: string): types.ContextBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: truncate(text, LIMITS.context) }],
});

export const divider = (): types.DividerBlock => ({ type: 'divider' });

export const actions = (elements: types.ActionsBlock['elements']): types.ActionsBlock => ({ type: 'actions', elements: elements.slice(0, 25) });

export function button(actionId: string, text: string, value: string, style?: 'primary' | 'danger'): Button {
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

export const option = (text: string, value: string): types.PlainTextOption => ({
  text: { type: 'plain_text', text: truncate(text, LIMITS.option), emoji: true },
  value,
});

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
