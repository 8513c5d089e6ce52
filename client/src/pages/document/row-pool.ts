import { createMemo, createSignal, untrack, type Accessor } from 'solid-js';
import { assignSlots } from '../../lib/row-window.ts';

/** One rendered element of a windowed list, and the line it shows now. */
export interface RowSlot<T> {
  line: Accessor<T>;
  /** the key of the line shown */
  key: string;
  /** the element, once rendered (set by the row) */
  element?: HTMLElement;
}

type OwnSlot<T> = RowSlot<T> & { show: (line: T) => void };

/**
 * The rendered lines of a windowed list as slots that outlive the lines they show: a line coming
 * into the window takes the slot of one that left (lib/row-window.ts), so scrolling changes the
 * values of a row or two instead of building rows and throwing others away. Returns the slots in
 * the lines' order: a `<For>` over them moves their elements, never re-creates them.
 * `onLeave` runs before a slot shows another line (the grid moves the focus out of it first).
 */
export function createRowPool<T>(lines: Accessor<readonly T[]>, keyOf: (line: T) => string, onLeave?: (slot: RowSlot<T>) => void): Accessor<RowSlot<T>[]> {
  let slots: Array<OwnSlot<T> | undefined> = [];
  return createMemo(() => {
    const wanted = lines();
    const keys = wanted.map(keyOf);
    const { slotOf, size } = assignSlots(
      Array.from(slots, (slot) => slot?.key ?? null),
      keys,
    );
    const next = new Array<OwnSlot<T> | undefined>(size);
    const ordered = slotOf.map((number, index) => {
      const line = wanted[index]!;
      const key = keys[index]!;
      let slot = slots[number];
      if (!slot) {
        const [shown, show] = createSignal<{ line: T }>({ line });
        slot = { line: () => shown().line, show: (value) => show({ line: value }), key };
      } else if (slot.key !== key) {
        onLeave?.(slot);
        slot.key = key;
        slot.show(line);
      } else if (untrack(slot.line) !== line) {
        slot.show(line);
      }
      next[number] = slot;
      return slot;
    });
    // Slots that show nothing now are dropped (their rows disposed); the numbers stay for reuse.
    slots = next;
    return ordered;
  });
}
