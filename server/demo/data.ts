import { CULTURE_ACTION_PLANS } from './documents/action-plans-culture.ts';
import { ECONOMY_ACTION_PLANS } from './documents/action-plans-economy.ts';
import { SOCIAL_ACTION_PLANS } from './documents/action-plans-social.ts';
import { BILATERAL_PROPOSALS } from './documents/cooperation-bilateral.ts';
import { MULTILATERAL_PROPOSALS, SOUTH_SOUTH_PROPOSALS } from './documents/cooperation-multilateral.ts';
import { MINUTES } from './documents/minutes.ts';
import { NOTES } from './documents/notes.ts';
import { STUDIES } from './documents/studies.ts';
import type { DemoDocument } from './types.ts';

/** The demo workspace: its organisations, users and documents. */
export { DEMO_ORGANISATIONS } from './organisations.ts';
export { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, DEMO_USERS } from './users.ts';

export const DEMO_DOCUMENTS: readonly DemoDocument[] = [
  ...SOCIAL_ACTION_PLANS,
  ...ECONOMY_ACTION_PLANS,
  ...CULTURE_ACTION_PLANS,
  ...BILATERAL_PROPOSALS,
  ...MULTILATERAL_PROPOSALS,
  ...SOUTH_SOUTH_PROPOSALS,
  ...STUDIES,
  ...MINUTES,
  ...NOTES,
];
