import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The shipped manifest asks for what the bot uses, and only that. */
describe('bot/slack-manifest.yaml', () => {
  const manifest = readFileSync(new URL('../../bot/slack-manifest.yaml', import.meta.url), 'utf8');
  const list = (key: string) => {
    const block = new RegExp(`\\n( *)${key}:\\n((?:\\1  - .*\\n|\\1  #.*\\n)+)`).exec(manifest)?.[2] ?? '';
    return block
      .split('\n')
      .filter((line) => /^\s*- /.test(line))
      .map((line) => line.replace(/^\s*- /, '').trim());
  };

  it('declares the command, the events and the scopes the code relies on', () => {
    expect(manifest).toContain('command: /tansiq');
    const registered = readFileSync(new URL('../../bot/events.ts', import.meta.url), 'utf8');
    const events = [...registered.matchAll(/app\.event\('(\w+)'|'((?:channel|group)_\w+)'/g)].map((match) => match[1] ?? match[2]).sort();
    // Thread replies (bot/threads.ts) listen to `message`, which Slack delivers per conversation type.
    const threads = readFileSync(new URL('../../bot/threads.ts', import.meta.url), 'utf8');
    if (threads.includes("app.event('message'")) events.push('message.channels', 'message.groups', 'message.im');
    expect(list('bot_events').sort()).toEqual([...new Set(events)].sort());
    expect(list('bot').sort()).toEqual(
      [
        'channels:history',
        'channels:read',
        'chat:write',
        'chat:write.public',
        'commands',
        'groups:history',
        'groups:read',
        'im:history',
        'im:write',
        'links:read',
        'links:write',
        'users:read',
        'users:read.email',
      ].sort(),
    );
  });

  it('declares each message shortcut the bot answers, and no other', () => {
    const declared = [...manifest.matchAll(/- name: (.+)\n\s+type: message\n\s+callback_id: (\w+)/g)].map((match) => ({ name: match[1]!, callbackId: match[2]! }));
    const code = ['shortcuts.ts', 'measure-shortcut.ts'].map((file) => readFileSync(new URL(`../../bot/${file}`, import.meta.url), 'utf8')).join('\n');
    const ids = readFileSync(new URL('../../bot/blocks/work-app.ts', import.meta.url), 'utf8');
    // Each message shortcut is registered through onMessageShortcut (bot/shortcuts.ts), named by its WorkAppId.
    const registered = [...code.matchAll(/onMessageShortcut\(app, services, WorkAppId\.(\w+),/g)].map((match) => new RegExp(`${match[1]}: '(\\w+)'`).exec(ids)![1]!);
    expect(declared.map((shortcut) => shortcut.callbackId).sort()).toEqual(registered.sort());
    expect(registered).toEqual(expect.arrayContaining(['tsq_add_comment', 'tsq_create_measure']));
    for (const shortcut of declared) expect(shortcut.name.length, shortcut.name).toBeLessThanOrEqual(24);
  });

  it('names every sub-command in the usage hint', () => {
    const hint = /usage_hint: (.*)/.exec(manifest)![1]!;
    for (const name of ['status', 'list', 'overdue', 'search', 'comment', 'session', 'report', 'unlink', 'subscribe', 'unsubscribe', 'subscriptions', 'help'])
      expect(hint).toMatch(new RegExp(`(^|\\| )${name}( |$)`));
  });

  it('sends everything to the one endpoint', () => {
    const urls = [...manifest.matchAll(/url: (\S+)/g)].map((match) => match[1]);
    expect(urls.length).toBeGreaterThanOrEqual(3);
    for (const url of urls) expect(url).toMatch(/\/slack\/events$/);
  });
});
