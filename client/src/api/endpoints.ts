import { del, get, patch, post, put, query } from './client.ts';
import type { AuditPage } from '../../../shared/api/audit.ts';
import type { AccessOverview, Grant, TansiqDocument } from '../../../shared/api/documents.ts';
import type { MeasureSummary, OrganisationProgress } from '../../../shared/api/measures.ts';
import type { Organisation } from '../../../shared/api/organisations.ts';
import type { ApiToken, CurrentSession, PrivateUser, SessionInfo, User } from '../../../shared/api/users.ts';
import type { AuditRequest } from '../../../shared/api/schemas/audit.ts';
import type {
  AccessRequestRequest,
  CreateDocumentRequest,
  GrantRequest,
  ListDocumentsRequest,
  ReopenRequest,
  TransitionRequest,
  UpdateDocumentRequest,
} from '../../../shared/api/schemas/documents.ts';
import type { MeasuresRequest } from '../../../shared/api/schemas/measures.ts';
import type { CreateOrganisationRequest, UpdateOrganisationRequest } from '../../../shared/api/schemas/organisations.ts';
import type { CreateTokenRequest } from '../../../shared/api/schemas/tokens.ts';
import type { CreateUserRequest, LoginRequest, UpdateUserAsAdminRequest } from '../../../shared/api/schemas/users.ts';

export type { AccessOverview } from '../../../shared/api/documents.ts';

export const auth = {
  login: (email: string, password: string) => post<SessionInfo>('/api/auth/login', { email, password } satisfies LoginRequest),
  me: () => get<CurrentSession>('/api/auth/me'),
  logout: () => post<void>('/api/auth/logout'),
};

/** The list's filters; '' is a select left on "all" (dropped from the query string). */
export type DocumentFilters = Pick<ListDocumentsRequest, 'lead' | 'partner' | 'q'> & {
  kind?: ListDocumentsRequest['kind'] | '';
  status?: ListDocumentsRequest['status'] | '';
};

export type NewDocument = CreateDocumentRequest;

export const documents = {
  list: (filters: DocumentFilters) => get<{ documents: TansiqDocument[]; total: number }>(`/api/documents${query({ ...filters, limit: 200 })}`),
  get: (id: string) => get<{ document: TansiqDocument }>(`/api/documents/${id}`).then((r) => r.document),
  create: (input: NewDocument) => post<{ document: TansiqDocument }>('/api/documents', input).then((r) => r.document),
  update: (id: string, input: UpdateDocumentRequest) => patch<{ document: TansiqDocument }>(`/api/documents/${id}`, input).then((r) => r.document),
  transition: (id: string, to: TransitionRequest['to'], reason?: string) =>
    post<{ document: TansiqDocument }>(`/api/documents/${id}/transitions`, (reason ? { to, reason } : { to }) satisfies TransitionRequest).then((r) => r.document),
  reopen: (id: string, reason: string) => post<{ document: TansiqDocument }>(`/api/documents/${id}/reopen`, { reason } satisfies ReopenRequest).then((r) => r.document),
  accessOverview: (id: string) => get<{ overview: AccessOverview }>(`/api/documents/${id}/access/overview`).then((r) => r.overview),
  requestAccess: (id: string, message?: string) =>
    post<{ requested: boolean }>(`/api/documents/${id}/access-requests`, (message ? { message } : {}) satisfies AccessRequestRequest),
  grants: (id: string) => get<{ grants: Grant[] }>(`/api/documents/${id}/access`).then((r) => r.grants),
  setGrant: (id: string, grant: GrantRequest) => put<{ grant: Grant }>(`/api/documents/${id}/access`, grant).then((r) => r.grant),
  revokeGrant: (id: string, grantId: string) => del(`/api/documents/${id}/access/${grantId}`),
};

export const organisations = {
  list: () => get<{ organisations: Organisation[] }>('/api/organisations').then((r) => r.organisations),
  create: (input: CreateOrganisationRequest) => post<{ organisation: Organisation }>('/api/organisations', input).then((r) => r.organisation),
  update: (id: string, input: UpdateOrganisationRequest) => patch<{ organisation: Organisation }>(`/api/organisations/${id}`, input).then((r) => r.organisation),
};

export const users = {
  list: () => get<{ users: User[] }>('/api/users').then((r) => r.users),
  create: (input: CreateUserRequest) => post<{ user: PrivateUser }>('/api/users', input).then((r) => r.user),
  /** the fields a member may change about themselves are a subset: the server refuses the others */
  update: (id: string, input: UpdateUserAsAdminRequest) => patch<{ user: PrivateUser }>(`/api/users/${id}`, input).then((r) => r.user),
};

export const tokens = {
  list: () => get<{ tokens: ApiToken[] }>('/api/tokens').then((r) => r.tokens),
  /** the password is asked again: a session left open must not be enough to mint a token */
  create: (name: string, password: string, expiresInDays?: number) =>
    post<{ token: ApiToken; secret: string }>('/api/tokens', (expiresInDays ? { name, password, expiresInDays } : { name, password }) satisfies CreateTokenRequest),
  revoke: (id: string) => del(`/api/tokens/${id}`),
};

export type MeasureFilters = Pick<MeasuresRequest, 'organisation' | 'status' | 'document'> & { overdue?: boolean };

export const measures = {
  list: (filters: MeasureFilters) =>
    get<{ measures: MeasureSummary[] }>(`/api/measures${query({ ...filters, overdue: filters.overdue ? 'true' : undefined })}`).then((r) =>
      // Date columns may arrive as timestamps: keep the calendar day only.
      r.measures.map((m) => ({ ...m, start: m.start?.slice(0, 10) ?? null, due: m.due?.slice(0, 10) ?? null })),
    ),
};

export const dashboard = {
  get: () => get<{ organisations: OrganisationProgress[] }>('/api/dashboard').then((r) => r.organisations),
};

export type AuditFilters = Pick<AuditRequest, 'actor' | 'organisation' | 'document' | 'action' | 'from' | 'to'>;

export const audit = {
  page: (filters: AuditFilters, before?: string) => get<AuditPage>(`/api/audit${query({ ...filters, before, limit: 50 })}`),
  /** the same filtered set, as a CSV download */
  csvUrl: (filters: AuditFilters) => `/api/audit.csv${query({ ...filters })}`,
};
