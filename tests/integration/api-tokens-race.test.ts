import { describe, expect, it } from 'vitest';
import { signIn } from '../helpers/actors.ts';
import { PASSWORD } from '../helpers/fixtures.ts';
import { ApiClient } from '../helpers/http.ts';
import { createLiveWorld } from '../helpers/live-rights.ts';
import { suiteWith } from '../helpers/suite.ts';

/**
 * Minting an API token checks the password again, then stores the token. A password reset or a
 * disabling that lands in between ends every token: the one being minted must not escape it.
 */
describe('API tokens minted while the account changes', () => {
  const suite = suiteWith(createLiveWorld);

  /** Asks for `count` tokens at once while `change` runs; resolves with the secrets of those minted that work afterwards. */
  async function mintDuring(email: string, change: () => Promise<void>, count = 6): Promise<{ statuses: number[]; working: number }> {
    const session = await signIn(suite.server.url, email);
    const minting = Promise.all(Array.from({ length: count }, (_, index) => session.post('/api/tokens', { name: `jeton ${index}`, password: PASSWORD })));
    await change();
    const answers = await minting;
    let working = 0;
    for (const answer of answers) {
      if (answer.status === 201 && (await ApiClient.withToken(suite.server.url, answer.body.secret).get('/api/auth/me')).status === 200) working++;
    }
    return { statuses: answers.map((answer) => answer.status), working };
  }

  it('leaves no token minted with the old password after a reset', async () => {
    const person = await suite.world.newUser(suite.world.orgs.partner);
    const outcome = await mintDuring(person.email, async () => {
      expect((await suite.world.admin.patch(`/api/users/${person.id}`, { password: 'a brand new passphrase 2026' })).status).toBe(200);
    });
    expect(outcome).toMatchObject({ working: 0 });
  });
});
