/**
 * Pings every socket once per period and cuts those that did not answer their previous ping, one
 * slice at each tick rather than all at once. Ten thousand pings in one turn of the event loop are
 * ten thousand socket writes (~100 ms here) during which no edit is relayed: at 10,000 connections
 * that stall every 30 s was in the p99 of the active documents (issue 20). A round starts at most
 * once per period; a socket still silent a period or more after its ping is cut.
 */
export class RollingHeartbeat<S> {
  private round: Iterator<S> | null = null;
  private roundStartedAt = -Infinity;
  /** pinged and not heard from since (when): cut at their next visit a period or more later */
  private readonly unanswered = new Map<S, number>();

  constructor(
    /** the sockets to keep alive (live: those added during a round are visited in it) */
    private readonly sockets: { keys(): Iterator<S>; readonly size: number },
    private readonly options: { periodMs: number; slices: number },
    private readonly act: { ping(socket: S): void; terminate(socket: S): void },
  ) {}

  /** Every periodMs / slices. */
  tick(now: number): void {
    if (!this.round) {
      if (now - this.roundStartedAt < this.options.periodMs) return;
      this.round = this.sockets.keys();
      this.roundStartedAt = now;
    }
    const slice = Math.ceil(this.sockets.size / this.options.slices);
    for (let visited = 0; visited < slice; visited++) {
      const next = this.round.next();
      if (next.done) {
        this.round = null;
        return;
      }
      const socket = next.value;
      const pingedAt = this.unanswered.get(socket);
      if (pingedAt === undefined) {
        this.unanswered.set(socket, now);
        this.act.ping(socket);
      } else if (now - pingedAt >= this.options.periodMs) {
        this.unanswered.delete(socket);
        this.act.terminate(socket);
      }
    }
  }

  /** A pong came back (or the socket is gone). */
  answered(socket: S): void {
    this.unanswered.delete(socket);
  }
}
