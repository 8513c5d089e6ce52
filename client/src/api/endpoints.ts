import { del, get, patch, post, put, query } from './client.ts';
import type {
  AccessLevel,
  ApiToken,
  AuditEntry,
  DocumentKind,
  DocumentStatus,
  Framework,
  Grant,
  Locale,
  MeasureSummary,
  Organisation,
  OrganisationKind,
  OrganisationProgress,
  Role,
  SessionInfo,
  TansiqDocument,
  User,
} from './types.ts';

export const auth = {
  login: (email: string, password: string) => post<SessionInfo>('/api/auth/login', { email, password }),
  me: () => get<SessionInfo & { via: string }>('/api/auth/me'),
  logout: () => post<void>('/api/auth/logout'),
};

export interface DocumentFilters {
  kind?: DocumentKind | '';
  status?: DocumentStatus | '';
  lead?: string;
  partner?: string;
  q?: string;
}

/** Who has access to a document (GET /api/documents/:id/access/overview; lead organisation and admins only). */
export interface AccessOverview {
  leadOrganisationId: string;
  grants: {
    id: string;
    organisationId: string | null;
    person: { id: string; name: string | null; organisationId: string | null } | null;
    level: AccessLevel;
    grantedBy: { id: string; name: string | null } | null;
    grantedAt: string;
  }[];
  requests: { id: string; person: { id: string; name: string; organisationId: string }; message: string | null; requestedAt: string }[];
}

export interface NewDocument {
  kind: DocumentKind;
  title: string;
  leadOrganisationId?: string;
  partnerOrganisationIds: string[];
  framework?: Framework;
  language?: Locale;
}

export const documents = {
  list: (filters: DocumentFilters) => get<{ documents: TansiqDocument[]; total: number }>(`/api/documents${query({ ...filters, limit: 200 })}`),
  get: (id: string) => get<{ document: TansiqDocument }>(`/api/documents/${id}`).then((r) => r.document),
  create: (input: NewDocument) => post<{ document: TansiqDocument }>('/api/documents', input).then((r) => r.document),
  update: (id: string, input: { title?: string; leadOrganisationId?: string; partnerOrganisationIds?: string[]; framework?: Framework | null }) =>
    patch<{ document: TansiqDocument }>(`/api/documents/${id}`, input).then((r) => r.document),
  transition: (id: string, to: DocumentStatus, reason?: string) =>
    post<{ document: TansiqDocument }>(`/api/documents/${id}/transitions`, reason ? { to, reason } : { to }).then((r) => r.document),
  reopen: (id: string, reason: string) => post<{ document: TansiqDocument }>(`/api/documents/${id}/reopen`, { reason }).then((r) => r.document),
  accessOverview: (id: string) => get<{ overview: AccessOverview }>(`/api/documents/${id}/access/overview`).then((r) => r.overview),
  requestAccess: (id: string, message?: string) => post<{ requested: boolean }>(`/api/documents/${id}/access-requests`, message ? { message } : {}),
  grants: (id: string) => get<{ grants: Grant[] }>(`/api/documents/${id}/access`).then((r) => r.grants),
  setGrant: (id: string, grant: { organisationId?: string; userId?: string; level: AccessLevel }) =>
    put<{ grant: Grant }>(`/api/documents/${id}/access`, grant).then((r) => r.grant),
  revokeGrant: (id: string, grantId: string) => del(`/api/documents/${id}/access/${grantId}`),
};

export const organisations = {
  list: () => get<{ organisations: Organisation[] }>('/api/organisations').then((r) => r.organisations),
  create: (input: { code: string; kind: OrganisationKind; nameFr: string; nameAr: string; nameEn: string }) =>
    post<{ organisation: Organisation }>('/api/organisations', input).then((r) => r.organisation),
  update: (id: string, input: Partial<{ code: string; kind: OrganisationKind; nameFr: string; nameAr: string; nameEn: string }>) =>
    patch<{ organisation: Organisation }>(`/api/organisations/${id}`, input).then((r) => r.organisation),
};

export const users = {
  list: () => get<{ users: User[] }>('/api/users').then((r) => r.users),
  create: (input: { email: string; name: string; organisationId: string; role: Role; locale: Locale; password?: string }) =>
    post<{ user: User }>('/api/users', input).then((r) => r.user),
  update: (id: string, input: Partial<{ name: string; locale: Locale; email: string; organisationId: string; role: Role; disabled: boolean; password: string; currentPassword: string; keepTokens: boolean }>) =>
    patch<{ user: User }>(`/api/users/${id}`, input).then((r) => r.user),
};

export const tokens = {
  list: () => get<{ tokens: ApiToken[] }>('/api/tokens').then((r) => r.tokens),
  /** the password is asked again: a session left open must not be enough to mint a token */
  create: (name: string, password: string, expiresInDays?: number) =>
    post<{ token: ApiToken; secret: string }>('/api/tokens', expiresInDays ? { name, password, expiresInDays } : { name, password }),
  revoke: (id: string) => del(`/api/tokens/${id}`),
};

export interface MeasureFilters {
  organisation?: string;
  status?: string;
  overdue?: boolean;
  document?: string;
}

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

export interface AuditFilters {
  actor?: string;
  organisation?: string;
  document?: string;
  action?: string;
  from?: string;
  to?: string;
}

export const audit = {
  page: (filters: AuditFilters, before?: string) =>
    get<{ entries: AuditEntry[]; nextCursor: string | null }>(`/api/audit${query({ ...filters, before, limit: 50 })}`),
  /** the same filtered set, as a CSV download */
  csvUrl: (filters: AuditFilters) => `/api/audit.csv${query({ ...filters })}`,
};
