import { describe, expect, it } from 'vitest';
import { EpochMemo } from '../../server/live/epoch-memo.ts';

/** A question whose answers the test hands out by hand, counting how often it was asked. */
function question<V>() {
  const pending: Array<{ resolve: (value: V) => void; reject: (error: Error) => void }> = [];
  return {
    asked: () => pending.length,
    ask: () => new Promise<V>((resolve, reject) => pending.push({ resolve, reject })),
    answer: (value: V, index = pending.length - 1) => pending[index]!.resolve(value),
    fail: (error: Error, index = pending.length - 1) => pending[index]!.reject(error),
  };
}

describe('EpochMemo', () => {
  const setup = (options: { ttlMs?: number; reusable?: (value: string | null) => boolean } = {}) => {
    let epoch = 0;
    let now = 0;
    const memo = new EpochMemo<string | null>(
      () => epoch,
      { ttlMs: options.ttlMs ?? 1_000, maxEntries: 100, reusable: options.reusable },
      () => now,
    );
    return { memo, bump: () => epoch++, advance: (ms: number) => (now += ms) };
  };

  it('shares a question in flight and its answer within the TTL', async () => {
    const { memo, advance } = setup();
    const q = question<string | null>();
    const first = memo.get('token', q.ask);
    const second = memo.get('token', q.ask);
    expect(q.asked()).toBe(1);
    q.answer('amina');
    expect(await Promise.all([first, second])).toEqual(['amina', 'amina']);
    advance(999);
    expect(await memo.get('token', q.ask)).toBe('amina');
    expect(q.asked()).toBe(1);
    advance(1);
    const later = memo.get('token', q.ask);
    expect(q.asked()).toBe(2);
    q.answer('amina again');
    expect(await later).toBe('amina again');
    expect([memo.asked, memo.shared]).toEqual([2, 2]);
  });

  it('never hands an answer asked in an earlier epoch to a question asked in a later one, settled or in flight', async () => {
    const { memo, bump } = setup();
    const q = question<string | null>();
    const before = memo.get('token', q.ask);
    bump();
    const after = memo.get('token', q.ask);
    expect(q.asked()).toBe(2);
    q.answer('still valid', 0);
    q.answer(null, 1);
    expect(await before).toBe('still valid');
    expect(await after).toBeNull();
    // The settled answer of the old epoch is not kept either.
    bump();
    void memo.get('token', q.ask);
    expect(q.asked()).toBe(3);
  });

  it('does not reuse an answer that is not reusable, nor a failure', async () => {
    const { memo } = setup({ reusable: (value) => value !== null });
    const q = question<string | null>();
    const refused = memo.get('unknown', q.ask);
    const sharedRefusal = memo.get('unknown', q.ask);
    q.answer(null);
    expect(await Promise.all([refused, sharedRefusal])).toEqual([null, null]);
    void memo.get('unknown', q.ask);
    expect(q.asked()).toBe(2);

    const failing = memo.get('token', q.ask);
    q.fail(new Error('database gone'));
    await expect(failing).rejects.toThrow('database gone');
    void memo.get('token', q.ask);
    expect(q.asked()).toBe(4);
  });

  it('shares only while in flight with a TTL of 0', async () => {
    const { memo } = setup({ ttlMs: 0 });
    const q = question<string | null>();
    const first = memo.get('token', q.ask);
    void memo.get('token', q.ask);
    expect(q.asked()).toBe(1);
    q.answer('amina');
    await first;
    void memo.get('token', q.ask);
    expect(q.asked()).toBe(2);
  });
});
