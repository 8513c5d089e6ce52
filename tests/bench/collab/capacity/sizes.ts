/** Sizes of the capacity run (npm run bench:capacity): the definitions and a smoke-test set. */
export interface CapacitySizes {
  /** protocol-level client processes (cheap: two are enough for 10,000 connections) */
  clientProcesses: number;
  /** the same steady load from stock and from protocol-level clients, to check they cost the server the same */
  check: { docs: number; perDoc: number; rate: number; warmupS: number; seconds: number; rounds: number };
  /** documents of `perDoc` clients added step by step until p99 > limit */
  capacity: { perDoc: number; rate: number; docSchedule: number[]; warmupS: number; seconds: number; p99LimitMs: number };
  connections: { docs: number; perDoc: number; activeShare: number; rate: number; warmupS: number; seconds: number; herdTimeoutS: number };
  cold: { updates: number; perBatch: number; feedPerSecond: number; repetitions: number };
}

export const FULL: CapacitySizes = {
  clientProcesses: 2,
  check: { docs: 50, perDoc: 10, rate: 5, warmupS: 3, seconds: 15, rounds: 3 },
  capacity: { perDoc: 10, rate: 5, docSchedule: [5, 10, 20, 40, 60, 80, 100, 130, 160, 200, 250, 300, 400, 500, 650, 800, 1000], warmupS: 3, seconds: 10, p99LimitMs: 100 },
  connections: { docs: 1000, perDoc: 10, activeShare: 0.1, rate: 1, warmupS: 5, seconds: 30, herdTimeoutS: 60 },
  cold: { updates: 100_000, perBatch: 100, feedPerSecond: 150, repetitions: 5 },
};

export const QUICK: CapacitySizes = {
  clientProcesses: 2,
  check: { docs: 10, perDoc: 5, rate: 5, warmupS: 1, seconds: 5, rounds: 2 },
  capacity: { perDoc: 10, rate: 5, docSchedule: [2, 5, 10, 20], warmupS: 1, seconds: 3, p99LimitMs: 100 },
  connections: { docs: 50, perDoc: 10, activeShare: 0.2, rate: 1, warmupS: 1, seconds: 5, herdTimeoutS: 60 },
  cold: { updates: 20_000, perBatch: 100, feedPerSecond: 150, repetitions: 2 },
};

/** documents every server needs (the scenarios each start a fresh server, so they share ids) */
export const capacityDocs = (sizes: CapacitySizes) => Math.max(sizes.check.docs * 2, sizes.capacity.docSchedule.at(-1)!, sizes.connections.docs, 1);
/** users for Tansiq's 100 connections per user, with margin */
export const capacityUsers = (sizes: CapacitySizes) =>
  Math.ceil(
    Math.max(sizes.connections.docs * sizes.connections.perDoc, sizes.capacity.docSchedule.at(-1)! * sizes.capacity.perDoc, sizes.check.docs * sizes.check.perDoc * 2) / 80,
  );
