import type { types } from '@slack/bolt';
import type { Locale } from '../../db/schema.ts';
import { mrkdwn, t, tPlain } from '../i18n/index.ts';
import type { DmSettings } from '../notify/settings.ts';
import { PERSONAL_KINDS } from '../notify/settings.ts';
import { ActionId, actions, button, context, divider, encodeValue, header, LIMITS, option, plain, section, truncate, type Block, type SlackMessage } from './common.ts';
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
  /** "Create a measure from this message" (bot/slack-manifest.yaml), its modal and the modal's plan menu */
  measureShortcut: 'tsq_create_measure',
  measureView: 'tsq_shortcut_measure',
  planSearch: 'tsq_plan_search',
} as const;

/** Block (and action) ids of the measure modal's inputs, to read `view.state.values` back. */
export const MeasureField = { plan: 'plan', title: 'title', notes: 'notes', lead: 'lead', due: 'due' } as const;

/** The longest title the modal takes (a measure keeps 500 characters of it). */
export const MEASURE_TITLE_INPUT = 500;
/** Slack's longest plain_text_input; the link back to the message is added after it. */
export const MEASURE_NOTES_INPUT = 3000;

export interface MeasureModalInput {
  title: string;
  notes: string;
  channel: string;
  ts: string;
  /** every organisation that may lead, named in the reader's language, the reader's own first */
  organisations: ReadonlyArray<{ id: string; name: string }>;
  defaultLeadId: string | null;
}

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
    actions([{ type: 'checkboxes', action_id: WorkAppId.settingsKinds, options: PERSONAL_KINDS.map(kindOption), ...(chosen.length > 0 ? { initial_options: chosen } : {}) }]),
  );
  blocks.push(section(`*${t(locale, 'settings.language')}*`, { type: 'static_select', action_id: WorkAppId.settingsLocale, options: languageOptions, initial_option: current }));
  blocks.push(context(t(locale, settings.weeklyDigest ? 'settings.digestOn' : 'settings.digestOff')));
  blocks.push(
    actions([
      button(WorkAppId.settingsMute, t(locale, settings.muted ? 'settings.unmute' : 'settings.mute'), encodeValue({ muted: settings.muted ? '0' : '1' })),
      button(
        WorkAppId.settingsDigest,
        t(locale, settings.weeklyDigest ? 'settings.digestDisable' : 'settings.digestEnable'),
        encodeValue({ digest: settings.weeklyDigest ? '0' : '1' }),
      ),
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
        element: {
          type: 'external_select',
          action_id: ActionId.documentSearch,
          min_query_length: 2,
          placeholder: { type: 'plain_text', text: tPlain(locale, 'picker.placeholder') },
        },
      },
      {
        type: 'input',
        block_id: ModalField.body,
        label: { type: 'plain_text', text: tPlain(locale, 'modal.commentLabel') },
        element: {
          type: 'plain_text_input',
          action_id: ModalField.body,
          multiline: true,
          max_length: 3000,
          ...(message.text ? { initial_value: truncate(message.text, 3000) } : {}),
        },
      },
    ],
  };
}

/**
 * "Create a measure from this message": the plan (only plans the person may edit are offered),
 * the title and notes taken from the message, the lead organisation (theirs unless they choose),
 * and an optional due date. Organisation option values are ids, so they fit by construction.
 */
export function measureShortcutModal(locale: Locale, input: MeasureModalInput): ModalView {
  const organisations = input.organisations.slice(0, LIMITS.options).map((organisation) => option(organisation.name, organisation.id));
  const initialLead = organisations.find((candidate) => candidate.value === input.defaultLeadId);
  const plainText = (text: string) => ({ type: 'plain_text' as const, text });
  // A menu needs options: with no organisation to offer, the measure is led by the plan's lead.
  const leadInput: types.KnownBlock[] =
    organisations.length === 0
      ? []
      : [
          {
            type: 'input',
            block_id: MeasureField.lead,
            optional: true,
            label: plainText(tPlain(locale, 'measureShortcut.leadLabel')),
            element: { type: 'static_select', action_id: MeasureField.lead, options: organisations, ...(initialLead ? { initial_option: initialLead } : {}) },
          },
        ];
  return {
    type: 'modal',
    callback_id: WorkAppId.measureView,
    private_metadata: JSON.stringify({ c: input.channel, ts: input.ts }),
    title: plainText(truncate(tPlain(locale, 'measureShortcut.title'), LIMITS.modalTitle)),
    submit: plainText(truncate(tPlain(locale, 'measureShortcut.submit'), LIMITS.modalTitle)),
    close: plainText(truncate(tPlain(locale, 'modal.cancel'), LIMITS.modalTitle)),
    blocks: [
      context(t(locale, 'measureShortcut.intro')),
      {
        type: 'input',
        block_id: MeasureField.plan,
        label: plainText(tPlain(locale, 'measureShortcut.planLabel')),
        element: {
          type: 'external_select',
          action_id: WorkAppId.planSearch,
          min_query_length: 0,
          placeholder: plainText(truncate(tPlain(locale, 'measureShortcut.planPlaceholder'), LIMITS.placeholder)),
        },
      },
      {
        type: 'input',
        block_id: MeasureField.title,
        label: plainText(tPlain(locale, 'measureShortcut.titleLabel')),
        element: {
          type: 'plain_text_input',
          action_id: MeasureField.title,
          max_length: MEASURE_TITLE_INPUT,
          ...(input.title ? { initial_value: truncate(input.title, MEASURE_TITLE_INPUT) } : {}),
        },
      },
      {
        type: 'input',
        block_id: MeasureField.notes,
        optional: true,
        label: plainText(tPlain(locale, 'measureShortcut.notesLabel')),
        element: {
          type: 'plain_text_input',
          action_id: MeasureField.notes,
          multiline: true,
          max_length: MEASURE_NOTES_INPUT,
          ...(input.notes ? { initial_value: truncate(input.notes, MEASURE_NOTES_INPUT) } : {}),
        },
      },
      ...leadInput,
      {
        type: 'input',
        block_id: MeasureField.due,
        optional: true,
        label: plainText(tPlain(locale, 'measureShortcut.dueLabel')),
        element: { type: 'datepicker', action_id: MeasureField.due },
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
