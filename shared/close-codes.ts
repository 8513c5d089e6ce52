/**
 * WebSocket close codes of the sync endpoint (server/collab), read by the web client too. The
 * y-websocket provider treats 4400–4499 as final (it stops reconnecting) and anything else as
 * transient, so the ranges mean the same as HTTP's 4xx / 5xx.
 */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  /** the client sent something that is not a valid message */
  badMessage: 4400,
  unauthenticated: 4401,
  /** access was revoked while connected */
  forbidden: 4403,
  notFound: 4404,
  /**
   * a message over maxMessageBytes, refused by `ws` before it is buffered; sent in place of the
   * standard 1009, on which the stock provider would resend it forever (see sync-socket.ts)
   */
  messageTooLarge: 4413,
  /** awareness or update flood beyond the rate limits */
  rateLimited: 4429,
  tooManyConnections: 4430,
  /** the document could not be loaded; the client should retry later */
  loadFailed: 4503,
  /**
   * Too many edits wait to be stored (the database is down or failing): this one is refused, the
   * client keeps it and sends it again when it reconnects.
   */
  retryLater: 4503,
  /** the client does not read fast enough (back-pressure) */
  slowConsumer: 4508,
  serverShutdown: 4510,
} as const;
