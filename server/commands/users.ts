import type { Kysely } from 'kysely';
import type { Database, Locale, Role, UserRow } from '../../db/schema.ts';
import { verifyPasswordThrottled } from '../auth/login-throttle.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { endAllAccess } from '../auth/sessions.ts';
import { AppError, conflict, forbidden, notFound } from '../errors.ts';
import type { DomainEvent } from '../events/bus.ts';
import { authorize } from '../policies/authorize.ts';
import { userPolicy } from '../policies/user.ts';
import { recordAudit } from './audit.ts';

export interface CreateUserInput {
  email: string;
  name: string;
  organisationId: string;
  role: Role;
  locale: Locale;
  password?: string;
}

export interface UpdateUserInput {
  name?: string;
  locale?: Locale;
  password?: string;
  currentPassword?: string;
  /** with your own new password: your API tokens keep working (they are revoked otherwise) */
  keepTokens?: boolean;
  email?: string;
  organisationId?: string;
  role?: Role;
  disabled?: boolean;
}

export async function getUser(db: Kysely<Database>, id: string): Promise<UserRow> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('User');
  return row;
}

export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();
}

export async function listUsers(db: Kysely<Database>, filter: { organisationId?: string }): Promise<UserRow[]> {
  let query = db.selectFrom('users').selectAll().orderBy('name');
  if (filter.organisationId) query = query.where('organisation_id', '=', filter.organisationId);
  return query.execute();
}

export async function createUser(db: Kysely<Database>, actorUserId: string | null, input: CreateUserInput): Promise<UserRow> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return db.transaction().execute(async (trx) => {
    await assertOrganisationExists(trx, input.organisationId);
    if (await findUserByEmail(trx, input.email)) throw conflict(`A user with e-mail ${input.email} exists.`);
    const row = await trx
      .insertInto('users')
      .values({
        email: input.email.toLowerCase(),
        name: input.name,
        organisation_id: input.organisationId,
        role: input.role,
        locale: input.locale,
        password_hash: passwordHash,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId,
      action: 'user.created',
      objectType: 'user',
      objectId: row.id,
      details: { email: row.email, role: row.role, organisationId: row.organisation_id },
    });
    return row;
  });
}

/** What a user update did: the row as it now is, and the events to publish once committed. */
export interface UserChange {
  row: UserRow;
  events: DomainEvent[];
}

/**
 * Updates a user. `asAdmin` unlocks role, organisation, e-mail, disabling and setting someone
 * else's password; anyone changing their own password must give the current one. Disabling ends all sessions and tokens in the same
 * transaction, so there is no moment where a disabled user still holds a working credential.
 */
