import type { App, ViewSubmitAction } from '@slack/bolt';
import { ZodError } from 'zod';
import { addMeasureToPlan } from '../server/commands/measures.ts';
import { AppError } from '../server/errors.ts';
import { canEdit } from '../server/policies/document-access.ts';
import { findDocumentWithAccess, listVisibleDocuments } from '../server/queries/documents.ts';
import { organisationChoices } from '../server/queries/organisations.ts';
import { newMeasureSchema } from '../shared/api/schemas/measures.ts';
import { MEASURE_TEXT_LIMITS } from '../shared/measure-model.ts';
import { ModalFieldError, submit } from './actions/modals.ts';
import { decodeValue, documentUrl, link, option, plain, truncate } from './blocks/common.ts';
import { MeasureField, measureShortcutModal, WorkAppId } from './blocks/work-app.ts';
import { fromSlackText, measureFromMessage } from './commands/slack-text.ts';
import { mrkdwn, t, tPlain } from './i18n/index.ts';
import { findLinkedUser, type BotUser } from './linking/links.ts';
import type { BotServices } from './services.ts';
import { onMessageShortcut, sourceLine, type ShortcutMessage } from './shortcuts.ts';

/** How many plans the modal's menu offers at once (Slack shows up to 100; typing narrows). */
const PLANS_SHOWN = 20;

/** Where the web app shows one measure of a plan: its row in the measures view (as the dashboard's lists link it; no `&` to escape in mrkdwn). */
const measureUrl = (publicUrl: string, documentId: string, measureId: string): string =>
  `${documentUrl(publicUrl, documentId)}?view=measures#measure-${encodeURIComponent(measureId)}`;

/**
 * The message shortcut "Create a measure from this message": a modal prefilled from the message
 * (title from its first line, notes from the rest), a menu of the action plans the linked person
 * may edit, the lead organisation (theirs unless they choose) and an optional due date. Submitted,
 * the measure is added to the plan's Y.Doc by the server's command, as the web grid adds a row,
 * with a link back to the Slack message in its notes; the person gets a direct message with a
 * link to the measure. Unlinked people are offered to link their account.
 */
