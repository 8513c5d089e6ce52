import { get, post } from './client.ts';

/** Snapshots of a document (server/routes/versions.ts; diff and restore in presenters/version-diff.ts). */

export interface Version {
  id: string;
  documentId: string;
  name: string;
  kind: 'named' | 'auto' | 'session';
  sessionId: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface TextBlock {
  type: string;
  level?: number;
  within?: string;
  text: string;
}

export type WordOp = { op: 'equal' | 'insert' | 'delete'; text: string };

export type BlockDiff =
  | { op: 'equal' | 'insert' | 'delete'; block: TextBlock }
  | { op: 'change'; before: TextBlock; after: TextBlock; words: WordOp[] | null };

export interface MeasureRowSummary {
  id: string;
  title: string;
}

export interface VersionDiff {
  from: Version;
  to: Version | null;
  blocks: BlockDiff[];
  measures: {
    added: MeasureRowSummary[];
    removed: MeasureRowSummary[];
    changed: Array<{ id: string; title: string; changes: Array<{ field: string; before: unknown; after: unknown }> }>;
  };
  summary: { inserted: number; deleted: number; changed: number; unchanged: number; measuresAdded: number; measuresRemoved: number; measuresChanged: number };
  truncated: boolean;
}

const base = (documentId: string) => `/api/documents/${documentId}/versions`;

export const versions = {
  list: (documentId: string) => get<{ versions: Version[] }>(base(documentId)).then((r) => r.versions),
  create: (documentId: string, name: string) => post<{ version: Version }>(base(documentId), { name }).then((r) => r.version),
  get: (documentId: string, versionId: string) => get<{ version: Version & { text: string } }>(`${base(documentId)}/${versionId}`).then((r) => r.version),
  diff: (documentId: string, versionId: string) => get<{ diff: VersionDiff }>(`${base(documentId)}/${versionId}/diff?against=current`).then((r) => r.diff),
  restore: (documentId: string, versionId: string) => post<{ version: Version; backup: Version }>(`${base(documentId)}/${versionId}/restore`),
};
