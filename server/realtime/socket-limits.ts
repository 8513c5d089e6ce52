import { TokenBucket } from '../collab/token-bucket.ts';

/** Bounds on what one socket.io client may send or hold. */
export const SOCKET_LIMITS = {
  /** largest packet (engine.io `maxHttpBufferSize`); client events are small JSON objects */
  maxPayloadBytes: 16 * 1024,
  /** client events per second, sustained / burst (a reconnecting tab re-subscribes its few rooms at once) */
  eventRate: 20,
  eventBurst: 100,
  /** document and session rooms one socket may follow at once */
  maxSubscriptions: 200,
  /** subscription answers remembered per socket; beyond, the memory starts again */
  maxCachedAnswers: 500,
  /** how long a refused subscription is answered from memory (see SocketState.refusalsEnd) */
  refusalMemoryMs: 1_000,
  /** refusals answered (rate_limited) before the next ones are dropped unanswered; counted per budget refill */
  answeredRefusals: 100,
  /** refusals after which a socket that keeps flooding is disconnected */
  refusalsBeforeDisconnect: 2_000,
} as const;

/**
 * What the server keeps of one socket beyond socket.io's own: its event budget and the answers
 * to its subscriptions. The answers make a flood of subscribes to the same room cost one access
 * check, not one query each; they are forgotten whenever the live registry decides the socket
 * again (a right or credential changed), and `generation` lets a check in flight see that.
 */
export class SocketState {
  private readonly events = new TokenBucket(SOCKET_LIMITS.eventRate, SOCKET_LIMITS.eventBurst);
  /** refusals since the socket last had budget to spare, decaying with the budget */
  private readonly refusals = new TokenBucket(SOCKET_LIMITS.eventRate, SOCKET_LIMITS.refusalsBeforeDisconnect);
  private refused = 0;
  /** answers, or the check in flight: subscribes that arrive together share one check */
  private readonly answers = new Map<string, Promise<boolean>>();
  /**
   * When each remembered refusal is asked again (performance.now()). A right given since (an
   * agenda item, a grant, a commission seat) reaches a socket only through the change events it
   * hears of, and not every change that lets someone in says so: a refusal is kept a moment only,
   * enough that a flood of subscribes costs one check a second.
   */
  private readonly refusalsEnd = new Map<string, number>();
  generation = 0;

  /** The room's answer, asked of `check` only when not known since the last change. */
  allowed(room: string, check: () => Promise<boolean>): Promise<boolean> {
    let answer = this.answers.get(room);
    const refusalEnd = this.refusalsEnd.get(room);
    if (answer && refusalEnd !== undefined && performance.now() >= refusalEnd) {
      this.forgetRoom(room);
      answer = undefined;
    }
    if (!answer) {
      if (this.answers.size >= SOCKET_LIMITS.maxCachedAnswers) {
        this.answers.clear();
        this.refusalsEnd.clear();
      }
      answer = this.ask(room, check);
      this.answers.set(room, answer);
    }
    return answer;
  }

  private async ask(room: string, check: () => Promise<boolean>): Promise<boolean> {
    const generation = this.generation;
    let answer: boolean;
    try {
      answer = await check();
    } catch (error) {
      this.answers.delete(room);
      throw error;
    }
    // Access changed while we asked: the answer may predate the change, ask again.
    if (generation !== this.generation) return this.allowed(room, check);
    if (!answer && this.answers.has(room)) this.refusalsEnd.set(room, performance.now() + SOCKET_LIMITS.refusalMemoryMs);
    return answer;
  }

  /** Spends one event from the budget; false when there is none left (then call `refuse`). */
  allow(): boolean {
    if (!this.events.take()) return false;
    this.refused = 0;
    return true;
  }

  /**
   * One more event over budget: the first ones are answered (a client that misbehaves briefly
   * learns why), later ones dropped without the cost of an answer, and a socket whose refusals
   * outrun their slow forgiveness is disconnected.
   */
  refuse(): 'answer' | 'drop' | 'disconnect' {
    if (!this.refusals.take()) return 'disconnect';
    this.refused++;
    return this.refused <= SOCKET_LIMITS.answeredRefusals ? 'answer' : 'drop';
  }

  /** Whether an answer for the room is remembered or being asked: a change to its object must reach it. */
  knows(room: string): boolean {
    return this.answers.has(room);
  }

  /** Forgets the answer for one room (the socket left it): following it again is decided anew. */
  forgetRoom(room: string): void {
    this.answers.delete(room);
    this.refusalsEnd.delete(room);
  }

  forget(): void {
    this.generation++;
    this.answers.clear();
    this.refusalsEnd.clear();
  }
}
