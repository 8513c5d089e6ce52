/**
 * A mergeable latency histogram with ~1% relative precision (log buckets over microseconds), so
 * client processes can record hundreds of thousands of samples and ship a few hundred numbers.
 */
const GROWTH = Math.log(1.01);

export class LogHistogram {
  counts = new Map<number, number>();
  count = 0;
  sum = 0;
  max = 0;
  min = Infinity;

  record(ms: number): void {
    const value = Math.max(0, ms);
    const index = Math.floor(Math.log(value * 1000 + 1) / GROWTH);
    this.counts.set(index, (this.counts.get(index) ?? 0) + 1);
    this.count++;
    this.sum += value;
    if (value > this.max) this.max = value;
    if (value < this.min) this.min = value;
  }

  /** the value at quantile q (0..1), from the bucket's midpoint; exact at the ends */
  quantile(q: number): number | null {
    if (this.count === 0) return null;
    if (q >= 1) return this.max;
    const rank = Math.ceil(q * this.count);
    let seen = 0;
    for (const index of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(index)!;
      if (seen >= rank) {
        const low = (Math.exp(index * GROWTH) - 1) / 1000;
        const high = (Math.exp((index + 1) * GROWTH) - 1) / 1000;
        return Math.min(this.max, Math.max(this.min, (low + high) / 2));
      }
    }
    return this.max;
  }

  get mean(): number | null {
    return this.count ? this.sum / this.count : null;
  }

  merge(other: LogHistogram): void {
    for (const [index, n] of other.counts) this.counts.set(index, (this.counts.get(index) ?? 0) + n);
    this.count += other.count;
    this.sum += other.sum;
    this.max = Math.max(this.max, other.max);
    this.min = Math.min(this.min, other.min);
  }

  /** [count, sum, max, min, index, n, index, n, …] */
  serialize(): number[] {
    const out = [this.count, this.sum, this.max, this.count ? this.min : 0];
    for (const [index, n] of this.counts) out.push(index, n);
    return out;
  }

  static deserialize(data: number[]): LogHistogram {
    const histogram = new LogHistogram();
    [histogram.count, histogram.sum, histogram.max] = [data[0] ?? 0, data[1] ?? 0, data[2] ?? 0];
    histogram.min = histogram.count ? (data[3] ?? 0) : Infinity;
    for (let i = 4; i + 1 < data.length; i += 2) histogram.counts.set(data[i]!, data[i + 1]!);
    return histogram;
  }

  static of(values: number[]): LogHistogram {
    const histogram = new LogHistogram();
    for (const value of values) histogram.record(value);
    return histogram;
  }
}
