import { del, get, post } from './client.ts';
import type { SlackSubscriptionList } from '../../../shared/api/slack.ts';

export type { SlackSubscription, SlackSubscriptionObject } from '../../../shared/api/slack.ts';

export const slackSubscriptions = {
  list: () => get<SlackSubscriptionList>('/api/slack/subscriptions'),
  pause: (id: string) => post<void>(`/api/slack/subscriptions/${id}/pause`),
  resume: (id: string) => post<void>(`/api/slack/subscriptions/${id}/resume`),
  remove: (id: string) => del(`/api/slack/subscriptions/${id}`),
};
