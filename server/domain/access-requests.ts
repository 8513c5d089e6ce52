/**
 * Requests for access to a document one cannot see, pure. Opening a link to such a document
 * offers "request access"; its lead organisation is told. The rules keep that from becoming a
 * way to page a ministry or to probe which documents exist:
 *
 * - a document that does not exist answers exactly like one that does (nothing is stored);
 * - one open request per person and document: asking again within a day tells nobody again;
 * - at most MAX_REQUESTS_PER_HOUR requests per person, whatever the documents.
 */

export const MAX_REQUESTS_PER_HOUR = 5;
export const REPEAT_AFTER_MS = 24 * 60 * 60 * 1000;

export interface AccessRequestFacts {
  exists: boolean;
  /** the requester can already see it */
  hasAccess: boolean;
  /** their requests over the last hour, to any document */
  requestsInLastHour: number;
  /** when they last asked for this document, if they did */
  previousRequestAt: Date | null;
  now: Date;
}

export type AccessRequestOutcome =
  /** store (or refresh) the request and tell the lead */
  | 'notify'
  /** answer as accepted, tell nobody: a repeat, or a document that does not exist */
  | 'accepted_quietly'
  | 'already_has_access'
  | 'rate_limited';

export function decideAccessRequest(facts: AccessRequestFacts): AccessRequestOutcome {
  if (facts.hasAccess) return 'already_has_access';
  if (facts.requestsInLastHour >= MAX_REQUESTS_PER_HOUR) return 'rate_limited';
  if (!facts.exists) return 'accepted_quietly';
  if (facts.previousRequestAt && facts.now.getTime() - facts.previousRequestAt.getTime() < REPEAT_AFTER_MS) return 'accepted_quietly';
  return 'notify';
}
