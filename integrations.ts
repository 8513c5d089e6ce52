import { slackIntegration } from './bot/app.ts';
import type { IntegrationFactory } from './server/integrations/integration.ts';

/** What plugs into the core, in the order it starts; each stays off unless configured. */
export const INTEGRATIONS: readonly IntegrationFactory[] = [slackIntegration];
