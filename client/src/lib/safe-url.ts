/**
 * Links in documents come from anyone who can edit them, so only web, mail and phone links and
 * in-app paths are followed: never javascript:, data:, vbscript:, file: or anything unknown.
 */
const ALLOWED_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);

export function isSafeHref(href: unknown): href is string {
  if (typeof href !== 'string') return false;
  // Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:").
  const compact = href.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (compact === '') return false;
  if (compact.startsWith('//')) return false; // protocol-relative: another host, decided by the page
  if (compact.startsWith('/') || compact.startsWith('#') || compact.startsWith('?')) return true;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1];
  if (!scheme) return !compact.includes(':'); // a relative path such as "documents/x"
  return ALLOWED_SCHEMES.has(`${scheme.toLowerCase()}:`);
}

/** What a person types as a link: "example.org" becomes "https://example.org"; unsafe ones give null. */
export function normaliseHref(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === '') return null;
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) || /^[/#?]/.test(trimmed) ? trimmed : `https://${trimmed}`;
  return isSafeHref(candidate) ? candidate : null;
}
