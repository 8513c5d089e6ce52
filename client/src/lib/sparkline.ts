/** Pure geometry of a sparkline (a small line chart), so it can be tested without a browser. */

export interface SparklineBox {
  width: number;
  height: number;
  /** room kept around the line for the dots */
  pad: number;
}

export interface Sparkline {
  /** the SVG path of the line, '' for no points */
  path: string;
  points: Array<{ x: number; y: number; value: number }>;
  /** y of a reference value (the target, the baseline) within the chart, when given */
  reference: (value: number) => number;
}

/**
 * Points spread evenly left to right (oldest first), scaled between the smallest and the largest
 * of the values and the references (so a target line stays inside the chart). One point sits in
 * the middle; equal values draw a flat line in the middle.
 */
export function sparkline(values: readonly number[], box: SparklineBox, references: readonly number[] = []): Sparkline {
  const all = [...values, ...references].filter((value) => Number.isFinite(value));
  const min = all.length ? Math.min(...all) : 0;
  const max = all.length ? Math.max(...all) : 0;
  const innerWidth = Math.max(0, box.width - 2 * box.pad);
  const innerHeight = Math.max(0, box.height - 2 * box.pad);
  const y = (value: number) => (max === min ? box.height / 2 : box.pad + innerHeight * (1 - (value - min) / (max - min)));
  const step = values.length > 1 ? innerWidth / (values.length - 1) : 0;
  const points = values.map((value, index) => ({ x: values.length === 1 ? box.width / 2 : box.pad + step * index, y: y(value), value }));
  const path = points.map((point, index) => `${index === 0 ? 'M' : 'L'}${round(point.x)} ${round(point.y)}`).join(' ');
  return { path, points, reference: y };
}

const round = (value: number) => Math.round(value * 100) / 100;

/**
 * The series a chart shows: the recorded values (nulls, a cleared value, are skipped), then the
 * live value when it differs from the last one recorded (it was just typed here or arrived through
 * Yjs; the server's record of it follows).
 */
export function chartSeries(recorded: ReadonlyArray<number | null>, live: number | null): number[] {
  const values = recorded.filter((value): value is number => value !== null);
  const lastRecorded = recorded.length ? recorded[recorded.length - 1] : undefined;
  if (live !== null && lastRecorded !== live) values.push(live);
  return values;
}
