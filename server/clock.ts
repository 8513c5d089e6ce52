/** Time, behind an interface so tests can set the day (overdue checks, reminders). */
export interface Clock {
  now(): Date;
  /** the calendar day in Morocco, YYYY-MM-DD */
  today(): string;
}

const DAY_FORMAT = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Casablanca', year: 'numeric', month: '2-digit', day: '2-digit' });

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => DAY_FORMAT.format(new Date()),
};

/** A clock a test moves by hand. */
export function fixedClock(start: Date): Clock & { set(date: Date): void } {
  let current = start;
  return {
    now: () => current,
    today: () => DAY_FORMAT.format(current),
    set: (date) => (current = date),
  };
}
