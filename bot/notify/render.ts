import { loadMentionNames } from '../../server/queries/mention-names.ts';
import { unreachable } from '../../shared/unreachable.ts';
import { mentionsAsNames } from '../../shared/mentions.ts';
import type { DocumentStatus } from '../../db/schema.ts';
import { documentAccess } from '../../server/policies/document-access.ts';
import { findCommissionNames } from '../../server/queries/commissions.ts';
import { liveComments } from '../../server/queries/comments.ts';
import { accessFacts, findDocumentRow } from '../../server/queries/documents.ts';
import { measureStatusOf, measureTitles } from '../../server/queries/measures.ts';
import { organisationNames } from '../../server/queries/organisations.ts';
import { userNames } from '../../server/queries/users.ts';
import type { MeasureStatus } from '../../shared/doc-schema.ts';
import type { SlackMessage } from '../blocks/common.ts';
import { documentDigestBlocks, restrictedNoticeBlocks, sessionDigestBlocks, type DigestLine, type DocumentDigest, type SessionLine } from '../blocks/notifications.ts';
import { t, tPlain } from '../i18n/index.ts';
import type { BotServices } from '../services.ts';
import type { Audience } from './audience.ts';
import { categoryOf, type StoredEvent } from './plan.ts';
import type { SubjectRow } from './outbox.ts';

/** A message, and the comment thread it is about when it is about exactly one (its Slack thread then feeds that thread). */
export interface RenderedMessage extends SlackMessage {
  threadRootId?: string;
}

/** Drawing a message again (live cards): the last person who changed its subject. */
export interface LiveOptions {
  lastActorId: string | null;
}

type RenderableRow = Pick<SubjectRow, 'subject_type' | 'subject_id' | 'events' | 'event_count'>;

/** Loads what a queued burst needs to be told (names, comment texts, current states) and builds the message. */
export async function renderRow(services: BotServices, row: RenderableRow, audience: Audience, live?: LiveOptions): Promise<RenderedMessage | null> {
  const stored = row.events as StoredEvent[];
  const events = stored.filter((event) => {
    const category = categoryOf(event);
    return audience.categories === null ? true : category !== null && audience.categories.has(category);
  });
  if (events.length === 0) return null;
  if (!audience.everyoneMayRead) return restrictedNoticeBlocks(row.subject_type, row.subject_id, audience.locale, services.publicUrl);
  // Events beyond the stored ones were of the same burst; count them when nothing was filtered out.
  const count = events.length === stored.length ? row.event_count : events.length;
  return row.subject_type === 'session' ? renderSession(services, events, audience, live) : renderDocument(services, row.subject_id, events, count, audience, live);
}

