import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkSlackSignature, slackSignature } from '../../bot/http/signature.ts';
import { parseSlackBody, retryNumber } from '../../bot/http/parse-body.ts';

const secret = '8f742231b10e8888abcd99yyyzzz85a5';
const now = 1_531_420_618_000;

// Slack's documented example: https://api.slack.com/authentication/verifying-requests-from-slack
const body = Buffer.from(
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
);
const signature = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';

describe('Slack request signatures', () => {
  const check = (overrides: Partial<Parameters<typeof checkSlackSignature>[0]>) =>
    checkSlackSignature({ signingSecret: secret, timestamp: '1531420618', signature, rawBody: body, nowMs: now, ...overrides });

  it('accepts Slack’s documented example', () => {
    expect(slackSignature(secret, '1531420618', body)).toBe(signature);
    expect(check({})).toEqual({ ok: true });
  });

  it('refuses a changed body, another secret, or a changed timestamp', () => {
    expect(check({ rawBody: Buffer.concat([body, Buffer.from('&x=1')]) })).toEqual({ ok: false, reason: 'mismatch' });
    expect(check({ signingSecret: 'other' })).toEqual({ ok: false, reason: 'mismatch' });
    expect(check({ timestamp: '1531420619' })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses timestamps outside five minutes either way', () => {
    expect(check({ nowMs: now + 300_000 }).ok).toBe(true);
    expect(check({ nowMs: now + 301_000 })).toEqual({ ok: false, reason: 'stale' });
    expect(check({ nowMs: now - 301_000 })).toEqual({ ok: false, reason: 'stale' });
  });

  it('refuses missing and malformed headers before any hashing', () => {
    expect(check({ signature: undefined })).toEqual({ ok: false, reason: 'missing' });
    expect(check({ timestamp: undefined })).toEqual({ ok: false, reason: 'missing' });
    expect(check({ timestamp: '1e9' })).toEqual({ ok: false, reason: 'malformed' });
    expect(check({ signature: `v1=${signature.slice(3)}` })).toEqual({ ok: false, reason: 'malformed' });
    expect(check({ signature: signature.toUpperCase() })).toEqual({ ok: false, reason: 'malformed' });
  });

  it('matches an independent HMAC over raw bytes, not a re-encoded string', () => {
    const arabic = Buffer.from('text=%D8%AD%D8%A7%D9%84%D8%A9+%D8%B5%D8%AD%D8%A9', 'utf8');
    const expected = `v0=${createHmac('sha256', secret)
      .update(`v0:1531420618:${arabic.toString('utf8')}`)
      .digest('hex')}`;
    expect(slackSignature(secret, '1531420618', arabic)).toBe(expected);
  });
});

describe('Slack bodies', () => {
  it('reads commands, interactivity payloads and events', () => {
    expect(parseSlackBody(Buffer.from('command=%2Ftansiq&text=status+plan'), 'application/x-www-form-urlencoded')).toMatchObject({ command: '/tansiq', text: 'status plan' });
    expect(parseSlackBody(Buffer.from(`payload=${encodeURIComponent('{"type":"block_actions"}')}`), 'application/x-www-form-urlencoded; charset=utf-8')).toEqual({
      type: 'block_actions',
    });
    expect(parseSlackBody(Buffer.from('{"type":"event_callback"}'), 'application/json')).toEqual({ type: 'event_callback' });
  });

  it('throws on what is not an object', () => {
    expect(() => parseSlackBody(Buffer.from('[1]'), 'application/json')).toThrow();
    expect(() => parseSlackBody(Buffer.from('payload=nope'), 'application/x-www-form-urlencoded')).toThrow();
  });

  it('reads X-Slack-Retry-Num', () => {
    expect(retryNumber('2')).toBe(2);
    expect(retryNumber(undefined)).toBeUndefined();
    expect(retryNumber('x')).toBeUndefined();
  });
});
