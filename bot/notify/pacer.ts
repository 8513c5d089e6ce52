/**
 * Per-channel pacing: Slack accepts about one message per second per channel, and after a 429
 * nothing until its Retry-After. Pure bookkeeping over times the caller gives.
 */
export class ChannelPacer {
  private readonly nextAllowed = new Map<string, number>();

  constructor(private readonly intervalMs: number) {}

  ready(channelId: string, nowMs: number): boolean {
    return (this.nextAllowed.get(channelId) ?? 0) <= nowMs;
  }

  sent(channelId: string, nowMs: number): void {
    this.nextAllowed.set(channelId, Math.max(this.nextAllowed.get(channelId) ?? 0, nowMs + this.intervalMs));
    this.forgetOld(nowMs);
  }

  /** Slack said "not before then". */
  blockUntil(channelId: string, untilMs: number): void {
    this.nextAllowed.set(channelId, Math.max(this.nextAllowed.get(channelId) ?? 0, untilMs));
  }

  private forgetOld(nowMs: number): void {
    if (this.nextAllowed.size < 1000) return;
    for (const [channel, at] of this.nextAllowed) if (at < nowMs) this.nextAllowed.delete(channel);
  }
}
