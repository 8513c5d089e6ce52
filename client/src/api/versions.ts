import { get, post, query } from './client.ts';
import type { Version, VersionDiff, VersionWithText } from '../../../shared/api/versions.ts';
import type { CreateVersionRequest, VersionDiffRequest } from '../../../shared/api/schemas/versions.ts';

export type { DiffBlock, Version, VersionDiff, WriterRun } from '../../../shared/api/versions.ts';

const base = (documentId: string) => `/api/documents/${documentId}/versions`;

/** Snapshots of a document (server/routes/versions.ts; diff and restore in presenters/version-diff.ts). */
export const versions = {
  list: (documentId: string) => get<{ versions: Version[] }>(base(documentId)).then((r) => r.versions),
  create: (documentId: string, name: string) => post<{ version: Version }>(base(documentId), { name } satisfies CreateVersionRequest).then((r) => r.version),
  get: (documentId: string, versionId: string) => get<{ version: VersionWithText }>(`${base(documentId)}/${versionId}`).then((r) => r.version),
  diff: (documentId: string, versionId: string) =>
    get<{ diff: VersionDiff }>(`${base(documentId)}/${versionId}/diff${query({ against: 'current' } satisfies VersionDiffRequest)}`).then((r) => r.diff),
  restore: (documentId: string, versionId: string) => post<{ version: Version; backup: Version }>(`${base(documentId)}/${versionId}/restore`),
};
