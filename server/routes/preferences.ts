import Router from '@koa/router';
import type { Actor } from '../auth/actor.ts';
import { deletePreference, readPreference, writePreference } from '../commands/preferences.ts';
import { requireActor } from '../http/authenticate.ts';
import type { AppContext, AppState } from '../http/context.ts';
import { parseBody, parseParams } from '../http/validate.ts';
import { authorize } from '../policies/authorize.ts';
import { preferencePolicy } from '../policies/preference.ts';
import { presentPreference } from '../presenters/preference.ts';
import { preferenceParams, preferenceValueSchemas, putPreferenceBody } from '../../shared/api/schemas/preferences.ts';

/** A person's screen preferences (column widths, hidden columns): `me` or their own id only. */
export const preferencesRouter = new Router<AppState, AppContext>({ prefix: '/api/users/:userId/preferences' });

async function owned(ctx: AppContext, action: 'read' | 'write'): Promise<{ actor: Actor; ownerId: string; key: ReturnType<typeof parseParams<typeof preferenceParams>>['key'] }> {
  const actor = requireActor(ctx);
  const { userId, key } = parseParams(ctx, preferenceParams);
  const ownerId = userId === 'me' ? actor.userId : userId;
  await authorize({ db: ctx.services.db, ip: ctx.ip }, actor, preferencePolicy, action, { id: ownerId, facts: { ownerId } });
  return { actor, ownerId, key };
}

preferencesRouter.get('/:key', async (ctx) => {
  const { ownerId, key } = await owned(ctx, 'read');
  ctx.body = { preference: presentPreference(await readPreference(ctx.services.db, ownerId, key)) };
});

preferencesRouter.put('/:key', async (ctx) => {
  const { ownerId, key } = await owned(ctx, 'write');
  const { value } = parseBody(ctx, putPreferenceBody);
  const parsed = preferenceValueSchemas[key].parse(value);
  ctx.body = { preference: presentPreference(await writePreference(ctx.services.db, ownerId, key, parsed)) };
});

preferencesRouter.delete('/:key', async (ctx) => {
  const { ownerId, key } = await owned(ctx, 'write');
  await deletePreference(ctx.services.db, ownerId, key);
  ctx.status = 204;
});
