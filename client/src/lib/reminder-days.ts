/** Parses "-3, 0, +2" (Arabic commas too) into days from the due date; null when something is not a whole number within 90 days. */
export function parseReminderDays(text: string): number[] | null {
  const parts = text.split(/[\s,;،]+/u).filter(Boolean);
  const days = parts.map((part) => (/^[-+]?\d{1,2}$/.test(part) ? Number(part) : NaN));
  return days.some((day) => Number.isNaN(day) || Math.abs(day) > 90) ? null : days;
}
