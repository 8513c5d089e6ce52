import { describe, expect, it } from 'vitest';
import { measureIdFromKey, measureKey } from '../../bot/blocks/measure-key.ts';
import { escapeMrkdwn, plainFromMrkdwn, truncate, truncateMrkdwn } from '../../bot/blocks/common.ts';
import { fromSlackText } from '../../bot/commands/slack-text.ts';
import { parseCommand } from '../../bot/commands/parse.ts';

describe('text Slack sends', () => {
  it('is decoded once: entities become what was typed', () => {
    expect(fromSlackText('comment Plan : budget &amp; calendrier')).toBe('comment Plan : budget & calendrier');
    expect(fromSlackText('status Santé &amp; migration')).toBe('status Santé & migration');
    expect(fromSlackText('search R&amp;D')).toBe('search R&D');
    expect(fromSlackText('a &lt;b&gt; &amp;lt;')).toBe('a <b> &lt;');
  });

  it('turns Slack markup into what the person saw', () => {
    expect(fromSlackText('status <https://tansiq.example.ma/documents/x|plan>')).toBe('status https://tansiq.example.ma/documents/x');
    expect(fromSlackText('hi <@U123|karim> in <#C1|plans> <!here>')).toBe('hi @karim in #plans @here');
    expect(fromSlackText('<@U123>')).toBe('@U123');
  });

  it('reaches the parser decoded', () => {
    expect(parseCommand(fromSlackText('comment "Plan" budget &amp; calendrier'))).toEqual({ name: 'comment', query: 'Plan', text: 'budget & calendrier' });
  });
});

describe('text we send', () => {
  it('escapes entities and neutralises formatting at word edges only', () => {
    expect(escapeMrkdwn('<!channel> & *gras* _it_ ~barré~ `code`')).toBe('&lt;!channel&gt; &amp; ∗gras∗ ˍitˍ ∼barré∼ ˋcodeˋ');
    expect(escapeMrkdwn('plan_2026 2*3 a~b')).toBe('plan_2026 2*3 a~b');
    expect(plainFromMrkdwn(escapeMrkdwn('R&D <x>'))).toBe('R&D <x>');
  });

  it('cuts as Slack counts, never inside an emoji, an entity or a link', () => {
    expect(truncate('ab😀c', 4)).toBe('ab…');
    expect(truncateMrkdwn('abc &amp; def', 7)).toBe('abc …');
    expect(truncateMrkdwn('x <https://a.b/c|label> y', 12)).toBe('x …');
  });
});

describe('measure keys', () => {
  it('keep plain ids and shorten the others to a digest that finds the measure again', () => {
    expect(measureKey('m-late')).toBe('m-late');
    const hostile = '"'.repeat(64);
    const key = measureKey(hostile);
    expect(key.length).toBeLessThanOrEqual(21);
    expect(measureIdFromKey(key, ['m1', hostile])).toBe(hostile);
    expect(measureIdFromKey(key, ['m1'])).toBeNull();
    expect(measureIdFromKey('m1', ['m1'])).toBe('m1');
  });
});
