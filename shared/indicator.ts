/**
 * How far a measure's indicator has come: pure arithmetic shared by the grid, the dashboards,
 * exports and the Slack bot.
 */
export interface IndicatorValues {
  indicatorBaseline: number | null;
  indicatorTarget: number | null;
  indicatorCurrent: number | null;
}

/**
 * The share of the way from baseline to target covered by the current value, 0–1 (clamped);
 * works for an indicator meant to fall (target below baseline). Null when a value is missing or
 * baseline and target are equal (no way to cover).
 */
export function indicatorProgress(values: IndicatorValues): number | null {
  const { indicatorBaseline: baseline, indicatorTarget: target, indicatorCurrent: current } = values;
  if (baseline === null || target === null || current === null || target === baseline) return null;
  return Math.min(1, Math.max(0, (current - baseline) / (target - baseline)));
}

/** "current / target unit" in a few characters, with the given number format; '' when nothing is set. */
export function indicatorSummary(values: IndicatorValues & { indicatorUnit: string }, format: (value: number) => string): string {
  const { indicatorCurrent: current, indicatorTarget: target, indicatorUnit: unit } = values;
  if (current === null && target === null) return '';
  const parts = `${current === null ? '—' : format(current)}${target === null ? '' : ` / ${format(target)}`}`;
  return unit.trim() ? `${parts} ${unit.trim()}` : parts;
}

/**
 * A value typed by a person: "42", "3,5" or "3.5", "1 250" (spaces as thousands separators, the
 * narrow no-break space French uses included); '' clears it. 'invalid' for anything else,
 * including values beyond what the model keeps.
 */
export function parseIndicatorInput(text: string, maxMagnitude = 1e15): number | null | 'invalid' {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  if (compact === '') return null;
  const normalised = /^[-+]?\d*,\d+$/.test(compact) ? compact.replace(',', '.') : compact;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(normalised)) return 'invalid';
  const value = Number(normalised);
  return Number.isFinite(value) && Math.abs(value) <= maxMagnitude ? value : 'invalid';
}
