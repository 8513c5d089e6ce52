import { parse } from 'node:querystring';

/**
 * The three shapes Slack posts: JSON (Events API), a form (slash commands), a form carrying one
 * JSON `payload` field (interactivity, options). Pure; throws on what is none of these.
 */
export function parseSlackBody(rawBody: Buffer, contentType: string | undefined): Record<string, any> {
  const text = rawBody.toString('utf8');
  if (contentType?.startsWith('application/x-www-form-urlencoded')) {
    const form = parse(text);
    if (typeof form.payload === 'string') return asObject(JSON.parse(form.payload));
    return Object.fromEntries(Object.entries(form).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  }
  return asObject(JSON.parse(text));
}

function asObject(value: unknown): Record<string, any> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new SyntaxError('the body is not an object');
  return value as Record<string, any>;
}

/** X-Slack-Retry-Num: Slack's count of earlier attempts at this delivery. */
export function retryNumber(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return undefined;
  const parsed = Number.parseInt(value, 10);
  return Number.isFinite(parsed) ? parsed : undefined;
}
