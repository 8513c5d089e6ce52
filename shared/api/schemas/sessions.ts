import { z } from 'zod';
import { DECISIONS, SESSION_STATES } from '../../enums.ts';
import { decisionNeedsText } from '../../decision-workflow.ts';
import { locale, pagination, text, uuid } from './common.ts';

export const sessionState = z.enum(SESSION_STATES);
export const decision = z.enum(DECISIONS);

const MAX_AGENDA_ITEMS = 50;

/** An agenda item: the presenter defaults to the document's lead organisation, the title to the document's. */
export const agendaItemSchema = z.strictObject({
  documentId: uuid,
  presenterOrganisationId: uuid.optional(),
  title: text(300).optional(),
});

const scheduledAt = z.iso.datetime({ offset: true, message: 'must be an ISO date-time, e.g. 2026-11-28T15:00:00+01:00' });

export const createSessionSchema = z.strictObject({
  commissionId: uuid,
  title: text(300),
  scheduledAt,
  location: text(300).optional(),
  items: z.array(agendaItemSchema).max(MAX_AGENDA_ITEMS, `at most ${MAX_AGENDA_ITEMS} agenda items`).default([]),
});

export const updateSessionSchema = z
  .strictObject({
    title: text(300).optional(),
    scheduledAt: scheduledAt.optional(),
    location: text(300).nullable().optional(),
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), 'change at least one field');

export const listSessionsQuery = z.object({
  commissionId: uuid.optional(),
  state: sessionState.optional(),
  /** not closed and scheduled from now on */
  upcoming: z.enum(['true', 'false']).optional(),
  ...pagination,
});

export const reorderAgendaSchema = z.strictObject({
  itemIds: z.array(uuid).min(1).max(MAX_AGENDA_ITEMS),
});

export const moveToItemSchema = z.strictObject({ itemId: uuid });

/** Closing a session: the language of its minutes (fr, ar, en), the chair's by default. */
export const closeSessionSchema = z.strictObject({ language: locale.optional() });

export const decisionSchema = z
  .strictObject({
    decision,
    text: text(4000).optional(),
    /**
     * The chair has seen and confirmed what the decision does to the document (adopt, return,
     * nothing). Without it the decision is recorded and the document left as it is.
     */
    confirm: z.boolean().default(false),
  })
  .refine((value) => !decisionNeedsText(value.decision) || Boolean(value.text), {
    path: ['text'],
    message: 'this decision returns the document: its text is the reason the lead organisation will read',
  });

export const itemParams = z.object({ id: uuid, itemId: uuid });

export type CreateSessionInput = z.output<typeof createSessionSchema>;
export type UpdateSessionInput = z.output<typeof updateSessionSchema>;
export type AgendaItemInput = z.output<typeof agendaItemSchema>;
export type ListSessionsQuery = z.output<typeof listSessionsQuery>;
export type DecisionInput = z.output<typeof decisionSchema>;

export type CreateSessionRequest = z.input<typeof createSessionSchema>;
export type ListSessionsRequest = z.input<typeof listSessionsQuery>;
export type MoveToItemRequest = z.input<typeof moveToItemSchema>;
export type CloseSessionRequest = z.input<typeof closeSessionSchema>;
export type DecisionRequest = z.input<typeof decisionSchema>;
