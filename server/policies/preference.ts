import { hide, when, type Policy } from './policy.ts';

/**
 * A person's screen preferences are theirs alone: nobody else reads or changes them, not even an
 * administrator (there is nothing in them to administer). Someone else's are "not found".
 */
export const preferencePolicy: Policy<'read' | 'write', { ownerId: string }> = {
  objectType: 'user_preference',
  label: 'Preference',
  decide: (actor, _action, { ownerId }) => when(actor.userId === ownerId, () => hide({ reason: 'other_user' })),
};
