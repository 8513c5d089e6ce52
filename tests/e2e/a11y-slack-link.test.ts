import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinkCode } from '../../bot/linking/links.ts';
import type { ApiClient } from '../helpers/http.ts';
import { SlackApiStandIn } from '../helpers/slack-api-stand-in.ts';
import { expectAccessible } from './helpers/axe.ts';
import { launchBrowser, openPage } from './helpers/browser.ts';
import { tabTo } from './helpers/keyboard.ts';
import { adminApi, memberOf, signIn } from './helpers/session.ts';
import { ADMIN, startE2eServer, type E2eServer } from './helpers/tansiq.ts';

/** The page a Slack link opens (served by the bot, not the app): axe-clean in fr, ar, en, and confirmed with the keyboard. */

const PASSWORD = 'slack-link-password-1';
let slackApi: SlackApiStandIn;
let server: E2eServer;
let browser: Browser;
let api: ApiClient;
let member: { user: { id: string }; email: string };

beforeAll(async () => {
  slackApi = await new SlackApiStandIn().start();
  server = await startE2eServer({ SLACK_SIGNING_SECRET: 'test-signing-secret-0123456789abcdef', SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_API_URL: slackApi.apiUrl });
  api = await adminApi(server.api.url, ADMIN.email, ADMIN.password);
  member = await memberOf(api, 'sante', 'Amina Idrissi', PASSWORD);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await slackApi?.close();
});

describe('the Slack linking page', () => {
  it('has no serious violation signed out, asking, and done, in each language', async () => {
    const { page } = await openPage(await browser.newContext({ viewport: { width: 1440, height: 900 } }));
    await page.goto(`${server.url}/slack/link?code=nothing`);
    await expectAccessible(page, 'slack link, signed out');
    await signIn(page, server.url, member.email, PASSWORD);
    for (const locale of ['fr', 'ar', 'en'] as const) {
      expect((await api.patch(`/api/users/${member.user.id}`, { locale })).status).toBe(200);
      const code = await createLinkCode(server.api.database.db, { teamId: 'T1', slackUserId: `U${locale.toUpperCase()}` }, 'amina', new Date());
      await page.goto(`${server.url}/slack/link?code=${code}`);
      expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([locale, locale === 'ar' ? 'rtl' : 'ltr']);
      await expectAccessible(page, `slack link ${locale}, asking`);
      await tabTo(page, page.locator('button[type=submit]'));
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === '/slack/link' && !url.search);
      await expectAccessible(page, `slack link ${locale}, done`);
    }
  });
});
