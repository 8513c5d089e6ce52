/** socket.io room names: one per user, per document and per commission session. */
export const userRoom = (userId: string) => `user:${userId}`;
export const documentRoom = (documentId: string) => `document:${documentId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** Event names sent to clients. */
export const ServerEvent = {
  documentStatusChanged: 'document:status_changed',
  documentUpdated: 'document:updated',
  measureStatusChanged: 'measure:status_changed',
  measureOverdue: 'measure:overdue',
  /** a measure's current indicator value was recorded in its history */
  measureIndicatorRecorded: 'measure:indicator_recorded',
  commentCreated: 'comment:created',
  commentUpdated: 'comment:updated',
  commentDeleted: 'comment:deleted',
  commentResolved: 'comment:resolved',
  suggestionsChanged: 'suggestions:changed',
  sessionState: 'session:state',
  notification: 'notification',
  /** a follow-up report moved, or a cycle opened or closed (ids and states only) */
  cycleChanged: 'cycle:changed',
  versionNamed: 'version:named',
  versionRestored: 'version:restored',
  accessRevoked: 'access:revoked',
  /** the credential the socket signed in with ended (logout, expiry, revocation, disabled): sign in again */
  authEnded: 'auth:ended',
} as const;
