import type { types } from '@slack/bolt';
import type { DocumentKind, DocumentStatus, Locale } from '../../db/schema.ts';
import { t } from '../i18n/index.ts';
import { context, documentUrl, escapeMrkdwn, link, section } from './common.ts';

export interface UnfurlView {
  id: string;
  title: string;
  kind: DocumentKind;
  status: DocumentStatus;
  leadName: string;
  measuresDone: number;
  measuresTotal: number;
  overdue: number;
}

/** The preview shown where not every member may read the document: nothing of it but a link that checks access. */
export function restrictedUnfurlBlocks(documentId: string, locale: Locale, publicUrl: string): types.KnownBlock[] {
  return [section(`📄 ${link(documentUrl(publicUrl, documentId), t(locale, 'unfurl.restricted'))}`)];
}

/** The preview of a Tansiq document link: title, status, progress. */
export function unfurlBlocks(view: UnfurlView, locale: Locale, publicUrl: string): types.KnownBlock[] {
  const progress = view.measuresTotal > 0 ? ` · ${t(locale, 'unfurl.progress', { done: view.measuresDone, total: view.measuresTotal, overdue: view.overdue })}` : '';
  return [
    section(`📄 *${link(documentUrl(publicUrl, view.id), view.title)}*`),
    context(`${t(locale, `kind.${view.kind}`)} · _${t(locale, `status.${view.status}`)}_ · ${escapeMrkdwn(view.leadName)}${progress}`),
  ];
}
