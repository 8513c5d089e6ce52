import { afterEach, describe, expect, it, vi } from 'vitest';
import { SOCKET_LIMITS, SocketState } from '../../server/realtime/socket-limits.ts';

const deferred = () => {
  let resolve!: (value: boolean) => void;
  const promise = new Promise<boolean>((done) => (resolve = done));
  return { promise, resolve };
};

describe('SocketState subscription answers', () => {
  afterEach(() => vi.useRealTimers());

  it('asks once for any number of subscribes to the same room, even while the first is in flight', async () => {
    const state = new SocketState();
    let asked = 0;
    const pending = deferred();
    const check = () => {
      asked++;
      return pending.promise;
    };
    const answers = Array.from({ length: 20_000 }, () => state.allowed('document:1', check));
    pending.resolve(true);
    expect(await Promise.all(answers)).toEqual(Array(20_000).fill(true));
    expect(await state.allowed('document:1', check)).toBe(true);
    expect(asked).toBe(1);
  });

  it('asks again after access changed, and does not keep an answer read before the change', async () => {
    const state = new SocketState();
    let allowed = true;
    const gate = deferred();
    let calls = 0;
    const check = async () => {
      calls++;
      if (calls === 1) await gate.promise;
      return allowed;
    };
    const first = state.allowed('document:1', check);
    allowed = false;
    state.forget();
    gate.resolve(true);
    expect(await first).toBe(false);
    expect(await state.allowed('document:1', check)).toBe(false);
    allowed = true;
    state.forget();
    expect(await state.allowed('document:1', check)).toBe(true);
  });

  it('keeps a refusal a moment only, and an admission as long as nothing changes', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const state = new SocketState();
    let allowed = false;
    let asked = 0;
    const check = async () => {
      asked++;
      return allowed;
    };
    expect(await state.allowed('session:1', check)).toBe(false);
    allowed = true; // let in by a change the socket does not hear of
    vi.advanceTimersByTime(SOCKET_LIMITS.refusalMemoryMs - 1);
    expect(await state.allowed('session:1', check)).toBe(false);
    expect(asked).toBe(1);
    vi.advanceTimersByTime(1);
    expect(await state.allowed('session:1', check)).toBe(true);
    expect(asked).toBe(2);
    vi.advanceTimersByTime(10 * SOCKET_LIMITS.refusalMemoryMs);
    expect(await state.allowed('session:1', check)).toBe(true);
    expect(asked).toBe(2);
  });

  it('forgets a failed check instead of remembering the failure', async () => {
    const state = new SocketState();
    await expect(state.allowed('document:1', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await state.allowed('document:1', async () => true)).toBe(true);
  });
});

describe('SocketState event budget', () => {
  it('answers the first refusals, drops the next, and disconnects a socket that keeps flooding', () => {
    const state = new SocketState();
    let allowed = 0;
    while (state.allow()) allowed++;
    expect(allowed).toBe(SOCKET_LIMITS.eventBurst);
    const outcomes = Array.from({ length: SOCKET_LIMITS.refusalsBeforeDisconnect + 1 }, () => state.refuse());
    expect(outcomes.slice(0, SOCKET_LIMITS.answeredRefusals).every((outcome) => outcome === 'answer')).toBe(true);
    expect(outcomes[SOCKET_LIMITS.answeredRefusals]).toBe('drop');
    expect(outcomes.at(-1)).toBe('disconnect');
  });
});
