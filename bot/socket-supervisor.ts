import type { Logger } from 'pino';
import type { SocketModeReceiver } from '@slack/bolt';

export interface BotConnection {
  state: 'connecting' | 'up' | 'down';
  since: Date;
  /** why the last attempt failed (Slack's error code when it gave one) */
  error?: string;
  attempts: number;
}

type SocketClient = SocketModeReceiver['client'];

/**
 * Keeps Socket Mode connected. The client's own reconnection is off: it gives up for good after
 * a refused app token (invalid_auth, revoked) and may leave its failure unhandled. Here every
 * failure, at start or later, is followed by another attempt after a growing delay (base × 2ⁿ,
 * at most a minute), with a warning each time, until Tansiq stops.
 */
export class SocketSupervisor {
  private connection: BotConnection = { state: 'connecting', since: new Date(), attempts: 0 };
  private timer: NodeJS.Timeout | undefined;
  private attempting = false;
  private stopped = false;
  private failures = 0;

  constructor(
    private readonly client: SocketClient,
    private readonly logger: Logger,
    private readonly options: { baseDelayMs: number; maxDelayMs?: number },
  ) {
    client.on('connected', () => this.set({ state: 'up' }));
    client.on('disconnected', () => {
      if (this.stopped || this.attempting) return;
      this.set({ state: 'down', error: 'the Socket Mode connection closed' });
      this.logger.warn('Slack Socket Mode connection lost; connecting again');
      this.schedule(0);
    });
  }

  status(): BotConnection {
    return { ...this.connection };
  }

  start(): void {
    void this.attempt();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async attempt(): Promise<void> {
    if (this.stopped || this.attempting) return;
    this.attempting = true;
    this.connection.attempts++;
    try {
      await this.client.start();
      this.failures = 0;
      this.set({ state: 'up' });
    } catch (error) {
      if (this.stopped) return;
      this.failures++;
      const code = (error as { data?: { error?: string } }).data?.error ?? (error instanceof Error ? error.message : String(error));
      const delay = Math.min(this.options.maxDelayMs ?? 60_000, this.options.baseDelayMs * 2 ** (this.failures - 1));
      this.set({ state: 'down', error: code });
      // A warning at every failed attempt: while the bot is down, the log says so.
      this.logger.warn({ slackError: code, attempt: this.connection.attempts, retryInMs: delay }, 'Slack Socket Mode is down: could not connect; will try again');
      this.schedule(delay);
    } finally {
      this.attempting = false;
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.attempt();
    }, delayMs);
    this.timer.unref();
  }

  private set(change: Pick<BotConnection, 'state'> & { error?: string }): void {
    if (change.state !== this.connection.state) this.connection.since = new Date();
    this.connection.state = change.state;
    this.connection.error = change.state === 'up' ? undefined : change.error;
    if (change.state === 'up' && this.connection.attempts > 1) this.logger.info({ attempts: this.connection.attempts }, 'Slack Socket Mode connected again');
  }
}
