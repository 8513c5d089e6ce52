import { get, patch, post, query } from './client.ts';

/** Commissions and their sessions (server/routes/commissions.ts, sessions.ts, presenters/session.ts). */

export { COMMISSION_KINDS, DECISIONS, type CommissionKind, type Decision, type SessionState } from '../../../shared/enums.ts';

export type { AgendaItem, Commission, CommissionSession } from '../../../shared/api/sessions.ts';
import type { Commission, CommissionSession } from '../../../shared/api/sessions.ts';
import type { CreateCommissionRequest, UpdateCommissionRequest } from '../../../shared/api/schemas/commissions.ts';
import type { CloseSessionRequest, CreateSessionRequest, DecisionRequest, ListSessionsRequest, MoveToItemRequest } from '../../../shared/api/schemas/sessions.ts';

export type NewCommission = CreateCommissionRequest;
export type NewSession = CreateSessionRequest;

type One = { session: CommissionSession };
const one = (r: One) => r.session;

export const commissions = {
  list: () => get<{ commissions: Commission[] }>('/api/commissions').then((r) => r.commissions),
  create: (input: NewCommission) => post<{ commission: Commission }>('/api/commissions', input).then((r) => r.commission),
  update: (id: string, input: UpdateCommissionRequest) => patch<{ commission: Commission }>(`/api/commissions/${id}`, input).then((r) => r.commission),
};

export const sessions = {
  list: (filter: { state?: ListSessionsRequest['state']; upcoming?: boolean } = {}) =>
    get<{ sessions: CommissionSession[] }>(`/api/sessions${query({ state: filter.state, upcoming: filter.upcoming ? 'true' : undefined, limit: 100 })}`).then((r) => r.sessions),
  get: (id: string) => get<One>(`/api/sessions/${id}`).then(one),
  create: (input: NewSession) => post<One>('/api/sessions', input).then(one),
  start: (id: string) => post<One>(`/api/sessions/${id}/start`).then(one),
  /** joining: while the session is live, this records me as present (reading it does not) */
  attend: (id: string) => post<One>(`/api/sessions/${id}/attendance`).then(one),
  moveTo: (id: string, itemId: string) => post<One>(`/api/sessions/${id}/current`, { itemId } satisfies MoveToItemRequest).then(one),
  /** `confirm`: the chair saw and accepted what the decision does to the document */
  decide: (id: string, itemId: string, decision: DecisionRequest['decision'], text?: string, confirm = true) =>
    post<One>(`/api/sessions/${id}/items/${itemId}/decision`, (text ? { decision, text, confirm } : { decision, confirm }) satisfies DecisionRequest).then(one),
  /** closes the session; its minutes are written in `language` (the chair's by default) */
  close: (id: string, language?: CloseSessionRequest['language']) =>
    post<One>(`/api/sessions/${id}/close`, (language ? { language } : undefined) satisfies CloseSessionRequest | undefined).then(one),
};
