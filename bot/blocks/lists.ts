import type { DocumentKind, DocumentStatus, Locale } from '../../db/schema.ts';
import { MEASURE_STATUSES, type MeasureStatus } from '../../shared/doc-schema.ts';
import { indicatorSummary } from '../../shared/indicator.ts';
import { formatDate, formatNumber, t, tPlain } from '../i18n/index.ts';
import { measureKey } from './measure-key.ts';
import {
  ActionId,
  actions,
  button,
  context,
  documentUrl,
  encodeValue,
  escapeMrkdwn,
  header,
  link,
  oneLine,
  option,
  plainFromMrkdwn,
  section,
  truncateMrkdwn,
  type Block,
  type SlackMessage,
} from './common.ts';

export interface DocumentLine {
  id: string;
  title: string;
  kind: DocumentKind;
  status: DocumentStatus;
  leadName: string;
}

/** `list` and `search`: one line per document, with a link; the rest counted. `title` is mrkdwn (from `t`). */
export function documentListBlocks(title: string, documents: readonly DocumentLine[], total: number, locale: Locale, publicUrl: string): SlackMessage {
  if (documents.length === 0) return { text: t(locale, 'list.none'), blocks: [section(t(locale, 'list.none'))] };
  const lines = documents.map(
    (doc) => `• ${link(documentUrl(publicUrl, doc.id), doc.title)} — ${t(locale, `kind.${doc.kind}`)}, _${t(locale, `status.${doc.status}`)}_ · ${escapeMrkdwn(doc.leadName)}`,
  );
  const blocks: Block[] = [header(plainFromMrkdwn(title)), ...chunkLines(lines, locale)];
  if (total > documents.length) blocks.push(context(t(locale, 'list.more', { count: total - documents.length })));
  return { text: title, blocks };
}

export interface MeasureLine {
  documentId: string;
  documentTitle: string;
  id: string;
  title: string;
  due: string | null;
  status: MeasureStatus;
  progress: number;
  /** the indicator's current value and target, when the list has them */
  indicatorCurrent?: number | null;
  indicatorTarget?: number | null;
  indicatorUnit?: string;
  /** the reader may edit the document: offer the buttons (the click checks again) */
  canEdit: boolean;
}

/** Overdue (or due) measures, each with open / mark done / set status. */
export function measureListBlocks(title: string, measures: readonly MeasureLine[], total: number, locale: Locale, publicUrl: string): SlackMessage {
  if (measures.length === 0) return { text: t(locale, 'overdue.none'), blocks: [section(t(locale, 'overdue.none'))] };
  const blocks: Block[] = [header(plainFromMrkdwn(title))];
  // 50 blocks per message: a header, two blocks per measure, and a closing context.
  measures.slice(0, 20).forEach((measure, index) => {
    blocks.push(section(measureLine(measure, locale, publicUrl)));
    if (measure.canEdit) blocks.push(actions(measureButtons(measure, locale, index)));
  });
  if (total > Math.min(20, measures.length)) blocks.push(context(t(locale, 'list.more', { count: total - Math.min(20, measures.length) })));
  return { text: title, blocks };
}

export function measureLine(measure: Omit<MeasureLine, 'canEdit'>, locale: Locale, publicUrl: string): string {
  const due = measure.due ? t(locale, 'measure.due', { date: formatDate(locale, measure.due) }) : '';
  const values = indicatorSummary(
    { indicatorCurrent: measure.indicatorCurrent ?? null, indicatorTarget: measure.indicatorTarget ?? null, indicatorBaseline: null, indicatorUnit: measure.indicatorUnit ?? '' },
    (value) => formatNumber(locale, value),
  );
  const indicator = values ? ` · ${t(locale, 'measure.indicator', { values })}` : '';
  return [
    `*${escapeMrkdwn(oneLine(measure.title, 300))}*`,
    `${link(documentUrl(publicUrl, measure.documentId), measure.documentTitle)} · ${t(locale, `measure.${measure.status}`)} · ${t(locale, 'measure.progress', { progress: measure.progress })}${due ? ` · ${due}` : ''}${indicator}`,
  ].join('\n');
}

export function measureButtons(measure: Pick<MeasureLine, 'documentId' | 'id' | 'status'>, locale: Locale, index: number) {
  const value = encodeValue({ d: measure.documentId, m: measureKey(measure.id) });
  return [
    button(`${ActionId.measureDone}#${index}`, t(locale, 'measure.markDone'), value, 'primary'),
    {
      type: 'static_select' as const,
      action_id: `${ActionId.measureStatus}#${index}`,
      placeholder: { type: 'plain_text' as const, text: tPlain(locale, 'measure.setStatus') },
      options: MEASURE_STATUSES.filter((status) => status !== measure.status).map((status) =>
        option(t(locale, `measure.${status}`), encodeValue({ d: measure.documentId, m: measureKey(measure.id), s: status })),
      ),
    },
  ];
}

/** Several documents match what was typed: the reader is asked to be precise, shown (at most 10 of) the titles. */
export function ambiguousList(locale: Locale, query: string, titles: readonly string[], total = titles.length): string {
  const shown = titles.slice(0, 10).map((title) => `• ${escapeMrkdwn(oneLine(title))}`);
  const more = total > shown.length ? [t(locale, 'list.more', { count: total - shown.length })] : [];
  return [t(locale, 'comment.ambiguous', { query }), ...shown, ...more].join('\n');
}

/** Section text is limited to 3000 characters: long lists go over several sections. */
/**
 * At most `maxBlocks` sections: lines that do not fit are left out and closed by a line saying how
 * many (a message holds 50 blocks). Each line is cut to fit a section on its own.
 */
export function chunkLines(lines: readonly string[], locale: Locale, maxBlocks = 40, max = 2900): Block[] {
  const blocks: Block[] = [];
  let current = '';
  let index = 0;
  for (; index < lines.length; index++) {
    const line = truncateMrkdwn(lines[index]!, max);
    if (current && current.length + line.length + 1 > max) {
      if (blocks.length + 1 >= maxBlocks) break;
      blocks.push(section(current));
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (index < lines.length) current = `${current}\n${t(locale, 'list.more', { count: lines.length - index })}`;
  if (current) blocks.push(section(current));
  return blocks;
}
