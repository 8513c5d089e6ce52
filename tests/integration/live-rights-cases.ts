import { expect } from 'vitest';
import { signIn } from '../helpers/actors.ts';
import { apiToken } from '../helpers/collab.ts';
import { PASSWORD } from '../helpers/fixtures.ts';
import type { ApiClient } from '../helpers/http.ts';
import type { Credential, Expected, LiveWorld } from '../helpers/live-rights.ts';

/**
 * Each way a right or credential ends, as a person and an administrator cause it through the API
 * (on the `act` server), and what the policy then says of the person's live connections.
 */
export interface RightCase {
  name: string;
  expected: Expected;
  /** makes the person, on a document of their own; `end` ends the right and resolves with the moment it ended */
  prepare(world: LiveWorld, actUrl: string, document: { id: string; partnerGrantId: string }): Promise<{ credential: Credential; end(): Promise<number> }>;
}

const NEW_PASSWORD = 'a brand new passphrase 2026';
/** long enough for the person to connect and show an edit stored first, on a busy machine */
const EXPIRES_IN_MS = 4_000;

const ok = async (response: Promise<{ status: number }>, status = 200) => {
  expect((await response).status).toBe(status);
  return Date.now();
};
const cookieOf = (client: ApiClient): Credential => ({ cookie: client.cookie! });
const untilPast = async (moment: number) => {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, moment - Date.now())));
  return moment;
};
async function tokenOf(world: LiveWorld, userId: string) {
  const token = await apiToken(world.db, userId);
  const row = await world.db.selectFrom('api_tokens').select('id').where('user_id', '=', userId).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  return { token, id: row.id };
}

export const RIGHT_CASES: RightCase[] = [
  {
    name: 'logout',
    expected: { sync: 4401, socket: 'ended' },
    async prepare(world, actUrl) {
      const person = await world.newUser(world.orgs.partner);
      const session = await signIn(actUrl, person.email);
      return { credential: cookieOf(session), end: () => ok(session.post('/api/auth/logout'), 204) };
    },
  },
  {
    name: 'own password change (from another session)',
    expected: { sync: 4401, socket: 'ended' },
    async prepare(world, actUrl) {
      const person = await world.newUser(world.orgs.partner);
      const laptop = await signIn(actUrl, person.email);
      const phone = await signIn(actUrl, person.email);
      return { credential: cookieOf(phone), end: () => ok(laptop.patch(`/api/users/${person.id}`, { password: NEW_PASSWORD, currentPassword: PASSWORD })) };
    },
  },
  {
    name: "administrator's password reset",
    expected: { sync: 4401, socket: 'ended' },
    async prepare(world, actUrl) {
      const person = await world.newUser(world.orgs.partner);
      const session = await signIn(actUrl, person.email);
      return { credential: cookieOf(session), end: () => ok(world.admin.patch(`/api/users/${person.id}`, { password: NEW_PASSWORD })) };
    },
  },
  {
    name: 'token revocation',
    expected: { sync: 4401, socket: 'ended' },
    async prepare(world, actUrl) {
      const person = await world.newUser(world.orgs.partner);
      const { token, id } = await tokenOf(world, person.id);
      const session = await signIn(actUrl, person.email);
      return { credential: { token }, end: () => ok(session.delete(`/api/tokens/${id}`), 204) };
    },
  },
  {
    name: 'session expiry',
    expected: { sync: 4401, socket: 'ended' },
    async prepare(world, actUrl) {
      const person = await world.newUser(world.orgs.partner);
      const session = await signIn(actUrl, person.email);
      const expiresAt = Date.now() + EXPIRES_IN_MS;
      await world.db
        .updateTable('sessions')
        .set({ expires_at: new Date(expiresAt) })
        .where('user_id', '=', person.id)
        .execute();
      return { credential: cookieOf(session), end: () => untilPast(expiresAt) };
    },
  },
  {
    name: 'token expiry',
    expected: { sync: 4401, socket: 'ended' },
    async prepare(world) {
      const person = await world.newUser(world.orgs.partner);
      const { token, id } = await tokenOf(world, person.id);
      const expiresAt = Date.now() + EXPIRES_IN_MS;
      await world.db
        .updateTable('api_tokens')
        .set({ expires_at: new Date(expiresAt) })
        .where('id', '=', id)
        .execute();
      return { credential: { token }, end: () => untilPast(expiresAt) };
    },
  },
  {
    name: 'account disabled',
    expected: { sync: 4401, socket: 'ended' },
    async prepare(world, actUrl) {
      const person = await world.newUser(world.orgs.partner);
      const session = await signIn(actUrl, person.email);
      return { credential: cookieOf(session), end: () => ok(world.admin.patch(`/api/users/${person.id}`, { disabled: true })) };
    },
  },
  {
    name: 'demoted from administrator to member',
    expected: { sync: 4403, socket: 'left' },
    async prepare(world, actUrl) {
      // The ministry has no grant on the document: as an administrator they edited it, as a member they may not see it.
      const person = await world.newUser(world.orgs.ministry, 'admin');
      const session = await signIn(actUrl, person.email);
      return { credential: cookieOf(session), end: () => ok(world.admin.patch(`/api/users/${person.id}`, { role: 'member' })) };
    },
  },
  {
    name: 'moved to another organisation',
    expected: { sync: 4403, socket: 'left' },
    async prepare(world) {
      const person = await world.newUser(world.orgs.partner);
      const { token } = await tokenOf(world, person.id);
      return { credential: { token }, end: () => ok(world.admin.patch(`/api/users/${person.id}`, { organisationId: world.orgs.other })) };
    },
  },
  {
    name: 'grant removed',
    expected: { sync: 4403, socket: 'left' },
    async prepare(world, actUrl, document) {
      const person = await world.newUser(world.orgs.partner);
      const session = await signIn(actUrl, person.email);
      return { credential: cookieOf(session), end: () => ok(world.admin.delete(`/api/documents/${document.id}/access/${document.partnerGrantId}`), 204) };
    },
  },
  {
    name: 'grant lowered from edit to view',
    expected: { sync: 'read_only', socket: 'stays' },
    async prepare(world, _actUrl, document) {
      const person = await world.newUser(world.orgs.partner);
      const { token } = await tokenOf(world, person.id);
      return { credential: { token }, end: () => ok(world.admin.put(`/api/documents/${document.id}/access`, { organisationId: world.orgs.partner, level: 'view' })) };
    },
  },
];
