/**
 * A stable, readable colour per organisation (for carets, avatars and charts). The sync server
 * sends its own colour in awareness; this one is for what the client draws before that arrives.
 */
const PALETTE = ['#0b6e63', '#8a4b08', '#1f5fa8', '#a1305b', '#5a6b0f', '#6b3fa0', '#b24a1d', '#00747c', '#7a5200', '#2c6e2f', '#9b2c2c', '#3b5998'];

export function organisationColor(key: string | null | undefined): string {
  if (!key) return '#5b6470';
  let hash = 0;
  for (const char of key) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}

/** Only colours written as #rgb or #rrggbb are used from the network; anything else falls back. */
export function safeColor(value: unknown, fallback = '#5b6470'): string {
  return typeof value === 'string' && /^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(value) ? value : fallback;
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/u).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]!, parts[parts.length - 1]!] : parts;
  return letters.map((part) => [...part][0]!.toUpperCase()).join('') || '?';
}
