import { organisationColor as sharedOrganisationColor } from '../../../shared/colors.ts';

/**
 * The colour of an organisation (carets, avatars): the same function the sync server uses, so a
 * person's own avatar matches what the others see.
 */
export function organisationColor(organisationId: string | null | undefined): string {
  return organisationId ? sharedOrganisationColor(organisationId) : '#5b6470';
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
