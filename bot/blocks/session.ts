import type { Decision, Locale, SessionState } from '../../db/schema.ts';
import { formatDate, t } from '../i18n/index.ts';
import { chunkLines } from './lists.ts';
import { context, documentUrl, escapeMrkdwn, header, link, oneLine, section, type Block, type SlackMessage } from './common.ts';

export interface SessionAgendaLine {
  id: string;
  title: string;
  /** present only when the reader may see the item's document */
  documentId?: string;
  decision: Decision | null;
}

export interface SessionSummary {
  title: string;
  commissionName: string;
  state: SessionState;
  scheduledAt: Date;
  startedAt: Date | null;
  location: string | null;
  currentItemId: string | null;
  items: SessionAgendaLine[];
  minutesDocumentId: string | null;
}

/** `/tansiq session`: the live or next session, its agenda, the current item. */
export function sessionBlocks(view: SessionSummary | null, locale: Locale, publicUrl: string): SlackMessage {
  if (!view) return { text: t(locale, 'session.none'), blocks: [section(t(locale, 'session.none'))] };
  const when =
    view.state === 'live'
      ? t(locale, 'session.live', { date: formatDate(locale, view.startedAt ?? view.scheduledAt, true) })
      : t(locale, 'session.planned', { date: formatDate(locale, view.scheduledAt, true) });
  const blocks: Block[] = [
    header(`🏛 ${view.title}`),
    context(`${escapeMrkdwn(view.commissionName)} · ${when}${view.location ? ` · ${t(locale, 'session.where', { location: view.location })}` : ''}`),
  ];
  const current = view.items.find((item) => item.id === view.currentItemId);
  if (view.state === 'live' && current) blocks.push(section(`*${t(locale, 'session.current')}* : ${agendaText(current, publicUrl)}`));
  const lines = view.items.map((item, index) => {
    const marker = item.id === view.currentItemId ? '▶️' : `${index + 1}.`;
    const decision = item.decision ? ` — _${t(locale, `decision.${item.decision}`)}_` : '';
    return `${marker} ${agendaText(item, publicUrl)}${decision}`;
  });
  blocks.push(section(`*${t(locale, 'session.agenda')}*`));
  blocks.push(...(lines.length > 0 ? chunkLines(lines, locale) : [section(t(locale, 'session.emptyAgenda'))]));
  if (view.minutesDocumentId) blocks.push(context(link(documentUrl(publicUrl, view.minutesDocumentId), t(locale, 'session.minutes'))));
  return { text: `${escapeMrkdwn(view.title)} — ${when}`, blocks };
}

function agendaText(item: SessionAgendaLine, publicUrl: string): string {
  return item.documentId ? link(documentUrl(publicUrl, item.documentId), item.title) : escapeMrkdwn(oneLine(item.title, 300));
}
