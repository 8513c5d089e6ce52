/** Date-time inputs (datetime-local, the viewer's own clock) to ISO 8601 with the viewer's UTC offset. */
export function zonedIso(local: string, offsetMinutes?: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return local;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const offset = offsetMinutes ?? -new Date(y, mo - 1, d, h, mi).getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
  return `${local}:00${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}
