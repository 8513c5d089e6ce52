import { ZodError } from 'zod';
import type { DocumentStatus } from '../../db/schema.ts';
import { findMeasure, readMeasure, readMeasures, updateMeasure, MEASURE_STATUSES, type MeasureStatus } from '../../shared/doc-schema.ts';
import { measureIdFromKey } from '../blocks/measure-key.ts';
import { setThreadResolved } from '../../server/commands/comments-changes.ts';
import { requireDocument } from '../../server/queries/document-guard.ts';
import { transitionDocument } from '../../server/commands/documents.ts';
import { AppError } from '../../server/errors.ts';
import { plain, type SlackMessage } from '../blocks/common.ts';
import { mrkdwn, t } from '../i18n/index.ts';
import type { BotUser } from '../linking/links.ts';
import type { BotServices } from '../services.ts';
import { MentionProblem } from '../commands/mentions.ts';

/**
 * What buttons do, as the linked user, through the same commands and checks as the web app.
 * Permissions are checked again on every click: the message may be old, the rights may have changed.
 */

/** `measureKey` is how the button named the measure (see measure-key.ts). */
export async function setMeasureStatus(services: BotServices, user: BotUser, documentId: string, measureKey: string, status: string): Promise<SlackMessage> {
  if (!MEASURE_STATUSES.includes(status as MeasureStatus)) return plain(t(user.locale, 'error.gone'));
  const { row } = await requireDocument(services.db, user, documentId, 'edit');
  // The live Y.Doc is the truth: the change goes there, and web clients see it at once.
  const before = await services.hub.applyServerChange(
    documentId,
    (doc) => {
      const measureId = measureIdFromKey(
        measureKey,
        readMeasures(doc).map((measure) => measure.id),
      );
      const map = measureId === null ? undefined : findMeasure(doc, measureId);
      if (!map || measureId === null) return null;
      const previous = readMeasure(map);
      updateMeasure(doc, measureId, { status: status as MeasureStatus, ...(status === 'done' ? { progress: 100 } : {}) });
      return previous;
    },
    user.userId,
  );
  if (!before) return plain(t(user.locale, 'measure.missing'));
  // No event here: the projection notices the status change, whoever made it, and announces it once.
  services.logger.info({ documentId, measureKey, status, userId: user.userId, document: row.title }, 'measure status set from Slack');
  return plain(t(user.locale, 'measure.updated', { title: before.title, status: mrkdwn(t(user.locale, `measure.${status as MeasureStatus}`)), name: user.name }));
}

export async function resolveComment(services: BotServices, user: BotUser, documentId: string, commentId: string): Promise<SlackMessage> {
  const change = await setThreadResolved(services.db, user, documentId, commentId, true);
  services.events.publish(change.events);
  return plain(t(user.locale, 'comment.resolved', { name: user.name }));
}

export async function moveDocument(services: BotServices, user: BotUser, documentId: string, to: DocumentStatus, reason?: string): Promise<SlackMessage> {
  const before = await requireDocument(services.db, user, documentId, 'view');
  try {
    const { row, events } = await transitionDocument(services.db, user, documentId, { to, reason });
    services.events.publish(events);
    return plain(
      t(user.locale, 'workflow.done', {
        title: row.title,
        from: mrkdwn(t(user.locale, `status.${before.row.status}`)),
        to: mrkdwn(t(user.locale, `status.${row.status}`)),
        name: user.name,
      }),
    );
  } catch (error) {
    if (error instanceof AppError && (error.status === 403 || error.code === 'invalid_transition')) {
      return plain(
        t(user.locale, 'workflow.refused', { title: before.row.title, from: mrkdwn(t(user.locale, `status.${before.row.status}`)), to: mrkdwn(t(user.locale, `status.${to}`)) }),
      );
    }
    throw error;
  }
}

/** Refusals from the commands, as the reader should read them; anything else is ours to log. */
export function refusalMessage(user: BotUser, error: unknown): SlackMessage | null {
  // Input that passed Slack's own limits but not ours (a forged or replayed payload).
  if (error instanceof MentionProblem) return plain(error.text);
  if (error instanceof ZodError) return plain(t(user.locale, 'error.usage', { usage: error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') }));
  if (!(error instanceof AppError)) return null;
  if (error.status === 404) return plain(t(user.locale, 'error.gone'));
  if (error.status === 403) return plain(t(user.locale, 'error.notAllowed'));
  if (error.status === 409) return plain(t(user.locale, 'error.conflict', { detail: error.message }));
  if (error.status === 400) return plain(t(user.locale, 'error.usage', { usage: error.message }));
  return null;
}
