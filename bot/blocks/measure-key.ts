import { createHash } from 'node:crypto';

/**
 * How a button or menu option names a measure. Measure ids live in the Y.Doc, where any client
 * may have written any string: a plain short id is used as is, anything else as a short digest,
 * so a value always fits Slack's limits (150 characters for an option value). Pure.
 */
const PLAIN_ID = /^[A-Za-z0-9_-]{1,40}$/;

export function measureKey(measureId: string): string {
  return PLAIN_ID.test(measureId) ? measureId : `#${createHash('sha256').update(measureId).digest('base64url').slice(0, 20)}`;
}

/** The measure id among `ids` that `key` names, or null. */
export function measureIdFromKey(key: string, ids: readonly string[]): string | null {
  if (!key.startsWith('#')) return ids.includes(key) ? key : null;
  return ids.find((id) => measureKey(id) === key) ?? null;
}
