import type { Role } from '../../db/schema.ts';

/**
 * Whether the credential a live connection was opened with (a session cookie or an API token)
 * still stands: the same rule `resolveActor` applies to each request, applied again to
 * connections that outlive their request. Pure: the caller reads the rows.
 */

/** How a connection signed in: a session (by the hash of its cookie) or an API token (by its id). */
export type CredentialRef = { kind: 'session'; idHash: string } | { kind: 'token'; id: string };

export interface CredentialFacts {
  /** null when the session row is gone (logout, password change, reset) or the token is unknown */
  credential: { expiresAt: Date | null; revokedAt: Date | null } | null;
  user: { organisationId: string; role: Role; disabledAt: Date | null } | null;
}

export type CredentialEnd = 'signed_out' | 'expired' | 'revoked' | 'disabled';

export type CredentialStanding = { ok: true; organisationId: string; role: Role; expiresAt: Date | null } | { ok: false; reason: CredentialEnd; message: string };

const MESSAGES: Record<CredentialEnd, string> = {
  signed_out: 'You were signed out; sign in again.',
  expired: 'Your sign-in has expired; sign in again.',
  revoked: 'This API token was revoked.',
  disabled: 'Your account was disabled.',
};

const ended = (reason: CredentialEnd): CredentialStanding => ({ ok: false, reason, message: MESSAGES[reason] });

export function credentialStanding(ref: CredentialRef, facts: CredentialFacts, now: Date): CredentialStanding {
  if (!facts.user || facts.user.disabledAt) return ended('disabled');
  if (!facts.credential) return ended(ref.kind === 'session' ? 'signed_out' : 'revoked');
  if (facts.credential.revokedAt) return ended('revoked');
  if (facts.credential.expiresAt && facts.credential.expiresAt.getTime() <= now.getTime()) return ended('expired');
  return { ok: true, organisationId: facts.user.organisationId, role: facts.user.role, expiresAt: facts.credential.expiresAt };
}

/** One string per credential, the registry's key (a session hash and a token uuid never collide). */
export const credentialKey = (ref: CredentialRef): string => (ref.kind === 'session' ? `s:${ref.idHash}` : `t:${ref.id}`);

export function parseCredentialKey(key: string): CredentialRef {
  return key.startsWith('s:') ? { kind: 'session', idHash: key.slice(2) } : { kind: 'token', id: key.slice(2) };
}

/** The credential an actor signed in with, as the registry keys it. */
export function credentialOf(actor: { session?: { idHash: string }; tokenId?: string }): CredentialRef | null {
  if (actor.session) return { kind: 'session', idHash: actor.session.idHash };
  if (actor.tokenId) return { kind: 'token', id: actor.tokenId };
  return null;
}
