import type { DeletedRun, DeleterRange } from '../../../shared/deleted-runs.ts';
import { get, post, query } from './client.ts';
import type { Version, VersionWithText } from '../../../shared/api/versions.ts';
import type { CreateVersionRequest, VersionDiffRequest } from '../../../shared/api/schemas/versions.ts';

export type { Version } from '../../../shared/api/versions.ts';

/**
 * Snapshots of a document (server/routes/versions.ts; diff and restore in presenters/version-diff.ts).
 * The diff's own types below still mirror server/domain/version-diff*.ts by hand: its JSON is
 * written by the diff worker and spliced into the answer, with no presenter to type.
 */

export interface TextBlock {
  type: string;
  level?: number;
  within?: string;
  text: string;
}

/** [length, Yjs client id]: who wrote a stretch of inserted text (see server/domain/version-diff-authors.ts) */
export type WriterRun = [length: number, client: number];

export type WordOp = { op: 'equal' | 'insert' | 'delete'; text: string; by?: WriterRun[]; del?: DeletedRun[] };

export type BlockDiff =
  | { op: 'equal' | 'delete'; block: TextBlock; del?: DeletedRun[] }
  | { op: 'insert'; block: TextBlock; by?: WriterRun[] }
  | { op: 'change'; before: TextBlock; after: TextBlock; words: WordOp[] | null; by?: WriterRun[]; del?: DeletedRun[] };

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
  /** the user the server saw write under each client id the runs name; null: unknown (contested or never seen) */
  writers: Array<{ client: number; userId: string | null }>;
  /** who deleted the items the `del` runs name (absent from older servers) */
  deleters?: DeleterRange[];
}

const base = (documentId: string) => `/api/documents/${documentId}/versions`;

export const versions = {
  list: (documentId: string) => get<{ versions: Version[] }>(base(documentId)).then((r) => r.versions),
  create: (documentId: string, name: string) => post<{ version: Version }>(base(documentId), { name } satisfies CreateVersionRequest).then((r) => r.version),
  get: (documentId: string, versionId: string) => get<{ version: VersionWithText }>(`${base(documentId)}/${versionId}`).then((r) => r.version),
  diff: (documentId: string, versionId: string) =>
    get<{ diff: VersionDiff }>(`${base(documentId)}/${versionId}/diff${query({ against: 'current' } satisfies VersionDiffRequest)}`).then((r) => r.diff),
  restore: (documentId: string, versionId: string) => post<{ version: Version; backup: Version }>(`${base(documentId)}/${versionId}/restore`),
};
