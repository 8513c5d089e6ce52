import { get, patch, post, query } from './client.ts';

/** Commissions and their sessions (server/routes/commissions.ts, sessions.ts, presenters/session.ts). */

export { COMMISSION_KINDS, DECISIONS, type CommissionKind, type Decision, type SessionState } from '../../../shared/enums.ts';
import type { CommissionKind, Decision, Locale, SessionState } from '../../../shared/enums.ts';

export type { AgendaItem, Commission, CommissionSession } from '../../../shared/api/sessions.ts';
import type { Commission, CommissionSession } from '../../../shared/api/sessions.ts';

export interface NewCommission {
  kind: CommissionKind;
  nameFr: string;
  nameAr: string;
  nameEn: string;
  memberOrganisationIds: string[];
}

export interface NewSession {
  commissionId: string;
  title: string;
  scheduledAt: string;
  location?: string;
  items: Array<{ documentId: string; presenterOrganisationId?: string; title?: string }>;
}

type One = { session: CommissionSession };
const one = (r: One) => r.session;

export const commissions = {
  list: () => get<{ commissions: Commission[] }>('/api/commissions').then((r) => r.commissions),
  create: (input: NewCommission) => post<{ commission: Commission }>('/api/commissions', input).then((r) => r.commission),
  update: (id: string, input: Partial<NewCommission>) => patch<{ commission: Commission }>(`/api/commissions/${id}`, input).then((r) => r.commission),
};

export const sessions = {
  list: (filter: { state?: SessionState; upcoming?: boolean } = {}) =>
    get<{ sessions: CommissionSession[] }>(`/api/sessions${query({ state: filter.state, upcoming: filter.upcoming ? 'true' : undefined, limit: 100 })}`).then((r) => r.sessions),
  get: (id: string) => get<One>(`/api/sessions/${id}`).then(one),
  create: (input: NewSession) => post<One>('/api/sessions', input).then(one),
  start: (id: string) => post<One>(`/api/sessions/${id}/start`).then(one),
  /** joining: while the session is live, this records me as present (reading it does not) */
  attend: (id: string) => post<One>(`/api/sessions/${id}/attendance`).then(one),
  moveTo: (id: string, itemId: string) => post<One>(`/api/sessions/${id}/current`, { itemId }).then(one),
  /** `confirm`: the chair saw and accepted what the decision does to the document */
  decide: (id: string, itemId: string, decision: Decision, text?: string, confirm = true) =>
    post<One>(`/api/sessions/${id}/items/${itemId}/decision`, text ? { decision, text, confirm } : { decision, confirm }).then(one),
  /** closes the session; its minutes are written in `language` (the chair's by default) */
  close: (id: string, language?: Locale) => post<One>(`/api/sessions/${id}/close`, language ? { language } : undefined).then(one),
};
