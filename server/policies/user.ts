import type { Role } from '../../db/schema.ts';
import { refuse, when, type Policy } from './policy.ts';

/**
 * People's accounts. Everyone changes their own profile; the coordination unit changes anyone's,
 * but no administrator disables themselves or gives up their own role (someone must remain).
 */
export type UserAction = 'update' | 'disable' | 'change_role';

export const userPolicy: Policy<UserAction, { userId: string; newRole?: Role }> = {
  objectType: 'user',
  label: 'User',
  decide(actor, action, target) {
    const self = target.userId === actor.userId;
    switch (action) {
      case 'update':
        return when(self || actor.role === 'admin', () => refuse('You may only change your own profile.', { reason: 'other_user' }));
      case 'disable':
        return when(!self, () => refuse('You cannot disable yourself or remove your own administrator role.', { need: 'demote_self' }));
      case 'change_role':
        return when(!self || target.newRole !== 'member', () => refuse('You cannot disable yourself or remove your own administrator role.', { need: 'demote_self' }));
    }
  },
};
