/**
 * A long list rendered a window at a time (the measures grid's rows, and its cards on a phone):
 * where each line starts, which lines a scroll position shows, and which rendered element shows
 * which line, so that scrolling hands the elements leaving the window to the lines entering it
 * instead of building new ones. Pure.
 */

/** Where each line starts, from their heights: `offsets[i]` is line i's top, `offsets[n]` the total height. */
export function lineOffsets(heights: ArrayLike<number>): Float64Array {
  const offsets = new Float64Array(heights.length + 1);
  for (let i = 0; i < heights.length; i++) offsets[i + 1] = offsets[i]! + heights[i]!;
  return offsets;
}

/** The line at height `y` (the first whose bottom is below it), clamped to the lines there are. */
export function lineAt(offsets: Float64Array, y: number): number {
  const count = offsets.length - 1;
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (offsets[middle + 1]! <= y) low = middle + 1;
    else high = middle;
  }
  return Math.min(low, Math.max(0, count - 1));
}

/**
 * The lines [start, end) to render for a view of `viewport` pixels from `top`, with `overscan`
 * pixels more on each side. Both ends move by `step` lines at a time, so a steady scroll changes
 * the window every few lines rather than on every frame.
 */
export function windowOf(offsets: Float64Array, top: number, viewport: number, overscan: number, step = 1): { start: number; end: number } {
  const count = offsets.length - 1;
  if (count <= 0) return { start: 0, end: 0 };
  const first = lineAt(offsets, Math.max(0, top - overscan));
  const last = lineAt(offsets, Math.max(0, top + viewport + overscan));
  const start = Math.floor(first / step) * step;
  const end = Math.min(count, (Math.floor(last / step) + 1) * step);
  return { start, end: Math.max(start, end) };
}

/**
 * Which slot (a rendered element) shows each wanted line. `current[slot]` is the key a slot shows
 * (null: free). A line already shown keeps its slot, so what is in view never moves between
 * elements; a line coming into view takes the slot of one that left, of the same kind when there
 * is one (a row's element for a row, a heading's for a heading), else a new slot. Slots left over
 * are free. `kindOf` defaults to the key's first character.
 */
export function assignSlots(
  current: ReadonlyArray<string | null>,
  wanted: readonly string[],
  kindOf: (key: string) => string = (key) => key.charAt(0),
): { slotOf: number[]; size: number } {
  const slotByKey = new Map<string, number>();
  current.forEach((key, slot) => {
    if (key !== null) slotByKey.set(key, slot);
  });
  const taken = new Set<number>();
  for (const key of wanted) {
    const slot = slotByKey.get(key);
    if (slot !== undefined) taken.add(slot);
  }
  // Slots whose lines leave, by the kind of line they showed, lowest first.
  const free = new Map<string, number[]>();
  const anyFree: number[] = [];
  current.forEach((key, slot) => {
    if (taken.has(slot)) return;
    anyFree.push(slot);
    if (key === null) return;
    const list = free.get(kindOf(key)) ?? [];
    list.push(slot);
    free.set(kindOf(key), list);
  });
  let size = current.length;
  const used = new Set<number>(taken);
  const nextFree = (kind: string): number => {
    for (const list of [free.get(kind) ?? [], anyFree]) {
      while (list.length > 0) {
        const slot = list.shift()!;
        if (!used.has(slot)) return slot;
      }
    }
    return size++;
  };
  const claim = (key: string): number => {
    const slot = nextFree(kindOf(key));
    used.add(slot);
    return slot;
  };
  const kept = new Set<number>();
  const slotOf = wanted.map((key) => {
    const slot = slotByKey.get(key);
    // (a key wanted twice keeps its slot once)
    if (slot !== undefined && !kept.has(slot)) {
      kept.add(slot);
      return slot;
    }
    return claim(key);
  });
  return { slotOf, size };
}
