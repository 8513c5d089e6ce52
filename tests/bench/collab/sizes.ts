/** Scenario sizes: the definitions (full) and a reduced smoke-test set (--quick). */
export interface Sizes {
  clientProcesses: number;
  steady: { docs: number; perDoc: number; rate: number; warmupS: number; seconds: number };
  /** clients after each step (documents of perDoc clients are added to reach it) */
  ramp: { perDoc: number; schedule: number[]; rate: number; warmupS: number; seconds: number; p99LimitMs: number };
  session: { observers: number; rate: number; warmupS: number; seconds: number };
  memory: { docs: number; connections: number; settleS: number };
  cold: { updates: number; perBatch: number; feedPerSecond: number; repetitions: number };
  durability: { docs: number; rate: number; seconds: number };
  storage: { docs: number; perDoc: number; rate: number; seconds: number };
}

export const FULL: Sizes = {
  // 125 clients per process rather than 250: with two processes, each one's event loop (and its
  // garbage collections) held back a quarter of the clients at once, and that queue, the same for
  // every server, was most of every server's steady p99 (2026-12-02: p99 halved for each server).
  clientProcesses: 4,
  steady: { docs: 50, perDoc: 10, rate: 5, warmupS: 5, seconds: 30 },
  ramp: { perDoc: 10, schedule: [20, 50, 100, 150, 200, 300, 400, 500, 700, 1000, 1500, 2000], rate: 5, warmupS: 3, seconds: 10, p99LimitMs: 100 },
  session: { observers: 300, rate: 5, warmupS: 3, seconds: 40 },
  memory: { docs: 200, connections: 1000, settleS: 5 },
  cold: { updates: 100_000, perBatch: 100, feedPerSecond: 150, repetitions: 5 },
  durability: { docs: 20, rate: 5, seconds: 30 },
  storage: { docs: 20, perDoc: 2, rate: 5, seconds: 30 },
};

export const QUICK: Sizes = {
  clientProcesses: 2,
  steady: { docs: 10, perDoc: 5, rate: 5, warmupS: 1, seconds: 5 },
  ramp: { perDoc: 5, schedule: [10, 25, 50, 100], rate: 5, warmupS: 1, seconds: 3, p99LimitMs: 100 },
  session: { observers: 50, rate: 5, warmupS: 1, seconds: 5 },
  memory: { docs: 40, connections: 200, settleS: 1 },
  cold: { updates: 20_000, perBatch: 100, feedPerSecond: 150, repetitions: 2 },
  durability: { docs: 5, rate: 5, seconds: 5 },
  storage: { docs: 5, perDoc: 2, rate: 5, seconds: 5 },
};

/** Each scenario has its own documents in the prepared pool, so one's edits never weigh on another. */
export function docRanges(sizes: Sizes): Record<'memory' | 'steady' | 'ramp' | 'session' | 'cold' | 'durability' | 'storage', [number, number]> {
  const lengths = {
    memory: sizes.memory.docs,
    steady: sizes.steady.docs,
    ramp: Math.ceil(sizes.ramp.schedule.at(-1)! / sizes.ramp.perDoc),
    session: 1,
    cold: 1,
    durability: sizes.durability.docs,
    storage: sizes.storage.docs,
  };
  let start = 0;
  const ranges = {} as Record<keyof typeof lengths, [number, number]>;
  for (const [name, length] of Object.entries(lengths) as Array<[keyof typeof lengths, number]>) {
    ranges[name] = [start, start + length];
    start += length;
  }
  return ranges;
}

export const poolDocs = (sizes: Sizes) => Object.values(docRanges(sizes)).reduce((max, [, end]) => Math.max(max, end), 0);
/** users needed to stay under Tansiq's 100 connections per user, with margin */
export const poolUsers = (sizes: Sizes) => Math.ceil(Math.max(sizes.ramp.schedule.at(-1)!, sizes.memory.connections, sizes.session.observers + 1) / 80);
