/** socket.io room names: one per user, per document and per commission session. */
export const userRoom = (userId: string) => `user:${userId}`;
export const documentRoom = (documentId: string) => `document:${documentId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
