/**
 * Bounds applied while validating client bytes. Structural checks (every count fits in the bytes
 * left, varuints below 2^53, valid UTF-8, no unknown tags) are always on; these are the knobs.
 */
export interface UpdateLimits {
  /** Largest update accepted, in bytes. */
  maxBytes: number;
  /** Structs (GC, Skip, Item) in one update, over all clients. Yjs allocates an object per struct. */
  maxStructs: number;
  /** Client groups in the struct section, and client entries in the delete set, each. */
  maxClients: number;
  /** Delete ranges in the delete set. */
  maxDeletes: number;
  /** Nesting of arrays/objects inside `any` values (ContentAny, ContentDoc) and JSON content. */
  maxDepth: number;
}

export interface AwarenessLimits {
  /** Entries (client states) in one awareness update. */
  maxEntries: number;
  /** Bytes of one entry's JSON state. */
  maxStateBytes: number;
  /** Nesting of the JSON state (y-protocols compares states with a recursive equalityDeep). */
  maxDepth: number;
}

export interface FrameLimits {
  update: UpdateLimits;
  awareness: AwarenessLimits;
  /** Entries in a sync-step1 state vector (one per client that ever edited the document). */
  maxStateVectorEntries: number;
}

export const DEFAULT_UPDATE_LIMITS: Readonly<UpdateLimits> = Object.freeze({
  maxBytes: 4 * 1024 * 1024,
  maxStructs: 500_000,
  maxClients: 100_000,
  maxDeletes: 500_000,
  maxDepth: 64,
});

export const DEFAULT_AWARENESS_LIMITS: Readonly<AwarenessLimits> = Object.freeze({
  maxEntries: 1_000,
  maxStateBytes: 16 * 1024,
  maxDepth: 32,
});

export const DEFAULT_FRAME_LIMITS: Readonly<FrameLimits> = Object.freeze({
  update: DEFAULT_UPDATE_LIMITS,
  awareness: DEFAULT_AWARENESS_LIMITS,
  maxStateVectorEntries: 100_000,
});

/**
 * Defaults overridden by the caller's values. An explicit `undefined` keeps the default: with a
 * plain spread it would erase the limit, and every comparison against it would pass.
 *
 * Overrides that are frozen cannot change, so their result is kept (frozen too) and handed out
 * again: the server validates every client message with the same frozen limits, and resolving
 * them afresh per message was an allocation and a loop per message on the relay's hot path.
 */
export function withDefaults<T extends object>(defaults: Readonly<T>, overrides: Partial<T> = {}): T {
  const frozen = Object.isFrozen(overrides);
  if (frozen) {
    const known = resolved.get(defaults)?.get(overrides);
    if (known) return known as T;
  }
  const merged: T = { ...(defaults as T) };
  for (const key of Object.keys(overrides) as (keyof T)[]) {
    const value = overrides[key];
    if (value !== undefined) merged[key] = value as T[keyof T];
  }
  if (frozen) {
    let byOverrides = resolved.get(defaults);
    if (!byOverrides) resolved.set(defaults, (byOverrides = new WeakMap()));
    byOverrides.set(overrides, Object.freeze(merged));
  }
  return merged;
}

/** defaults → frozen overrides → their merge (see withDefaults) */
const resolved = new WeakMap<object, WeakMap<object, object>>();
