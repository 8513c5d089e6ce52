import type { Decision, DocumentStatus, Locale } from '../../db/schema.ts';
import { unreachable } from '../../shared/unreachable.ts';
import type { MeasureStatus } from '../../shared/doc-schema.ts';
import { formatDate, mrkdwn, t, type Param } from '../i18n/index.ts';
import { measureKey } from './measure-key.ts';
import {
  ActionId,
  actions,
  button,
  context,
  documentUrl,
  encodeValue,
  escapeMrkdwn,
  link,
  oneLine,
  section,
  truncateMrkdwn,
  urlButton,
  type Block,
  type Button,
  type SlackMessage,
} from './common.ts';

/** One thing that happened, ready to be told (names resolved, texts loaded). */
export type DigestLine =
  | { type: 'status'; from: DocumentStatus; to: DocumentStatus; reason: string | null }
  /** `measure`: the title of the measure the thread is about (row comments) */
  | { type: 'comment'; author: string; text: string; measure?: string }
  | { type: 'mention'; author: string; text: string; measure?: string }
  | { type: 'reply'; author: string; text: string; measure?: string }
  | { type: 'due_soon'; title: string; due: string }
  | { type: 'measure'; title: string; from: MeasureStatus | null; to: MeasureStatus }
  | { type: 'overdue'; title: string; due: string }
  /** `organisation`: the reader's organisation, which now leads the measure */
  | { type: 'lead'; title: string; organisation: string }
  | { type: 'edits'; count: number }
  | { type: 'access_request'; who: string; message: string | null };

export interface DocumentDigest {
  document: { id: string; title: string; status: DocumentStatus };
  /** every event of the burst, including those not stored once the burst grew long */
  count: number;
  people: string[];
  lines: DigestLine[];
  /** buttons under the message; each click is checked against the clicker's rights */
  buttons: { resolveCommentId?: string; measure?: { id: string; status: MeasureStatus }; decide: boolean; comment: boolean };
  /** a card drawn again after a change (live cards): the document as it now stands, and who acted last */
  live?: { status: DocumentStatus; openComments: number; lastActor: string | null };
}

const MAX_COMMENTS_SHOWN = 5;

/** A burst of events about one document as one message (ten edits by three people are one message). */
export function documentDigestBlocks(digest: DocumentDigest, locale: Locale, publicUrl: string): SlackMessage {
  const { document } = digest;
  const title = link(documentUrl(publicUrl, document.id), document.title);
  const mention = digest.lines.find((line) => line.type === 'mention');
  const reply = digest.lines.find((line) => line.type === 'reply');
  const lead = digest.lines.find((line) => line.type === 'lead');
  const leadParams = (documentTitle: string | ReturnType<typeof mrkdwn>): Record<string, Param> =>
    lead ? { measure: oneLine(lead.title, 200), organisation: lead.organisation, title: documentTitle } : {};
  const headline = mention
    ? `📣 ${t(locale, 'notify.mention', { author: mention.author, title: mrkdwn(title) })}`
    : reply
      ? `↩️ ${t(locale, 'notify.reply', { author: reply.author, title: mrkdwn(title) })}`
      : lead
        ? `🧭 ${t(locale, 'notify.leadHeadline', leadParams(mrkdwn(title)))}`
        : `📄 *${title}* · _${t(locale, `status.${document.status}`)}_`;
  const lines: string[] = [];
  let comments = 0;
  // One measure now ours: the headline says it all; several: each is listed under it.
  const leadInHeadlineOnly = !mention && !reply && digest.lines.filter((line) => line.type === 'lead').length === 1;
  for (const line of digest.lines) {
    if (line.type === 'lead' && leadInHeadlineOnly) continue;
    if (line.type === 'comment' || line.type === 'mention' || line.type === 'reply') {
      comments++;
      const said = { author: line.author, text: oneLine(line.text, 300) };
      if (comments <= MAX_COMMENTS_SHOWN) {
        lines.push(line.measure !== undefined ? t(locale, 'notify.commentOnMeasure', { ...said, measure: oneLine(line.measure, 120) }) : t(locale, 'notify.comment', said));
      }
      continue;
    }
    lines.push(describe(line, locale));
  }
  if (comments > MAX_COMMENTS_SHOWN) lines.push(t(locale, 'notify.moreComments', { count: comments - MAX_COMMENTS_SHOWN }));
  const people = digest.people.length > 0 ? digest.people.map(escapeMrkdwn).join(', ') : t(locale, 'notify.someone');
  const blocks: Block[] = [
    section(headline),
    ...lines.slice(0, 20).map((line) => section(line)),
    context(t(locale, 'notify.summary', { count: digest.count, people: mrkdwn(people) })),
  ];
  if (digest.live) {
    const now = { status: t(locale, `status.${digest.live.status}`), comments: digest.live.openComments };
    blocks.push(context(digest.live.lastActor ? t(locale, 'card.liveBy', { ...now, name: digest.live.lastActor }) : t(locale, 'card.live', now)));
  }
  const buttons = digestButtons(digest, locale, publicUrl);
  if (buttons.length > 0) blocks.push(actions(buttons));
  // The fallback text shows in notifications and is read as mrkdwn too: escaped like the blocks.
  const text = mention
    ? t(locale, 'notify.mention', { author: mention.author, title: document.title })
    : reply
      ? t(locale, 'notify.reply', { author: reply.author, title: document.title })
      : lead
        ? t(locale, 'notify.leadHeadline', leadParams(document.title))
        : `${escapeMrkdwn(document.title)}: ${t(locale, 'notify.summary', { count: digest.count, people: mrkdwn(people) })}`;
  return { text, blocks };
}

