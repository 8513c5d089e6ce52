/**
 * What Slack would refuse or misread in a Block Kit payload, written from Slack's reference
 * (api.slack.com/reference/block-kit), independently of the bot's own builders. Lengths are
 * counted in UTF-16 code units, as Slack counts them.
 */

export type Surface = 'message' | 'home' | 'modal';

const MAX_BLOCKS: Record<Surface, number> = { message: 50, home: 100, modal: 100 };

/** Every limit a payload breaks, as readable lines (empty when Slack would accept it). */
export function blockKitProblems(
  payload: { text?: string; blocks?: unknown[]; title?: any; submit?: any; close?: any; private_metadata?: string },
  surface: Surface = 'message',
): string[] {
  const problems: string[] = [];
  const over = (what: string, value: string | undefined, max: number) => {
    if (value !== undefined && value.length > max) problems.push(`${what}: ${value.length} > ${max}`);
  };
  const blocks = (payload.blocks ?? []) as any[];
  if (blocks.length > MAX_BLOCKS[surface]) problems.push(`blocks: ${blocks.length} > ${MAX_BLOCKS[surface]}`);
  over('text', payload.text, 40_000);
  if (surface === 'modal') {
    over('modal title', payload.title?.text, 24);
    over('modal submit', payload.submit?.text, 24);
    over('modal close', payload.close?.text, 24);
    over('private_metadata', payload.private_metadata, 3000);
  }
  const blockIds = new Set<string>();
  for (const block of blocks) {
    if (block.block_id !== undefined) {
      over('block_id', block.block_id, 255);
      if (blockIds.has(block.block_id)) problems.push(`duplicate block_id ${block.block_id}`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case 'header':
        if (block.text?.type !== 'plain_text') problems.push('header text must be plain_text');
        over('header', block.text?.text, 150);
        break;
      case 'section':
        over('section text', block.text?.text, 3000);
        if ((block.fields ?? []).length > 10) problems.push(`section fields: ${block.fields.length} > 10`);
        for (const field of block.fields ?? []) over('section field', field.text, 2000);
        if (!block.text && !block.fields) problems.push('section without text or fields');
        if (block.accessory) elementProblems(block.accessory, problems, over);
        break;
      case 'context':
        if ((block.elements ?? []).length > 10) problems.push(`context elements: ${block.elements.length} > 10`);
        for (const element of block.elements ?? []) over('context text', element.text, 2000);
        break;
      case 'actions': {
        if ((block.elements ?? []).length > 25) problems.push(`actions elements: ${block.elements.length} > 25`);
        const ids = block.elements.map((element: any) => element.action_id);
        if (new Set(ids).size !== ids.length) problems.push(`duplicate action_id in ${ids.join(',')}`);
        for (const element of block.elements) elementProblems(element, problems, over);
        break;
      }
      case 'input':
        over('input label', block.label?.text, 2000);
        elementProblems(block.element, problems, over);
        break;
      case 'divider':
        break;
      default:
        problems.push(`unexpected block type ${block.type}`);
    }
  }
  return problems;
}

function elementProblems(element: any, problems: string[], over: (what: string, value: string | undefined, max: number) => void): void {
  over('action_id', element.action_id, 255);
  over('placeholder', element.placeholder?.text, 150);
  if (element.confirm) {
    over('confirm title', element.confirm.title?.text, 100);
    over('confirm text', element.confirm.text?.text, 300);
    over('confirm button', element.confirm.confirm?.text, 30);
    over('confirm deny', element.confirm.deny?.text, 30);
  }
  if (element.initial_option && !(element.options ?? []).some((option: any) => option.value === element.initial_option.value))
    problems.push('initial_option is not one of the options');
  switch (element.type) {
    case 'button':
      over('button text', element.text?.text, 75);
      over('button value', element.value, 2000);
      over('button url', element.url, 3000);
      break;
    case 'radio_buttons':
      if ((element.options ?? []).length > 10) problems.push(`radio options: ${element.options.length} > 10`);
    // falls through: the same limits per option
    case 'static_select':
      if ((element.options ?? []).length > 100) problems.push(`options: ${element.options.length} > 100`);
      for (const option of element.options ?? []) {
        over('option text', option.text?.text, 75);
        over('option value', option.value, 150);
      }
      break;
    case 'checkboxes':
      if ((element.options ?? []).length > 10) problems.push(`checkboxes: ${element.options.length} > 10`);
      if (element.initial_options && element.initial_options.length === 0) problems.push('checkboxes: empty initial_options');
      for (const option of element.options ?? []) {
        over('option text', option.text?.text, 75);
        over('option value', option.value, 150);
      }
      break;
    case 'external_select':
      break;
    case 'datepicker':
      if (element.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(element.initial_date))
        problems.push(`datepicker initial_date ${element.initial_date} is not YYYY-MM-DD`);
      break;
    case 'plain_text_input':
      over('initial_value', element.initial_value, element.max_length ?? 3000);
      break;
    default:
      problems.push(`unexpected element type ${element.type}`);
  }
}

/** Every mrkdwn string of a payload (what Slack parses for links, mentions and formatting): the fallback text included. */
export function mrkdwnTexts(payload: { text?: string; blocks?: unknown[] }): string[] {
  const texts: string[] = payload.text === undefined ? [] : [payload.text];
  const walk = (value: any) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      if (value.type === 'mrkdwn' && typeof value.text === 'string') texts.push(value.text);
      Object.values(value).forEach(walk);
    }
  };
  walk(payload.blocks ?? []);
  return texts;
}

/**
 * What a hostile text could make Slack do once placed in mrkdwn: a special mention, a user or
 * channel mention, a link that is not ours, formatting, a bare `&`, or text escaped twice.
 */
export function mrkdwnLeaks(payload: { text?: string; blocks?: unknown[] }, ourUrl: string): string[] {
  const leaks: string[] = [];
  for (const text of mrkdwnTexts(payload)) {
    for (const match of text.matchAll(/<([^>]*)>/g)) {
      const inner = match[1]!;
      if (!inner.startsWith(`${ourUrl}/`)) leaks.push(`live markup <${inner}> in ${JSON.stringify(text)}`);
      else if (inner.includes('<')) leaks.push(`a link label opening markup in ${JSON.stringify(text)}`);
    }
    if (/\*bold\*/.test(text)) leaks.push(`bold formatting from people's text in ${JSON.stringify(text)}`);
    if (/&(?!amp;|lt;|gt;)/.test(text)) leaks.push(`unescaped & in ${JSON.stringify(text)}`);
    if (/&amp;(amp|lt|gt);/.test(text)) leaks.push(`escaped twice in ${JSON.stringify(text)}`);
  }
  return leaks;
}
