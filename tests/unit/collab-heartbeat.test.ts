import { describe, expect, it } from 'vitest';
import { RollingHeartbeat } from '../../server/collab/heartbeat.ts';

describe('RollingHeartbeat', () => {
  const setup = (count: number) => {
    const sockets = new Map<string, object>(Array.from({ length: count }, (_, i) => [`s${i}`, {}]));
    const pings: string[] = [];
    const cut: string[] = [];
    const beats = new RollingHeartbeat<string>(
      sockets,
      { periodMs: 30_000, slices: 30 },
      {
        ping: (socket) => pings.push(socket),
        terminate: (socket) => {
          cut.push(socket);
          sockets.delete(socket);
        },
      },
    );
    return { sockets, pings, cut, beats };
  };

  it('pings a slice of the sockets each tick, all of them once per period', () => {
    const { pings, beats } = setup(3_000);
    beats.tick(0);
    expect(pings).toHaveLength(100);
    for (let second = 1; second < 30; second++) beats.tick(second * 1_000);
    expect(new Set(pings).size).toBe(3_000);
    // The round is over; the next starts a period after this one did.
    beats.tick(30_000 - 1);
    expect(pings).toHaveLength(3_000);
  });

  it('cuts a socket silent for a period after its ping, and keeps one that answered', () => {
    const { pings, cut, beats } = setup(2);
    beats.tick(0);
    beats.tick(1_000);
    expect(pings).toEqual(['s0', 's1']);
    beats.answered('s1');
    for (let second = 2; second <= 31; second++) beats.tick(second * 1_000);
    expect(cut).toEqual(['s0']);
    expect(pings).toEqual(['s0', 's1', 's1']);
  });

  it('never cuts a socket before a period after its ping, however the rounds shift', () => {
    const { sockets, cut, pings, beats } = setup(60);
    for (let second = 0; second < 30; second++) beats.tick(second * 1_000);
    expect(pings.slice(-2)).toEqual(['s58', 's59']);
    // Those pinged first close: the next round reaches the last two a second after their ping.
    for (let i = 0; i < 58; i++) sockets.delete(`s${i}`);
    for (let second = 30; second < 60; second++) beats.tick(second * 1_000);
    expect(cut).toEqual([]);
    // A period after their ping, still silent: cut.
    for (let second = 60; second < 90; second++) beats.tick(second * 1_000);
    expect(cut).toEqual(['s58', 's59']);
  });
});
