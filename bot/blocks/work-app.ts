import type { Locale } from '../../db/schema.ts';
import { mrkdwn, t, tPlain } from '../i18n/index.ts';
import type { DmSettings } from '../notify/settings.ts';
import { PERSONAL_KINDS } from '../notify/settings.ts';
import { ActionId, actions, button, context, divider, encodeValue, header, option, plain, section, truncate, type Block, type SlackMessage } from './common.ts';
import { measureLine, type MeasureLine } from './lists.ts';
import { ModalField, type ModalView } from './modals.ts';

/** Action and view ids of the work-app features (App Home settings, shortcuts, administration). */
export const WorkAppId = {
  settingsKinds: 'tsq_settings_kinds',
  settingsLocale: 'tsq_settings_locale',
  settingsMute: 'tsq_settings_mute',
  settingsDigest: 'tsq_settings_digest',
  unlink: 'tsq_unlink',
  subscriptionPause: 'tsq_sub_pause',
  subscriptionResume: 'tsq_sub_resume',
  subscriptionRemove: 'tsq_sub_remove',
  /** the message shortcut (bot/slack-manifest.yaml) and its modal */
  commentShortcut: 'tsq_add_comment',
  shortcutView: 'tsq_shortcut_comment',
} as const;

/** The Settings section of App Home: what comes by direct message, in which language, muted or not, the weekly digest, unlinking. */
export function settingsBlocks(settings: DmSettings, locale: Locale): Block[] {
  const kindOption = (kind: (typeof PERSONAL_KINDS)[number]) => option(tPlain(locale, `settings.kind.${kind}`), kind);
  const chosen = PERSONAL_KINDS.filter((kind) => settings.kinds.has(kind)).map(kindOption);
  const languages: Array<[string, string]> = [
    ['auto', tPlain(locale, 'settings.languageAuto')],
    ['fr', 'Français'],
    ['ar', 'العربية'],
    ['en', 'English'],
  ];
  const languageOptions = languages.map(([value, text]) => option(text, value));
  const current = languageOptions.find((candidate) => candidate.value === (settings.locale ?? 'auto'))!;
  const blocks: Block[] = [divider(), section(`*${t(locale, 'settings.title')}*`)];
  if (settings.muted) blocks.push(context(t(locale, 'settings.muted')));
  blocks.push(section(t(locale, 'settings.kinds')));
  blocks.push(
    actions([
      { type: 'checkboxes', action_id: WorkAppId.settingsKinds, options: PERSONAL_KINDS.map(kindOption), ...(chosen.length > 0 ? { initial_options: chosen } : {}) },
    ]),
  );
  blocks.push(section(`*${t(locale, 'settings.language')}*`, { type: 'static_select', action_id: WorkAppId.settingsLocale, options: languageOptions, initial_option: current }));
  blocks.push(context(t(locale, settings.weeklyDigest ? 'settings.digestOn' : 'settings.digestOff')));
  blocks.push(
    actions([
      button(WorkAppId.settingsMute, t(locale, settings.muted ? 'settings.unmute' : 'settings.mute'), encodeValue({ muted: settings.muted ? '0' : '1' })),
      button(WorkAppId.settingsDigest, t(locale, settings.weeklyDigest ? 'settings.digestDisable' : 'settings.digestEnable'), encodeValue({ digest: settings.weeklyDigest ? '0' : '1' })),
      {
        ...button(WorkAppId.unlink, t(locale, 'settings.unlink'), encodeValue({}), 'danger'),
        confirm: {
          title: { type: 'plain_text', text: truncate(tPlain(locale, 'settings.unlinkTitle'), 100) },
          text: { type: 'plain_text', text: truncate(tPlain(locale, 'settings.unlinkText'), 300) },
          confirm: { type: 'plain_text', text: truncate(tPlain(locale, 'settings.unlinkConfirm'), 30) },
          deny: { type: 'plain_text', text: truncate(tPlain(locale, 'settings.cancel'), 30) },
          style: 'danger',
        },
      },
    ]),
  );
  return blocks;
}

export interface WeeklyDigest {
  userName: string;
  overdue: Array<Omit<MeasureLine, 'canEdit'>>;
  overdueTotal: number;
  dueSoon: Array<Omit<MeasureLine, 'canEdit'>>;
  dueSoonTotal: number;
  unread: number;
}

const SHOWN = 8;

