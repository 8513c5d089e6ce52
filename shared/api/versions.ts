/** Snapshots of a document as the API presents them (server/presenters/version.ts). */

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
