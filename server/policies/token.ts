import { refuse, when, type Policy } from './policy.ts';

/** API tokens are made by a signed-in person: a leaked token must not mint others that outlive it. */
export const tokenPolicy: Policy<'create', { via: 'session' | 'token' }> = {
  objectType: 'api_token',
  label: 'Token',
  decide: (_actor, _action, { via }) =>
    when(via === 'session', () => refuse('Create API tokens from a signed-in session, not with another token.', { reason: 'token_from_token' })),
};
