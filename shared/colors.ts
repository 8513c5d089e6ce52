/** Organisation colours for carets, avatars and charts: distinct, readable on white, stable per id. */
export const ORGANISATION_PALETTE = [
  '#0b6e4f',
  '#c0392b',
  '#1f5fa8',
  '#8e44ad',
  '#b9770e',
  '#117a8b',
  '#a93264',
  '#4d5d13',
  '#6c3483',
  '#1e8449',
  '#b03a2e',
  '#2e4053',
  '#9a7d0a',
  '#5b2c6f',
  '#0e6655',
  '#922b21',
] as const;

export function organisationColor(organisationId: string): string {
  let hash = 0;
  for (let i = 0; i < organisationId.length; i++) hash = (hash * 31 + organisationId.charCodeAt(i)) >>> 0;
  return ORGANISATION_PALETTE[hash % ORGANISATION_PALETTE.length]!;
}