function describe(line: Exclude<DigestLine, { type: 'comment' | 'mention' | 'reply' }>, locale: Locale): string {
  switch (line.type) {
    case 'status': {
      const text = t(locale, 'notify.status', { from: t(locale, `status.${line.from}`), to: t(locale, `status.${line.to}`) });
      return line.reason ? `${text}\n${t(locale, 'doc.returnReason', { reason: oneLine(line.reason, 500) })}` : text;
    }
    case 'measure':
      return t(locale, 'notify.measure', { title: line.title, from: line.from ? t(locale, `measure.${line.from}`) : '—', to: t(locale, `measure.${line.to}`) });
    case 'overdue':
      return t(locale, 'notify.overdue', { title: line.title, due: formatDate(locale, line.due) });
    case 'due_soon':
      return t(locale, 'notify.dueSoon', { title: line.title, due: formatDate(locale, line.due) });
    case 'lead':
      return t(locale, 'notify.lead', { title: oneLine(line.title, 300), organisation: line.organisation });
    case 'edits':
      return t(locale, 'notify.edits', { count: line.count });
    case 'access_request': {
      const text = t(locale, 'notify.accessRequest', { who: escapeMrkdwn(line.who) });
      return line.message ? `${text}\n> ${escapeMrkdwn(oneLine(line.message, 500))}` : text;
    }
  }
}

function digestButtons(digest: DocumentDigest, locale: Locale, publicUrl: string): Button[] {
  const d = digest.document.id;
  const buttons: Button[] = [urlButton(ActionId.open, t(locale, 'doc.open'), documentUrl(publicUrl, d))];
  const { measure, resolveCommentId } = digest.buttons;
  if (measure && measure.status !== 'done') buttons.push(button(ActionId.measureDone, t(locale, 'measure.markDone'), encodeValue({ d, m: measureKey(measure.id) }), 'primary'));
  if (resolveCommentId) buttons.push(button(ActionId.commentResolve, t(locale, 'comment.resolve'), encodeValue({ d, c: resolveCommentId })));
  if (digest.buttons.comment) buttons.push(button(ActionId.commentNew, t(locale, 'doc.comment'), encodeValue({ d })));
  if (digest.buttons.decide && digest.document.status === 'submitted') {
    buttons.push(button(ActionId.documentApprove, t(locale, 'doc.approve'), encodeValue({ d }), 'primary'));
    buttons.push(button(ActionId.documentReturn, t(locale, 'doc.return'), encodeValue({ d }), 'danger'));
  }
  return buttons;
}

/**
 * What a channel is told when not every member may read the subject: that it changed, with a
 * link (opening it checks each person's access), and nothing of its content, not even its title.
 */
export function restrictedNoticeBlocks(subjectType: 'document' | 'session' | 'cycle', subjectId: string, locale: Locale, publicUrl: string): SlackMessage {
  const text = t(locale, subjectType === 'document' ? 'notify.restricted' : subjectType === 'session' ? 'notify.restrictedSession' : 'notify.restrictedCycle');
  const url = subjectType === 'document' ? documentUrl(publicUrl, subjectId) : `${publicUrl}/${subjectType === 'session' ? 'sessions' : 'cycles'}/${subjectId}`;
  return { text, blocks: [section(text), actions([urlButton(ActionId.open, t(locale, 'doc.open'), url)])] };
}

export type SessionLine =
  | { type: 'started' }
  | { type: 'item'; item: string }
  | { type: 'decision'; item: string; decision: Decision }
  | { type: 'closed'; minutesDocumentId: string | null };

export interface SessionDigest {
  session: { title: string; commissionName: string };
  lines: SessionLine[];
  /** a card drawn again after a change: the session's state now and its decisions so far */
  live?: { state: 'planned' | 'live' | 'closed'; decisions: number };
}

/** Session news for a commission's channel: started, current item, decisions, closed with the minutes. */
export function sessionDigestBlocks(digest: SessionDigest, locale: Locale, publicUrl: string): SlackMessage {
  const title = digest.session.title;
  const lines = digest.lines.map((line) => {
    switch (line.type) {
      case 'started':
        return t(locale, 'notify.sessionStarted', { title });
      case 'item':
        return t(locale, 'notify.sessionItem', { item: line.item });
      case 'decision':
        return t(locale, 'notify.sessionDecision', { item: line.item, decision: t(locale, `decision.${line.decision}`) });
      case 'closed': {
        const closed = t(locale, 'notify.sessionClosed', { title });
        return line.minutesDocumentId ? `${closed} ${link(documentUrl(publicUrl, line.minutesDocumentId), t(locale, 'session.minutes'))}` : closed;
      }
      default:
        return unreachable(line);
    }
  });
  // A long live session is a stream of item changes: the last few tell where it stands.
  const shown = lines.length > 8 ? [lines[0]!, '…', ...lines.slice(-6)] : lines;
  return {
    text: truncateMrkdwn(`${escapeMrkdwn(title)}: ${shown.at(-1) ?? ''}`, 300),
    blocks: [
      section(`🏛 *${escapeMrkdwn(title)}* · ${escapeMrkdwn(digest.session.commissionName)}`),
      section(shown.join('\n')),
      ...(digest.live ? [context(t(locale, 'card.sessionLive', { state: t(locale, `sessionState.${digest.live.state}`), decisions: digest.live.decisions }))] : []),
    ],
  };
}
