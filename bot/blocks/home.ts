import type { types } from '@slack/bolt';
import type { Locale } from '../../db/schema.ts';
import type { DmSettings } from '../notify/settings.ts';
import { settingsBlocks } from './work-app.ts';
import { formatDate, t } from '../i18n/index.ts';
import { documentListBlocks, measureButtons, measureLine, type DocumentLine, type MeasureLine } from './lists.ts';
import { ActionId, actions, button, context, divider, escapeMrkdwn, header, section, type Block } from './common.ts';

export interface HomeSession {
  title: string;
  scheduledAt: Date;
  state: 'planned' | 'live' | 'closed';
}

export interface HomeData {
  userName: string;
  overdue: MeasureLine[];
  dueSoon: MeasureLine[];
  documents: DocumentLine[];
  documentsTotal: number;
  sessions: HomeSession[];
}

/** App Home (at most 100 blocks): my measures overdue and due soon, my organisation's documents, today's sessions. */
export function homeView(data: HomeData, locale: Locale, publicUrl: string, settings?: DmSettings): types.HomeView {
  const blocks: Block[] = [header(`${t(locale, 'home.title')} — ${data.userName}`), actions([button(ActionId.commentNew, `💬 ${t(locale, 'modal.commentTitle')}`, '{}')])];
  let index = 0;
  const measures = (title: string, list: readonly MeasureLine[]) => {
    blocks.push(divider(), section(`*${title}*`));
    if (list.length === 0) blocks.push(context(t(locale, 'home.nothing')));
    for (const measure of list.slice(0, 10)) {
      blocks.push(section(measureLine(measure, locale, publicUrl)));
      if (measure.canEdit) blocks.push(actions(measureButtons(measure, locale, index++)));
    }
  };
  measures(`⏰ ${t(locale, 'home.overdue')}`, data.overdue);
  measures(`🗓 ${t(locale, 'home.dueSoon')}`, data.dueSoon);
  blocks.push(divider());
  const documents = documentListBlocks(t(locale, 'home.documents'), data.documents, data.documentsTotal, locale, publicUrl);
  blocks.push(...(data.documents.length > 0 ? documents.blocks.slice(0, 8) : [section(`*${t(locale, 'home.documents')}*`), context(t(locale, 'home.nothing'))]));
  blocks.push(divider(), section(`*🏛 ${t(locale, 'home.sessions')}*`));
  if (data.sessions.length === 0) blocks.push(context(t(locale, 'home.nothing')));
  for (const session of data.sessions.slice(0, 10)) {
    const when =
      session.state === 'live'
        ? t(locale, 'session.live', { date: formatDate(locale, session.scheduledAt, true) })
        : t(locale, 'session.planned', { date: formatDate(locale, session.scheduledAt, true) });
    blocks.push(section(`*${escapeMrkdwn(session.title)}*\n${when}`));
  }
  // Settings come last, and always fit: the lists give way.
  const tail = settings ? settingsBlocks(settings, locale) : [];
  return { type: 'home', blocks: [...blocks.slice(0, 100 - tail.length), ...tail] };
}

/** Before linking, App Home only says how to link. */
export function unlinkedHomeView(linkBlocks: Block[]): types.HomeView {
  return { type: 'home', blocks: linkBlocks };
}
