/** Commissions and sessions as the API and socket.io present them (server/presenters/session.ts). */
import type { AccessLevel, CommissionKind, Decision, DocumentStatus, Locale, SessionState } from '../enums.ts';

export interface Commission {
  id: string;
  kind: CommissionKind;
  names: Record<Locale, string>;
  memberOrganisationIds: string[];
  createdAt: string;
}

export interface AgendaItem {
  id: string;
  position: number;
  /** when restricted, a French placeholder: show `session.restrictedItem` instead */
  title: string;
  /** I may not read the item's document: no title, document or decision text (as in the minutes) */
  restricted: boolean;
  presenterOrganisationId: string | null;
  /** my access to the item's document; null: I follow the agenda without it */
  access: AccessLevel | null;
  documentId?: string;
  documentTitle?: string;
  documentStatus?: DocumentStatus;
  decision: Decision | null;
  decisionText: string | null;
  /** what the confirmed decision did to the document: moved, noted (unchanged), blocked by the workflow */
  decisionEffect: 'moved' | 'noted' | 'blocked' | null;
  decidedAt: string | null;
  decidedBy: string | null;
}

export interface CommissionSession {
  id: string;
  commissionId: string;
  title: string;
  scheduledAt: string;
  location: string | null;
  state: SessionState;
  startedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  memberOrganisationIds: string[];
  currentItemId: string | null;
  currentItem: AgendaItem | null;
  items: AgendaItem[];
  minutesDocumentId: string | null;
  /** whether I run the session (start, move, decide, close) */
  chair: boolean;
}
