/** Calendar dates as YYYY-MM-DD strings, compared in the viewer's own day. */

export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function isOverdue(measure: { due: string | null; status: string }, today: string = todayIso()): boolean {
  return measure.due !== null && measure.due < today && measure.status !== 'done' && measure.status !== 'cancelled';
}

/** Days since 1970-01-01 for a YYYY-MM-DD date (UTC, so no daylight-saving surprises). */
export function dayNumber(iso: string): number {
  return Math.round(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000);
}

export function isoFromDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
