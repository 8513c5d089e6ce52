import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/clock.ts';
import { createSlackWorld, link, setLocale, startSlackServer, textOf, type SlackTestServer, type SlackWorld, type WorldUser } from '../helpers/slack-world.ts';

/** Every `/tansiq` sub-command over signed HTTP, as the linked user, with their permissions and language. */
describe('/tansiq commands', () => {
  let env: SlackTestServer;
  let world: SlackWorld;
  let counter = 0;

  beforeAll(async () => {
    env = await startSlackServer();
    const db = env.server.database.db;
    world = await createSlackWorld(db, systemClock.today());
    for (const user of [world.lead, world.commenter, world.outsider, world.admin]) await link(db, user);
  });
  afterAll(() => env?.close());

  /** Runs a command; returns what the user reads (from the ack, or from response_url when slow). */
  const run = async (user: WorldUser, text: string, channel = 'C1') => {
    const id = `r${++counter}`;
    const reply = await env.slack.command(text, { user: user.slackId, channel, responseUrl: env.api.responseUrl(id) });
    expect(reply.status).toBe(200);
    if (reply.json) return reply.json;
    for (let i = 0; i < 200 && env.api.responsesTo(id).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    return env.api.responsesTo(id)[0]!.body;
  };

  it('status: finds a plan by part of its title, without accents, with its measures and buttons', async () => {
    const sent = Date.now();
    const reply = await env.slack.command('status plan sante', { user: world.lead.slackId, responseUrl: env.api.responseUrl('fast') });
    // Answered in the acknowledgement itself, well inside Slack's three seconds.
    expect(reply.at - sent).toBeLessThan(1_500);
    const answer = reply.json;
    const text = textOf(answer);
    expect(answer.response_type).toBe('ephemeral');
    expect(text).toContain('Plan d’action santé des MRE');
    expect(text).toContain('brouillon');
    expect(text).toMatch(/réalisée 1/);
    expect(text).toMatch(/En retard\*\n1/);
    expect(text).toContain(`https://tansiq.example.ma/documents/${world.plan.id}`);
  });

  it('status: a document the user may not see does not exist for them, by title or by id', async () => {
    for (const query of ['status Plan culturel confidentiel', `status ${world.secret.id}`, `status https://tansiq.example.ma/documents/${world.secret.id}`]) {
      const text = textOf(await run(world.lead, query));
      expect(text).toMatch(/Aucun document accessible/);
      expect(text).not.toContain('Festival');
    }
    expect(textOf(await run(world.outsider, `status ${world.secret.id}`))).toContain('Plan culturel confidentiel');
  });

  it('status: offers a picker when several documents match, and the pick shows the status', async () => {
    const answer = await run(world.admin, 'status plan');
    const select = answer.blocks[0].accessory;
    expect(select.type).toBe('static_select');
    expect(select.options.map((o: any) => o.value).sort()).toEqual([world.plan.id, world.secret.id].sort());
  });

  it('list: by organisation and status, only what the reader may see', async () => {
    expect(textOf(await run(world.admin, 'list culture'))).toContain('Plan culturel confidentiel');
    const forLead = textOf(await run(world.lead, 'list'));
    expect(forLead).toContain('Plan d’action santé');
    expect(forLead).not.toContain('confidentiel');
    expect(textOf(await run(world.lead, 'list sante brouillon'))).toContain('Plan d’action santé');
    expect(textOf(await run(world.lead, 'list sante adopté'))).toMatch(/Aucun document/);
    expect(textOf(await run(world.lead, 'list nowhere-org'))).toMatch(/ne correspond/);
  });

  it('overdue: the late measures, with mark-done buttons for those who may edit', async () => {
    const answer = await run(world.lead, 'overdue sante');
    const text = textOf(answer);
    expect(text).toContain('Couverture médicale à l’étranger');
    expect(text).not.toContain('Étude des besoins');
    expect(text).not.toContain('Festival secret');
    expect(JSON.stringify(answer.blocks)).toContain('tsq_measure_done#0');
    const commenter = await run(world.commenter, 'overdue');
    expect(textOf(commenter)).toContain('Couverture médicale');
    expect(JSON.stringify(commenter.blocks)).not.toContain('tsq_measure_done');
  });

  it('search: full text over what the reader may see', async () => {
    expect(textOf(await run(world.lead, 'search santé'))).toContain('Plan d’action santé');
    expect(textOf(await run(world.lead, 'search culturel'))).toMatch(/Aucun document/);
  });

  it('comment: posts as the linked user through the comments rules, and refuses viewers', async () => {
    const text = textOf(await run(world.commenter, 'comment "Plan d’action santé" Le budget 2026 manque.'));
    expect(text).toContain('Commentaire ajouté');
    const rows = await env.server.database.db.selectFrom('comments').selectAll().where('document_id', '=', world.plan.id).execute();
    expect(rows.map((row) => [row.author_id, row.body])).toContainEqual([world.commenter.id, 'Le budget 2026 manque.']);
    expect(textOf(await run(world.outsider, 'comment "Plan d’action santé" Intrusion'))).toMatch(/Aucun document accessible/);
    expect(textOf(await run(world.lead, `comment plan sante : ${'x'.repeat(5000)}`))).toMatch(/trop long/);
  });

  it('session: the live session of my commissions with its agenda and current item', async () => {
    const db = env.server.database.db;
    const commission = await db
      .insertInto('commissions')
      .values({ kind: 'technical', name_fr: 'Commission technique', name_ar: 'اللجنة التقنية', name_en: 'Technical commission' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('commission_members')
      .values([{ commission_id: commission.id, organisation_id: world.organisations.sante }])
      .execute();
    const session = await db
      .insertInto('commission_sessions')
      .values({ commission_id: commission.id, title: 'Séance du 3 décembre', scheduled_at: new Date(), state: 'live', started_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const [first] = await db
      .insertInto('agenda_items')
      .values([
        { session_id: session.id, position: 0, document_id: world.plan.id, title: 'Plan santé' },
        { session_id: session.id, position: 1, document_id: world.secret.id, title: 'Point culture' },
      ])
      .returning('id')
      .execute();
    await db.updateTable('commission_sessions').set({ current_item_id: first!.id }).where('id', '=', session.id).execute();
    const text = textOf(await run(world.lead, 'session'));
    expect(text).toContain('Séance du 3 décembre');
    expect(text).toMatch(/Point en cours\* : <https:\/\/tansiq.example.ma\/documents\/[^|]+\|Plan santé>/);
    // The second item's document is one the lead may not read: named by number only, as in the minutes.
    expect(text).toContain('2. Point à diffusion restreinte');
    expect(text).not.toContain('Point culture');
    expect(text).not.toContain(world.secret.id);
    expect(textOf(await run(world.commenter, 'session'))).toMatch(/Aucune séance/);
  });

  it('subscribe, subscriptions, unsubscribe: per channel, with events', async () => {
    expect(textOf(await run(world.lead, 'subscribe Plan d’action santé comments status', 'CSUB'))).toMatch(
      /suit désormais le document « Plan d’action santé des MRE » \(statut, commentaires\)/,
    );
    expect(textOf(await run(world.lead, 'subscribe sante : measures', 'CSUB'))).toMatch(/l’organisation Org sante \(mesures\)/);
    expect(textOf(await run(world.lead, 'subscribe sante : gossip', 'CSUB'))).toMatch(/Événements inconnus : gossip/);
    expect(textOf(await run(world.lead, 'subscribe Plan culturel confidentiel', 'CSUB'))).toMatch(/ne correspond/);
    const list = textOf(await run(world.lead, 'subscriptions', 'CSUB'));
    expect(list).toContain('Plan d’action santé des MRE');
    expect(list).toContain('Org sante');
    expect(textOf(await run(world.outsider, 'subscriptions', 'CSUB'))).not.toContain('Plan d’action santé');
    expect(textOf(await run(world.lead, 'unsubscribe sante', 'CSUB'))).toMatch(/ne suit plus/);
    expect(textOf(await run(world.lead, 'unsubscribe sante', 'CSUB'))).toMatch(/ne suit pas/);
    expect(textOf(await run(world.lead, 'subscriptions', 'COTHER'))).toMatch(/ne suit rien/);
  });

  it('help, unknown sub-commands and missing arguments: help, never a stack trace', async () => {
    expect(textOf(await run(world.lead, ''))).toContain('/tansiq overdue');
    const unknown = textOf(await run(world.lead, 'frobnicate <!channel> now'));
    expect(unknown).toContain('Commande inconnue « frobnicate »');
    expect(textOf(await run(world.lead, 'status'))).toMatch(/Utilisation/);
    expect(textOf(await run(world.lead, `status ${'y'.repeat(500)}`))).toMatch(/trop long/);
  });

  it('answers in the linked user’s language (Arabic, English)', async () => {
    await setLocale(env.server.database.db, world.lead, 'ar');
    expect(textOf(await run(world.lead, 'help'))).toContain('أوامر تنسيق');
    expect(textOf(await run(world.lead, 'status plan sante'))).toContain('مسودة');
    await setLocale(env.server.database.db, world.lead, 'en');
    expect(textOf(await run(world.lead, 'overdue'))).toContain('Overdue measures (1)');
    await setLocale(env.server.database.db, world.lead, 'fr');
  });
});
