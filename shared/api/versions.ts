/** Snapshots of a document as the API presents them (server/presenters/version.ts, version-diff.ts). */
import type { DeletedRun, DeleterRange } from '../deleted-runs.ts';
import type { MeasureFields } from '../measure-model.ts';

export interface Version {
  id: string;
  documentId: string;
  name: string;
  kind: 'named' | 'auto' | 'session';
  sessionId: string | null;
  createdBy: string | null;
  createdAt: string;
}

/** GET …/versions/:versionId: the metadata and the version's plain text */
export interface VersionWithText extends Version {
  text: string;
}

// ---- comparison ---------------------------------------------------------------------------------
// The diff worker computes the body (server/domain/version-diff.ts, then version-diff-authors.ts
// names the writers) and writes it as JSON; the presenter splices it into the answer as it is, so
// these types are what both the domain and the client name.

/** A block of text as a comparison shows it (server/domain/version-content.ts reads them). */
export interface DiffTextBlock {
  /** the node holding the text: paragraph, heading, codeBlock… */
  type: string;
  /** heading level, when the block is a heading */
  level?: number;
  /** the outermost container when the block is nested: bulletList, orderedList, table, blockquote… */
  within?: string;
  text: string;
}

/** [length, Yjs client id]: who wrote a stretch of inserted text (see server/domain/version-diff-authors.ts) */
export type WriterRun = [length: number, client: number];

/** A word of a changed block: inserted words may carry their writers (`by`), deleted ones the items that held them (`del`). */
export type DiffWordOp = { op: 'equal' | 'insert' | 'delete'; text: string; by?: WriterRun[]; del?: DeletedRun[] };

export type DiffBlock =
  | { op: 'equal'; block: DiffTextBlock }
  | { op: 'delete'; block: DiffTextBlock; del?: DeletedRun[] }
  | { op: 'insert'; block: DiffTextBlock; by?: WriterRun[] }
  | { op: 'change'; before: DiffTextBlock; after: DiffTextBlock; words: DiffWordOp[] | null; by?: WriterRun[]; del?: DeletedRun[] };

/** The bounds a comparison reached: it is then partial or coarser than it could be. */
export type DiffLimitCode = 'blocks_truncated' | 'blocks_coarse' | 'inline_diffs_omitted' | 'measures_truncated';

export type DiffMeasureField = Exclude<keyof MeasureFields, 'id'>;
export type MeasureFieldChange = { field: DiffMeasureField; before: unknown; after: unknown };

export interface MeasuresDiff {
  added: MeasureFields[];
  removed: MeasureFields[];
  changed: Array<{ id: string; title: string; changes: MeasureFieldChange[] }>;
}

export interface DiffSummary {
  inserted: number;
  deleted: number;
  changed: number;
  unchanged: number;
  measuresAdded: number;
  measuresRemoved: number;
  measuresChanged: number;
}

/** What the diff worker writes: the text blocks and measures compared, with the Yjs client ids they name. */
export interface AttributedDiff {
  blocks: DiffBlock[];
  measures: MeasuresDiff;
  summary: DiffSummary;
  /** true when some bound was reached: the diff is then partial or coarser than it could be */
  truncated: boolean;
  limits: DiffLimitCode[];
  /** the Yjs client ids the `by` runs name */
  clients: number[];
  /** the Yjs client ids the `del` runs name */
  deletedClients: number[];
}

/** GET …/versions/:versionId/diff → `{ diff }` */
export interface VersionDiff extends AttributedDiff {
  from: Version;
  /** null: the document as it is now */
  to: Version | null;
  /** the user the server saw write under each client id the runs name; null: unknown (contested or never seen) */
  writers: Array<{ client: number; userId: string | null }>;
  /** who deleted the items the `del` runs name: ranges of item ids, userId null: unknown */
  deleters: DeleterRange[];
}