export async function updateUser(
  db: Kysely<Database>,
  actor: { userId: string; asAdmin: boolean; ip?: string /** the session making the change survives a password change */; sessionIdHash?: string },
  id: string,
  input: UpdateUserInput,
): Promise<UserChange> {
  const ip = actor.ip;
  const current = await getUser(db, id);
  const self = actor.userId === id;
  // Administrators too: a session left open or stolen must not be enough to take the account over.
  if (input.password && self) {
    const given = input.currentPassword;
    // Under the sign-in budget, so a borrowed session cannot be used to guess the password fast.
    const ok = given !== undefined && (await verifyPasswordThrottled(db, { email: current.email.toLowerCase(), ip: ip ?? '' }, () => verifyPassword(current.password_hash, given)));
    if (!ok) {
      throw new AppError(400, 'wrong_current_password', 'Give your current password to set a new one.');
    }
  }
  // The user policy asks only who acts and whether as an administrator.
  const subject = { userId: actor.userId, organisationId: '', role: actor.asAdmin ? ('admin' as const) : ('member' as const) };
  if (input.disabled === true) await authorize({ db, ip }, subject, userPolicy, 'disable', { id, facts: { userId: id } });
  if (input.role) await authorize({ db, ip }, subject, userPolicy, 'change_role', { id, facts: { userId: id, newRole: input.role } });
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  const row = await db.transaction().execute(async (trx) => {
    // As it is now, under the lock: of two identical changes at once, the second sees the first's result.
    const was = actor.asAdmin && !self ? await assertStillAdmin(trx, actor.userId, id) : current;
    if (input.organisationId) await assertOrganisationExists(trx, input.organisationId);
    if (input.email) {
      const other = await findUserByEmail(trx, input.email);
      if (other && other.id !== id) throw conflict(`A user with e-mail ${input.email} exists.`);
    }
    const disabledAt = input.disabled === undefined ? undefined : input.disabled ? (was.disabled_at ?? new Date()) : null;
    const row = await trx
      .updateTable('users')
      .set({
        name: input.name,
        locale: input.locale,
        email: input.email,
        organisation_id: input.organisationId,
        role: input.role,
        password_hash: passwordHash,
        disabled_at: disabledAt,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const { password: _p, currentPassword: _c, keepTokens: _k, ...visibleChanges } = input;
    await recordAudit(trx, { actorUserId: actor.userId, action: 'user.updated', objectType: 'user', objectId: id, details: { changes: visibleChanges }, ip });
    if (passwordHash) await endCredentialsAfterPasswordChange(trx, { ...actor, self, keepTokens: input.keepTokens === true }, id);
    if (input.disabled === true && !was.disabled_at) {
      await endAllAccess(trx, id);
      await recordAudit(trx, { actorUserId: actor.userId, action: 'user.disabled', objectType: 'user', objectId: id, ip });
    }
    if (input.disabled === false && was.disabled_at) {
      await recordAudit(trx, { actorUserId: actor.userId, action: 'user.enabled', objectType: 'user', objectId: id, ip });
    }
    return row;
  });
  // Role, organisation or disabling change what their live connections may do; a new password ends their other sign-ins.
  const events: DomainEvent[] = [{ type: 'user.access_changed', userId: id, actorUserId: actor.userId }];
  if (input.password) events.push({ type: 'user.credentials_changed', userId: id, actorUserId: actor.userId });
  return { row, events };
}

/**
 * A new password ends the ways in that the old one opened: whoever knew it is out.
 * - An administrator's reset ends every session and token of that person.
 * - Your own change ends your other sessions and, unless you keep them explicitly, your tokens.
 * `updateUser` returns `user.credentials_changed`, published after the commit, which closes live connections.
 */
async function endCredentialsAfterPasswordChange(
  trx: Kysely<Database>,
  actor: { userId: string; ip?: string; sessionIdHash?: string; self: boolean; keepTokens: boolean },
  id: string,
): Promise<void> {
  let sessions = trx.deleteFrom('sessions').where('user_id', '=', id);
  if (actor.self && actor.sessionIdHash) sessions = sessions.where('id_hash', '!=', actor.sessionIdHash);
  const sessionsEnded = Number((await sessions.executeTakeFirst()).numDeletedRows);
  let tokensRevoked = 0;
  if (!actor.self || !actor.keepTokens) {
    const revoked = await trx.updateTable('api_tokens').set({ revoked_at: new Date() }).where('user_id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    tokensRevoked = Number(revoked.numUpdatedRows);
  }
  await recordAudit(trx, {
    actorUserId: actor.userId,
    action: 'user.password_changed',
    objectType: 'user',
    objectId: id,
    details: { byAdministrator: !actor.self, sessionsEnded, tokensRevoked, tokensKept: actor.self && actor.keepTokens },
    ip: actor.ip,
  });
}

/**
 * An administrator's rights were checked when their request came in; two administrators demoting
 * or disabling each other at once would both pass that check and leave nobody in charge. Both
 * rows are locked (in id order, so two such changes queue rather than deadlock) and the actor's
 * rights read again: the later change finds its author no longer an administrator. Returns the
 * target as it now is.
 */
async function assertStillAdmin(trx: Kysely<Database>, actorUserId: string, targetUserId: string): Promise<{ disabled_at: Date | null }> {
  const rows = await trx.selectFrom('users').select(['id', 'role', 'disabled_at']).where('id', 'in', [actorUserId, targetUserId]).orderBy('id').forNoKeyUpdate().execute();
  const actor = rows.find((row) => row.id === actorUserId);
  if (actor?.role !== 'admin' || actor.disabled_at !== null) throw forbidden('Your administrator rights were withdrawn meanwhile.');
  const target = rows.find((row) => row.id === targetUserId);
  if (!target) throw notFound('User');
  return target;
}

async function assertOrganisationExists(db: Kysely<Database>, organisationId: string): Promise<void> {
  const found = await db.selectFrom('organisations').select('id').where('id', '=', organisationId).executeTakeFirst();
  if (!found) throw new AppError(400, 'validation_failed', 'Unknown organisation.', [{ path: 'organisationId', message: 'unknown organisation' }]);
}
