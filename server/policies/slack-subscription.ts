import { hide, when, type Policy } from './policy.ts';

/**
 * Who may list, pause, resume and remove any Slack channel subscription from the admin area:
 * administrators of the coordination unit. For everyone else the list does not exist (404), as
 * for the audit log; people manage their own channels' subscriptions from Slack.
 */
export const slackSubscriptionPolicy: Policy<'read' | 'change', null> = {
  objectType: 'slack_subscription',
  label: 'Subscription',
  decide: (actor) => when(actor.role === 'admin', () => hide({ reason: 'admin_only' })),
};
