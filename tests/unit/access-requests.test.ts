import { describe, expect, it } from 'vitest';
import { decideAccessRequest, MAX_REQUESTS_PER_HOUR, REPEAT_AFTER_MS } from '../../server/domain/access-requests.ts';

const now = new Date('2026-12-05T10:00:00Z');
const base = { exists: true, hasAccess: false, requestsInLastHour: 0, previousRequestAt: null, now };

describe('decideAccessRequest', () => {
  it('tells the lead about a first request', () => {
    expect(decideAccessRequest(base)).toBe('notify');
  });
  it('tells nobody again about a repeat within a day, and again after it', () => {
    expect(decideAccessRequest({ ...base, previousRequestAt: new Date(now.getTime() - REPEAT_AFTER_MS + 1) })).toBe('accepted_quietly');
    expect(decideAccessRequest({ ...base, previousRequestAt: new Date(now.getTime() - REPEAT_AFTER_MS) })).toBe('notify');
  });
  it('answers a missing document like an existing one, telling nobody', () => {
    expect(decideAccessRequest({ ...base, exists: false })).toBe('accepted_quietly');
  });
  it('limits requests per hour, for missing documents too', () => {
    expect(decideAccessRequest({ ...base, requestsInLastHour: MAX_REQUESTS_PER_HOUR - 1 })).toBe('notify');
    expect(decideAccessRequest({ ...base, requestsInLastHour: MAX_REQUESTS_PER_HOUR })).toBe('rate_limited');
    expect(decideAccessRequest({ ...base, exists: false, requestsInLastHour: MAX_REQUESTS_PER_HOUR })).toBe('rate_limited');
  });
  it('refuses someone who can already open it', () => {
    expect(decideAccessRequest({ ...base, hasAccess: true })).toBe('already_has_access');
  });
});
