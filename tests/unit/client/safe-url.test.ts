import { describe, expect, it } from 'vitest';
import { isSafeHref, normaliseHref } from '../../../client/src/lib/safe-url.ts';

describe('isSafeHref', () => {
  it.each(['https://example.org', 'http://x.ma/a?b=c', 'mailto:a@b.ma', 'tel:+212500000000', '/documents/1', '#part', 'notes/a'])('accepts %s', (href) => {
    expect(isSafeHref(href)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0000javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'file:///etc/passwd',
    '//evil.example/x',
    '',
    'blob:https://x/1',
  ])('refuses %j', (href) => {
    expect(isSafeHref(href)).toBe(false);
  });

  it('refuses what is not a string', () => {
    expect(isSafeHref(undefined)).toBe(false);
    expect(isSafeHref(42)).toBe(false);
  });
});

describe('normaliseHref', () => {
  it('adds https to a bare host and keeps safe addresses', () => {
    expect(normaliseHref('diplomatie.ma')).toBe('https://diplomatie.ma');
    expect(normaliseHref(' https://a.ma ')).toBe('https://a.ma');
    expect(normaliseHref('mailto:x@y.ma')).toBe('mailto:x@y.ma');
  });

  it('gives null for unsafe or empty input', () => {
    expect(normaliseHref('javascript:alert(1)')).toBeNull();
    expect(normaliseHref('   ')).toBeNull();
  });
});