async function renderDocument(
  services: BotServices,
  documentId: string,
  events: StoredEvent[],
  count: number,
  audience: Audience,
  live?: LiveOptions,
): Promise<RenderedMessage | null> {
  const { db } = services;
  const document = await findDocumentRow(db, documentId);
  if (!document) return null;
  const commentIds = events.flatMap((event) => (event.kind === 'comment' || event.kind === 'mention' || event.kind === 'reply' ? [event.commentId] : []));
  const comments = await liveComments(db, commentIds);
  const actorIds = [...new Set(events.flatMap((event) => ('actor' in event && event.actor ? [event.actor] : [])))];
  if (live?.lastActorId) actorIds.push(live.lastActorId);
  const people = actorIds.length > 0 ? await userNames(db, [...actorIds, ...comments.map((c) => c.author_id)]) : new Map<string, string>();
  const nameOf = (id: string | null) => (id && people.get(id)) ?? '—';
  // Mentions are stored as ids and codes; Slack readers get names.
  const mentionNames = await loadMentionNames(
    db,
    comments.map((comment) => comment.body),
    audience.reader.locale,
  );
  // Row comments name their measure (as the projection knows it; a deleted one is said to be).
  const measureIds = [...new Set(comments.flatMap((comment) => (comment.anchor?.type === 'measure' ? [comment.anchor.measureId] : [])))];
  const titles = await measureTitles(db, documentId, measureIds);
  const measureName = (id: string) => {
    const title = titles.get(id);
    return title !== undefined ? title || t(audience.reader.locale, 'notify.untitledMeasure') : t(audience.reader.locale, 'notify.deletedMeasure');
  };

  // The organisations that became responsible for measures, named in the reader's language.
  const leadIds = [...new Set(events.flatMap((event) => (event.kind === 'lead' ? [event.organisationId] : [])))];
  const leadNames = leadIds.length > 0 ? await organisationNames(db, leadIds, audience.locale) : new Map<string, string>();

  const lines: DigestLine[] = [];
  let edits = 0;
  let measure: DocumentDigest['buttons']['measure'];
  let resolveCommentId: string | undefined;
  const threadRoots = new Set<string>();
  for (const event of events) {
    switch (event.kind) {
      case 'status':
        lines.push({ type: 'status', from: event.from as DocumentStatus, to: event.to as DocumentStatus, reason: event.reason });
        break;
      case 'comment':
      case 'mention':
      case 'reply': {
        const comment = comments.find((candidate) => candidate.id === event.commentId);
        if (!comment) break;
        lines.push({
          type: event.kind,
          author: nameOf(comment.author_id),
          text: mentionsAsNames(comment.body, mentionNames),
          ...(comment.anchor?.type === 'measure' ? { measure: measureName(comment.anchor.measureId) } : {}),
        });
        const root = comment.thread_id ?? comment.id;
        threadRoots.add(root);
        resolveCommentId = comment.thread_id === null && comment.resolved_at !== null ? undefined : root;
        if (comment.anchor?.type === 'measure') measure = { id: comment.anchor.measureId, status: 'planned' };
        break;
      }
      case 'access_request':
        lines.push({ type: 'access_request', who: nameOf(event.actor), message: event.message });
        break;
      case 'measure':
        lines.push({ type: 'measure', title: event.title, from: event.from as MeasureStatus | null, to: event.to as MeasureStatus });
        measure = { id: event.measureId, status: event.to as MeasureStatus };
        break;
      case 'overdue':
      case 'due_soon':
        lines.push({ type: event.kind, title: event.title, due: event.due });
        measure = { id: event.measureId, status: 'planned' };
        break;
      case 'lead':
        lines.push({ type: 'lead', title: event.title || tPlain(audience.locale, 'notify.untitledMeasure'), organisation: leadNames.get(event.organisationId) ?? '—' });
        measure = { id: event.measureId, status: 'planned' };
        break;
      case 'edit':
        edits++;
        break;
      case 'session':
        break;
    }
  }
  if (edits > 0) lines.push({ type: 'edits', count: edits });
  if (lines.length === 0) return null;
  if (measure) {
    // The button offers what is still to do: the measure as the projection knows it now.
    const current = await measureStatusOf(db, documentId, measure.id);
    measure = current ? { id: measure.id, status: current } : undefined;
  }
  const digest: DocumentDigest = {
    document: { id: document.id, title: document.title, status: document.status },
    count,
    people: [...new Set(events.flatMap((event) => ('actor' in event && event.actor ? [event.actor] : [])))].map(nameOf),
    lines,
    buttons: { measure, resolveCommentId, decide: true, comment: true },
    ...(live ? { live: { status: document.status, openComments: await openComments(services, documentId), lastActor: live.lastActorId ? nameOf(live.lastActorId) : null } } : {}),
  };
  const message = documentDigestBlocks(digest, audience.locale, services.publicUrl);
  return threadRoots.size === 1 ? { ...message, threadRootId: [...threadRoots][0]! } : message;
}

async function openComments(services: BotServices, documentId: string): Promise<number> {
  const row = await services.db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('document_id', '=', documentId)
    .where('thread_id', 'is', null)
    .where('resolved_at', 'is', null)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

async function renderSession(services: BotServices, events: StoredEvent[], audience: Audience, live?: LiveOptions): Promise<RenderedMessage | null> {
  const view = audience.session;
  if (!view) return null;
  const commission = await findCommissionNames(services.db, view.session.commission_id);
  const itemTitle = (id?: string) => view.items.find((item) => item.id === id)?.title ?? '—';
  const minutes = view.session.minutes_document_id ? view.documents.get(view.session.minutes_document_id) : undefined;
  const minutesVisible = minutes && documentAccess(audience.reader, accessFacts(minutes.row, minutes.grants)) !== null;
  const lines: SessionLine[] = events.flatMap((event): SessionLine[] => {
    if (event.kind !== 'session') return [];
    switch (event.what) {
      case 'started':
        return [{ type: 'started' }];
      case 'item':
        return [{ type: 'item', item: itemTitle(event.itemId) }];
      case 'decision':
        return [{ type: 'decision', item: itemTitle(event.itemId), decision: (event.decision ?? 'postponed') as 'postponed' }];
      case 'closed':
        return [{ type: 'closed', minutesDocumentId: minutesVisible ? (event.minutesDocumentId ?? null) : null }];
      default:
        return unreachable(event.what);
    }
  });
  if (lines.length === 0) return null;
  return sessionDigestBlocks(
    {
      session: { title: view.session.title, commissionName: commission?.names[audience.locale] ?? '' },
      lines,
      ...(live ? { live: { state: view.session.state, decisions: view.items.filter((item) => item.decision !== null).length } } : {}),
    },
    audience.locale,
    services.publicUrl,
  );
}
