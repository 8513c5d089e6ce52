import { describe, expect, it } from 'vitest';
import { PASSWORD } from '../helpers/fixtures.ts';
import { ApiClient } from '../helpers/http.ts';
import { createLiveWorld } from '../helpers/live-rights.ts';
import { suiteWith } from '../helpers/suite.ts';

/**
 * Disabling an account ends every way in, and a sign-in is a check (the password, the account)
 * followed by a new session. Sign-ins under way when the account is disabled must not leave a
 * session behind: one would come back to life when the account is enabled again.
 */
describe('sign-ins that race with disabling the account', () => {
  const suite = suiteWith(createLiveWorld);

  it('leaves no session that outlives the disabling', async () => {
    const person = await suite.world.newUser(suite.world.orgs.partner);
    // Several at once, as someone holding the password would keep signing in; the disabling lands while they are checked.
    const clients = Array.from({ length: 6 }, () => new ApiClient(suite.server.url));
    const logins = Promise.all(clients.map((client) => client.login(person.email, PASSWORD)));
    expect((await suite.world.admin.patch(`/api/users/${person.id}`, { disabled: true })).status).toBe(200);
    const answers = await logins;
    expect((await suite.world.admin.patch(`/api/users/${person.id}`, { disabled: false })).status).toBe(200);

    const signedIn = clients.filter((_client, index) => answers[index]!.status === 200);
    const stillIn = [];
    for (const client of signedIn) if ((await client.get('/api/auth/me')).status === 200) stillIn.push(client);
    expect({ answers: answers.map((answer) => answer.status), stillIn: stillIn.length }).toMatchObject({ stillIn: 0 });
  });

  it('leaves no session opened with the old password after a reset', async () => {
    const person = await suite.world.newUser(suite.world.orgs.partner);
    const clients = Array.from({ length: 6 }, () => new ApiClient(suite.server.url));
    const logins = Promise.all(clients.map((client) => client.login(person.email, PASSWORD)));
    expect((await suite.world.admin.patch(`/api/users/${person.id}`, { password: 'a brand new passphrase 2026' })).status).toBe(200);
    const answers = await logins;

    const signedIn = clients.filter((_client, index) => answers[index]!.status === 200);
    const stillIn = [];
    for (const client of signedIn) if ((await client.get('/api/auth/me')).status === 200) stillIn.push(client);
    expect({ answers: answers.map((answer) => answer.status), stillIn: stillIn.length }).toMatchObject({ stillIn: 0 });
  });
});
