import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Slack request signatures (v0): HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing
 * secret. Pure; the receiver gives it the headers and the exact bytes it read.
 *
 * Bolt's own check only refuses stale timestamps; a timestamp from the future is refused here too,
 * since a signature made for "in ten minutes" could be replayed for ten minutes longer.
 */

export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

export interface SignedRequest {
  signingSecret: string;
  /** X-Slack-Request-Timestamp */
  timestamp: string | undefined;
  /** X-Slack-Signature */
  signature: string | undefined;
  rawBody: Buffer;
  nowMs: number;
}

export function checkSlackSignature(request: SignedRequest): SignatureCheck {
  const { timestamp, signature } = request;
  if (!timestamp || !signature) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(timestamp) || !/^v0=[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: 'malformed' };
  if (Math.abs(Math.floor(request.nowMs / 1000) - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(slackSignature(request.signingSecret, timestamp, request.rawBody), 'utf8');
  const received = Buffer.from(signature, 'utf8');
  return expected.length === received.length && timingSafeEqual(expected, received) ? { ok: true } : { ok: false, reason: 'mismatch' };
}

export function slackSignature(signingSecret: string, timestamp: string, rawBody: Buffer | string): string {
  const hmac = createHmac('sha256', signingSecret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(rawBody);
  return `v0=${hmac.digest('hex')}`;
}