export function registerMeasureShortcut(app: App, services: BotServices): void {
  onMessageShortcut(app, services, WorkAppId.measureShortcut, 'measure shortcut', (user, message) => measureModal(services, user, message));

  // The plan menu: action plans the person may edit, by title or full text (the latest first when nothing is typed).
  app.options(WorkAppId.planSearch, async ({ ack, body }) => {
    const user = await findLinkedUser(services.db, { teamId: body.team?.id ?? body.user.team_id ?? '', slackUserId: body.user.id }).catch(() => null);
    if (!user) return ack({ options: [] });
    const query = String((body as { value?: unknown }).value ?? '')
      .slice(0, 200)
      .trim();
    const { rows, total } = await listVisibleDocuments(services.db, user, {
      q: query || undefined,
      kind: 'action_plan',
      editable: true,
      archived: 'false',
      limit: PLANS_SHOWN,
      offset: 0,
    }).catch(() => ({ rows: [], total: 0 }));
    const options = rows.map((row) => option(row.title, row.id));
    if (total <= rows.length) return ack({ options });
    // More than shown: said in the group's label, so nobody believes the list is complete.
    await ack({ option_groups: [{ label: { type: 'plain_text', text: truncate(tPlain(user.locale, 'measureShortcut.more', { shown: rows.length, total }), 75) }, options }] });
  });

  app.view<ViewSubmitAction>(WorkAppId.measureView, async ({ ack, body, view }) => {
    await submit(services, body, ack, MeasureField.title, async (user) => {
      const values = view.state.values;
      const documentId = values[MeasureField.plan]?.[WorkAppId.planSearch]?.selected_option?.value;
      if (!documentId) throw new ModalFieldError(MeasureField.plan, t(user.locale, 'measureShortcut.planMissing'));
      // Checked here for a clear answer next to the menu; the command checks again.
      const found = await findDocumentWithAccess(services.db, user, documentId);
      if (!found.row) throw new ModalFieldError(MeasureField.plan, t(user.locale, 'error.gone'));
      if (!canEdit(found.level)) throw new ModalFieldError(MeasureField.plan, t(user.locale, 'measureShortcut.notAllowed', { title: found.row.title }));
      if (found.row.kind !== 'action_plan') throw new ModalFieldError(MeasureField.plan, t(user.locale, 'measureShortcut.notAPlan', { title: found.row.title }));

      const meta = decodeValue(view.private_metadata);
      const source = await sourceLine(services, user.locale, meta);
      const typedNotes = (values[MeasureField.notes]?.[MeasureField.notes]?.value ?? '').trim();
      const notes = [truncate(typedNotes, MEASURE_TEXT_LIMITS.notes - source.length - 2), source].filter(Boolean).join('\n\n');
      const input = parseMeasure(user, {
        title: values[MeasureField.title]?.[MeasureField.title]?.value ?? '',
        notes,
        leadOrganisationId: values[MeasureField.lead]?.[MeasureField.lead]?.selected_option?.value ?? null,
        due: values[MeasureField.due]?.[MeasureField.due]?.selected_date ?? null,
      });
      const documentTitle = found.row.title;
      const change = await addMeasureToPlan(services.db, services.hub, user, documentId, input).catch((error: unknown) => {
        // Rights or the organisation changed since the checks above: said next to the input concerned.
        if (error instanceof AppError && error.code === 'validation_failed') throw new ModalFieldError(MeasureField.lead, t(user.locale, 'measureShortcut.leadUnknown'));
        if (error instanceof AppError && error.status === 403) throw new ModalFieldError(MeasureField.plan, t(user.locale, 'measureShortcut.notAllowed', { title: documentTitle }));
        throw error;
      });
      services.events.publish(change.events);
      services.logger.info({ documentId, measureId: change.result.measureId, userId: user.userId }, 'measure created from a Slack message');
      const measureLink = link(measureUrl(services.publicUrl, documentId, change.result.measureId), tPlain(user.locale, 'measureShortcut.openMeasure'));
      return plain(t(user.locale, 'measureShortcut.created', { measure: change.result.title, title: change.result.documentTitle, name: user.name, link: mrkdwn(measureLink) }));
    });
  });
}

/** The modal for a linked person: the message's text split into title and notes, their organisation chosen to lead. */
async function measureModal(services: BotServices, user: BotUser, message: ShortcutMessage) {
  const prefill = measureFromMessage(fromSlackText(message.text));
  const organisations = await organisationChoices(services.db, user.locale);
  // Their own organisation first among the choices, so it is offered even in a very long list.
  const own = organisations.findIndex((organisation) => organisation.id === user.organisationId);
  if (own > 0) organisations.unshift(...organisations.splice(own, 1));
  return measureShortcutModal(user.locale, { ...prefill, channel: message.channel, ts: message.ts, organisations, defaultLeadId: own >= 0 ? user.organisationId : null });
}

/** The modal's values as the command takes them; a refusal names the input it is about. */
function parseMeasure(user: BotUser, values: Record<string, unknown>) {
  try {
    return newMeasureSchema.parse(values);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const field = String(error.issues[0]?.path[0] ?? 'title');
    if (field === 'leadOrganisationId') throw new ModalFieldError(MeasureField.lead, t(user.locale, 'measureShortcut.leadUnknown'));
    if (field === 'title') throw new ModalFieldError(MeasureField.title, t(user.locale, 'measureShortcut.titleMissing'));
    const block = field === 'due' ? MeasureField.due : MeasureField.notes;
    throw new ModalFieldError(block, t(user.locale, 'error.usage', { usage: error.issues.map((issue) => issue.message).join('; ') }));
  }
}
