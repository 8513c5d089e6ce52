import { describe, expect, it } from 'vitest';
import { credentialKey, credentialOf, credentialStanding, parseCredentialKey, type CredentialFacts } from '../../server/policies/credential.ts';

const NOW = new Date('2026-12-04T12:00:00Z');
const session = { kind: 'session', idHash: 'a'.repeat(64) } as const;
const token = { kind: 'token', id: '0b7e6f0e-2f4e-4c1a-9a55-3f2b1f0e9d11' } as const;
const user = { organisationId: 'org-1', role: 'member' as const, disabledAt: null };
const later = new Date(NOW.getTime() + 60_000);
const facts = (overrides: Partial<CredentialFacts> = {}): CredentialFacts => ({ user, credential: { expiresAt: later, revokedAt: null }, ...overrides });

describe('credentialStanding', () => {
  it('keeps a live session or token, with the current role and organisation and its deadline', () => {
    expect(credentialStanding(session, facts({ user: { ...user, role: 'admin' } }), NOW)).toEqual({ ok: true, organisationId: 'org-1', role: 'admin', expiresAt: later });
    expect(credentialStanding(token, facts({ credential: { expiresAt: null, revokedAt: null } }), NOW)).toMatchObject({ ok: true, expiresAt: null });
  });

  it('ends a session whose row is gone (logout, password change or reset) and a token that is unknown or revoked', () => {
    expect(credentialStanding(session, facts({ credential: null }), NOW)).toMatchObject({ ok: false, reason: 'signed_out' });
    expect(credentialStanding(token, facts({ credential: null }), NOW)).toMatchObject({ ok: false, reason: 'revoked' });
    expect(credentialStanding(token, facts({ credential: { expiresAt: later, revokedAt: NOW } }), NOW)).toMatchObject({ ok: false, reason: 'revoked' });
  });

  it('ends a credential at its expiry, not a moment later', () => {
    expect(credentialStanding(session, facts({ credential: { expiresAt: NOW, revokedAt: null } }), NOW)).toMatchObject({ ok: false, reason: 'expired' });
    const justBefore = new Date(NOW.getTime() - 1);
    expect(credentialStanding(token, facts({ credential: { expiresAt: NOW, revokedAt: null } }), justBefore)).toMatchObject({ ok: true });
  });

  it('ends every credential of a disabled or deleted account first', () => {
    expect(credentialStanding(session, facts({ user: { ...user, disabledAt: NOW } }), NOW)).toMatchObject({ ok: false, reason: 'disabled' });
    expect(credentialStanding(token, facts({ user: null, credential: null }), NOW)).toMatchObject({ ok: false, reason: 'disabled' });
  });
});

describe('credential keys', () => {
  it('name a session or a token without confusing them, and back', () => {
    expect(parseCredentialKey(credentialKey(session))).toEqual(session);
    expect(parseCredentialKey(credentialKey(token))).toEqual(token);
    expect(credentialKey(session)).not.toBe(credentialKey({ kind: 'token', id: session.idHash }));
    expect(credentialOf({ session: { idHash: 'x' }, tokenId: 'y' })).toEqual({ kind: 'session', idHash: 'x' });
    expect(credentialOf({ tokenId: 'y' })).toEqual({ kind: 'token', id: 'y' });
    expect(credentialOf({})).toBeNull();
  });
});