/** The weekly digest, by direct message: overdue and coming deadlines of my organisation, unread notifications. */
export function weeklyDigestBlocks(digest: WeeklyDigest, locale: Locale, publicUrl: string): SlackMessage {
  const blocks: Block[] = [header(`${tPlain(locale, 'digest.title')} — ${digest.userName}`)];
  const list = (title: string, measures: WeeklyDigest['overdue'], total: number) => {
    if (total === 0) return;
    const lines = measures.slice(0, SHOWN).map((measure) => `• ${measureLine(measure, locale, publicUrl)}`);
    if (total > lines.length) lines.push(t(locale, 'digest.more', { count: total - lines.length }));
    blocks.push(section(`${title}\n${lines.join('\n')}`));
  };
  list(t(locale, 'digest.overdue', { count: digest.overdueTotal }), digest.overdue, digest.overdueTotal);
  list(t(locale, 'digest.dueSoon', { count: digest.dueSoonTotal }), digest.dueSoon, digest.dueSoonTotal);
  if (digest.overdueTotal === 0 && digest.dueSoonTotal === 0) blocks.push(section(t(locale, 'digest.nothing')));
  if (digest.unread > 0) blocks.push(section(t(locale, 'digest.unread', { count: digest.unread })));
  blocks.push(context(t(locale, 'digest.settings')));
  return { text: tPlain(locale, 'digest.title'), blocks };
}

/** The message shortcut's modal: a document picker and the message's text, editable. */
export function shortcutModal(locale: Locale, message: { text: string; channel: string; ts: string }): ModalView {
  return {
    type: 'modal',
    callback_id: WorkAppId.shortcutView,
    private_metadata: JSON.stringify({ c: message.channel, ts: message.ts }),
    title: { type: 'plain_text', text: truncate(tPlain(locale, 'shortcut.title'), 24) },
    submit: { type: 'plain_text', text: truncate(tPlain(locale, 'modal.submit'), 24) },
    close: { type: 'plain_text', text: truncate(tPlain(locale, 'modal.cancel'), 24) },
    blocks: [
      context(t(locale, 'shortcut.intro')),
      {
        type: 'input',
        block_id: ModalField.document,
        label: { type: 'plain_text', text: tPlain(locale, 'modal.documentLabel') },
        element: { type: 'external_select', action_id: ActionId.documentSearch, min_query_length: 2, placeholder: { type: 'plain_text', text: tPlain(locale, 'picker.placeholder') } },
      },
      {
        type: 'input',
        block_id: ModalField.body,
        label: { type: 'plain_text', text: tPlain(locale, 'modal.commentLabel') },
        element: { type: 'plain_text_input', action_id: ModalField.body, multiline: true, max_length: 3000, ...(message.text ? { initial_value: truncate(message.text, 3000) } : {}) },
      },
    ],
  };
}

/** For an unlinked person who used the shortcut: how to link, in a modal (there is no conversation to answer in). */
export function linkModal(locale: Locale, blocks: Block[]): ModalView {
  return { type: 'modal', title: { type: 'plain_text', text: 'Tansiq' }, close: { type: 'plain_text', text: truncate(tPlain(locale, 'modal.cancel'), 24) }, blocks };
}

export interface SubscriptionLine {
  id: string;
  channelId: string;
  /** mrkdwn, escaped already (targetLabel, eventList) */
  target: string;
  /** mrkdwn, escaped already */
  events: string;
  by: string;
  pausedReason: string | null;
}

const ADMIN_SHOWN = 15;

/** Every subscription of a workspace, for administrators, each with pause/resume and remove. */
export function adminSubscriptionsBlocks(lines: readonly SubscriptionLine[], locale: Locale): SlackMessage {
  if (lines.length === 0) return plain(t(locale, 'admin.none'));
  const title = tPlain(locale, 'admin.title', { count: lines.length });
  const blocks: Block[] = [header(title)];
  lines.slice(0, ADMIN_SHOWN).forEach((line, index) => {
    // Channel ids are Slack's own (C…, G…); anything else is shown as text.
    const channel = /^[CG][A-Z0-9]{1,20}$/.test(line.channelId) ? mrkdwn(`<#${line.channelId}>`) : line.channelId;
    const text = t(locale, 'admin.line', { channel, target: mrkdwn(line.target), events: mrkdwn(line.events), name: line.by });
    blocks.push(section(line.pausedReason ? `${text}\n${t(locale, 'admin.paused', { reason: line.pausedReason })}` : text));
    const value = encodeValue({ s: line.id });
    blocks.push(
      actions([
        line.pausedReason
          ? button(`${WorkAppId.subscriptionResume}#${index}`, t(locale, 'admin.resume'), value)
          : button(`${WorkAppId.subscriptionPause}#${index}`, t(locale, 'admin.pause'), value),
        button(`${WorkAppId.subscriptionRemove}#${index}`, t(locale, 'admin.remove'), value, 'danger'),
      ]),
    );
  });
  if (lines.length > ADMIN_SHOWN) blocks.push(context(t(locale, 'admin.more', { count: lines.length - ADMIN_SHOWN })));
  return { text: title, blocks };
}
