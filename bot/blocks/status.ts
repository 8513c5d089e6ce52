import type { DocumentKind, DocumentStatus, Locale } from '../../db/schema.ts';
import { MEASURE_STATUSES, type MeasureStatus } from '../../shared/doc-schema.ts';
import { formatDate, t, tPlain } from '../i18n/index.ts';
import {
  ActionId,
  LIMITS,
  actions,
  button,
  context,
  documentUrl,
  encodeValue,
  escapeMrkdwn,
  fields,
  header,
  link,
  option,
  section,
  urlButton,
  type Block,
  type Button,
  type SlackMessage,
} from './common.ts';

/** What `/tansiq status` shows of one document, gathered for one reader. */
export interface DocumentStatusView {
  id: string;
  title: string;
  kind: DocumentKind;
  status: DocumentStatus;
  returnReason: string | null;
  leadName: string;
  measures: Record<MeasureStatus, number>;
  overdue: number;
  lastEditedAt: Date | null;
  lastEditorName: string | null;
  openComments: number;
  canComment: boolean;
  /** the workflow moves this reader may make from the current status */
  transitions: DocumentStatus[];
}

export function measureSummary(locale: Locale, measures: Record<MeasureStatus, number>): string {
  const parts = MEASURE_STATUSES.filter((status) => measures[status] > 0).map((status) => `${t(locale, `measure.${status}`)} ${measures[status]}`);
  return parts.length > 0 ? parts.join(' · ') : t(locale, 'doc.none');
}

/** The buttons a reader gets under a document: open, comment, and adopt / return when allowed. */
export function documentButtons(locale: Locale, publicUrl: string, view: Pick<DocumentStatusView, 'id' | 'canComment' | 'transitions'>): Button[] {
  const value = encodeValue({ d: view.id });
  const buttons: Button[] = [urlButton(ActionId.open, t(locale, 'doc.open'), documentUrl(publicUrl, view.id))];
  if (view.canComment) buttons.push(button(ActionId.commentNew, t(locale, 'doc.comment'), value));
  if (view.transitions.includes('adopted')) buttons.push(button(ActionId.documentApprove, t(locale, 'doc.approve'), value, 'primary'));
  if (view.transitions.includes('returned')) buttons.push(button(ActionId.documentReturn, t(locale, 'doc.return'), value, 'danger'));
  return buttons;
}

export function statusBlocks(view: DocumentStatusView, locale: Locale, publicUrl: string): SlackMessage {
  const lastEdit = view.lastEditedAt
    ? view.lastEditorName
      ? t(locale, 'doc.lastEditBy', { date: formatDate(locale, view.lastEditedAt, true), name: view.lastEditorName })
      : formatDate(locale, view.lastEditedAt, true)
    : t(locale, 'doc.never');
  const blocks: Block[] = [
    header(`📄 ${view.title}`),
    fields([
      [t(locale, 'doc.kind'), t(locale, `kind.${view.kind}`)],
      [t(locale, 'doc.status'), t(locale, `status.${view.status}`)],
      [t(locale, 'doc.lead'), escapeMrkdwn(view.leadName)],
      [t(locale, 'doc.measures'), measureSummary(locale, view.measures)],
      [t(locale, 'doc.overdue'), String(view.overdue)],
      [t(locale, 'doc.openComments'), String(view.openComments)],
    ]),
    context(`${t(locale, 'doc.lastEdit')} : ${lastEdit} · ${link(documentUrl(publicUrl, view.id), t(locale, 'doc.open'))}`),
  ];
  if (view.status === 'returned' && view.returnReason) blocks.splice(2, 0, section(t(locale, 'doc.returnReason', { reason: view.returnReason })));
  blocks.push(actions(documentButtons(locale, publicUrl, view)));
  return { text: `${escapeMrkdwn(view.title)} — ${t(locale, `status.${view.status}`)}`, blocks };
}

export interface PickerCandidate {
  id: string;
  title: string;
  status: DocumentStatus;
}

/** Several documents matched: let the reader choose (the choice comes back as an action). */
export function pickerBlocks(query: string, candidates: readonly PickerCandidate[], locale: Locale, total = candidates.length): SlackMessage {
  const shown = Math.min(candidates.length, LIMITS.options);
  // A menu shows what it holds: the reader must know when more matched than it lists.
  const prompt = t(locale, 'picker.prompt', { query }) + (total > shown ? ` ${t(locale, 'picker.truncated', { shown, total })}` : '');
  return {
    text: prompt,
    blocks: [
      section(prompt, {
        type: 'static_select',
        action_id: ActionId.documentPick,
        placeholder: { type: 'plain_text', text: tPlain(locale, 'picker.placeholder') },
        options: candidates.slice(0, LIMITS.options).map((candidate) => option(`${candidate.title} (${tPlain(locale, `status.${candidate.status}`)})`, candidate.id)),
      }),
    ],
  };
}
