import { z } from 'zod';

/** a one-time code the bot gave a Slack user */
const code = z.string().trim().min(10).max(100);

/** GET /api/slack/link */
export const slackLinkQuery = z.object({ code });
/** POST /api/slack/link: redeem the code as the signed-in user */
export const slackLinkSchema = z.strictObject({ code });
