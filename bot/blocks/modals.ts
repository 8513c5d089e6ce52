import type { types } from '@slack/bolt';
import type { Locale } from '../../db/schema.ts';
import { t } from '../i18n/index.ts';
import { ActionId, ViewId, context, escapeMrkdwn, truncate } from './common.ts';

export type ModalView = types.ModalView;

/** Block and action ids of the modal inputs, to read `view.state.values` back. */
export const ModalField = { document: 'document', body: 'body', reason: 'reason' } as const;

/** The comment modal: for a known document (from a button), or with a document picker (from App Home). */
export function commentModal(locale: Locale, document: { id: string; title: string; measureId?: string } | null): ModalView {
  const blocks: types.KnownBlock[] = [];
  if (document) blocks.push(context(`📄 *${escapeMrkdwn(document.title)}*`));
  else {
    blocks.push({
      type: 'input',
      block_id: ModalField.document,
      label: { type: 'plain_text', text: t(locale, 'modal.documentLabel') },
      element: {
        type: 'external_select',
        action_id: ActionId.documentSearch,
        min_query_length: 2,
        placeholder: { type: 'plain_text', text: t(locale, 'picker.placeholder') },
      },
    });
  }
  blocks.push({
    type: 'input',
    block_id: ModalField.body,
    label: { type: 'plain_text', text: t(locale, 'modal.commentLabel') },
    element: { type: 'plain_text_input', action_id: ModalField.body, multiline: true, max_length: 3000 },
  });
  return {
    type: 'modal',
    callback_id: ViewId.comment,
    private_metadata: JSON.stringify(document ? { d: document.id, ...(document.measureId ? { m: document.measureId } : {}) } : {}),
    title: { type: 'plain_text', text: truncate(t(locale, 'modal.commentTitle'), 24) },
    submit: { type: 'plain_text', text: truncate(t(locale, 'modal.submit'), 24) },
    close: { type: 'plain_text', text: truncate(t(locale, 'modal.cancel'), 24) },
    blocks,
  };
}

/** Returning a submitted document needs a reason, asked in a modal. */
export function returnModal(locale: Locale, document: { id: string; title: string }): ModalView {
  return {
    type: 'modal',
    callback_id: ViewId.returnDocument,
    private_metadata: JSON.stringify({ d: document.id }),
    title: { type: 'plain_text', text: truncate(t(locale, 'modal.returnTitle'), 24) },
    submit: { type: 'plain_text', text: truncate(t(locale, 'modal.returnSubmit'), 24) },
    close: { type: 'plain_text', text: truncate(t(locale, 'modal.cancel'), 24) },
    blocks: [
      context(`📄 *${escapeMrkdwn(document.title)}*`),
      {
        type: 'input',
        block_id: ModalField.reason,
        label: { type: 'plain_text', text: t(locale, 'modal.returnLabel') },
        element: { type: 'plain_text_input', action_id: ModalField.reason, multiline: true, max_length: 2000 },
      },
    ],
  };
}
