import { refuse, when, type Policy } from './policy.ts';

/**
 * Who may change the workspace's settings (the logo official exports carry): administrators of
 * the coordination unit. Anyone signed in may see the logo, since every export shows it.
 */
export const settingsPolicy: Policy<'change', null> = {
  objectType: 'workspace_settings',
  label: 'Setting',
  decide: (actor) => when(actor.role === 'admin', () => refuse('Only administrators change the workspace settings.', { reason: 'admin_only' })),
};
