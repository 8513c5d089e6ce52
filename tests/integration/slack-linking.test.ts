import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/clock.ts';
import { signIn } from '../helpers/actors.ts';
import { user } from '../helpers/fixtures.ts';
import { ApiClient } from '../helpers/http.ts';
import { createSlackWorld, startSlackServer, textOf, type SlackTestServer, type SlackWorld } from '../helpers/slack-world.ts';

/** Account linking: by the e-mail Slack confirmed, or by a one-time link finished in Tansiq; and the ack deadline. */
describe('Slack account linking', () => {
  let env: SlackTestServer;
  let world: SlackWorld;
  let counter = 0;

  beforeAll(async () => {
    env = await startSlackServer();
    world = await createSlackWorld(env.server.database.db, systemClock.today());
  });
  afterAll(() => env?.close());

  const command = (slackUser: string, text = 'help') => {
    const id = `l${++counter}`;
    return { id, reply: env.slack.command(text, { user: slackUser, responseUrl: env.api.responseUrl(id) }) };
  };
  const links = () => env.server.database.db.selectFrom('slack_links').selectAll().execute();
  const codeIn = (message: unknown) => /\/slack\/link\?code=([A-Za-z0-9_-]+)/.exec(textOf(message as any))?.[1];

  it('links by the e-mail address Slack confirmed, then answers', async () => {
    env.api.users.set('UNEW1', { email: 'LEAD@sante.gov.ma', confirmed: true });
    const { reply } = command('UNEW1', 'status plan sante');
    const answer = (await reply).json;
    expect(textOf(answer)).toContain('Plan d’action santé des MRE');
    expect(await links()).toContainEqual(expect.objectContaining({ slack_user_id: 'UNEW1', user_id: world.lead.id, method: 'email' }));
    const audit = await env.server.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'slack.linked').execute();
    expect(audit.map((entry) => entry.actor_user_id)).toContain(world.lead.id);
  });

  it('does not trust an unconfirmed address, another workspace’s user, or an address nobody has', async () => {
    env.api.users.set('UNCONF', { email: 'focal@emploi.gov.ma', confirmed: false });
    env.api.users.set('UFOREIGN', { email: 'focal@emploi.gov.ma', confirmed: true, teamId: 'TOTHER' });
    env.api.users.set('UNOBODY', { email: 'nobody@example.org', confirmed: true, locale: 'ar-MA' });
    for (const user of ['UNCONF', 'UFOREIGN']) {
      const answer = (await command(user).reply).json;
      expect(textOf(answer)).toContain('pas encore relié');
      expect(codeIn(answer)).toBeTruthy();
    }
    const arabic = (await command('UNOBODY').reply).json;
    expect(textOf(arabic)).toContain('غير مربوط');
    expect((await links()).map((row) => row.slack_user_id)).not.toContain('UNCONF');
  });

  it('links with a one-time code redeemed through the API, once', async () => {
    const answer = (await command('UCODE').reply).json;
    const code = codeIn(answer)!;
    expect(textOf(answer)).toContain('https://tansiq.example.ma/slack/link?code=');
    const commenter = ApiClient.withToken(env.server.url, world.commenter.token);
    expect((await new ApiClient(env.server.url).post('/api/slack/link', { code })).status).toBe(401);
    expect((await commenter.get(`/api/slack/link?code=${code}`)).body).toMatchObject({ slackUserId: 'UCODE', teamId: 'T1' });
    expect((await commenter.post('/api/slack/link', { code })).status).toBe(200);
    expect((await commenter.post('/api/slack/link', { code })).status).toBe(404);
    expect(textOf((await command('UCODE', 'overdue').reply).json)).toContain('Couverture médicale');
  });

  it('refuses expired codes', async () => {
    const code = codeIn((await command('ULATE').reply).json)!;
    await env.server.database.db
      .updateTable('slack_link_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('slack_user_id', '=', 'ULATE')
      .execute();
    expect((await ApiClient.withToken(env.server.url, world.outsider.token).post('/api/slack/link', { code })).status).toBe(404);
  });

  it('links from the page the link opens: it names the Slack account and needs the session’s CSRF token', async () => {
    env.api.users.set('UPAGE', { name: 'Amina (Slack)', confirmed: false, email: 'x@y.z' });
    const code = codeIn((await command('UPAGE').reply).json)!;
    const anonymous = await fetch(`${env.server.url}/slack/link?code=${code}`);
    expect(anonymous.status).toBe(401);
    const browser = await signIn(env.server.url, world.outsider.email);
    const page = await fetch(`${env.server.url}/slack/link?code=${code}`, { headers: { cookie: browser.cookie! } });
    const html = await page.text();
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html).toContain('Amina (Slack)');
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
    const post = (form: Record<string, string>) =>
      fetch(`${env.server.url}/slack/link`, {
        method: 'POST',
        headers: { cookie: browser.cookie!, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      });
    expect((await post({ code, csrf: 'forged' })).status).toBe(403);
    expect((await post({ code, csrf })).status).toBe(200);
    expect(await links()).toContainEqual(expect.objectContaining({ slack_user_id: 'UPAGE', user_id: world.outsider.id, method: 'code' }));
    expect(env.api.callsOf('chat.postMessage').some((call) => call.args.channel === 'UPAGE')).toBe(true);
  });

  it('treats a disabled user’s link as no link', async () => {
    await env.server.database.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', world.outsider.id).execute();
    expect(textOf((await command('UPAGE').reply).json)).toContain('pas encore relié');
    await env.server.database.db.updateTable('users').set({ disabled_at: null }).where('id', '=', world.outsider.id).execute();
  });

  it('acknowledges slow work at once and answers through response_url afterwards', async () => {
    // users.info takes 4 s: more than Slack's 3-second window.
    env.api.users.set('USLOW', { email: 'admin@mre.gov.ma', confirmed: true });
    env.api.slow('users.info', 4_000);
    try {
      const { id, reply } = command('USLOW', 'status plan sante');
      const ack = await reply;
      expect(ack.status).toBe(200);
      expect(ack.text).toBe('');
      expect(env.api.responsesTo(id)).toHaveLength(0);
      for (let i = 0; i < 400 && env.api.responsesTo(id).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
      const [answer] = env.api.responsesTo(id);
      expect(answer!.at).toBeGreaterThan(ack.at);
      expect(answer!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(textOf(answer!.body)).toContain('Plan d’action santé des MRE');
    } finally {
      env.api.slow('users.info', 0);
    }
  });

  it('links by e-mail once and answers every one of several first requests sent at once', async () => {
    const newcomer = await user(env.server.database.db, world.organisations.sante, 'newcomer@sante.gov.ma');
    env.api.users.set('UTWICE', { email: 'newcomer@sante.gov.ma', confirmed: true });
    const answers = await Promise.all(Array.from({ length: 3 }, () => command('UTWICE', 'status plan sante').reply));
    for (const answer of answers) expect(textOf(answer.json)).toContain('Plan d’action santé des MRE');
    expect((await links()).filter((row) => row.slack_user_id === 'UTWICE')).toEqual([expect.objectContaining({ user_id: newcomer.id, method: 'email' })]);
  });
});
