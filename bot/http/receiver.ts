import type { Context, Middleware, Next } from 'koa';
import type { Logger } from 'pino';
import { ReceiverMultipleAckError, type App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import { BodyTooLargeError, readRawBody } from './raw-body.ts';
import { parseSlackBody, retryNumber } from './parse-body.ts';
import { checkSlackSignature } from './signature.ts';

export interface KoaReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /** true the first time a key is seen; later deliveries of the same request are not acted on */
  claimOnce(key: string): Promise<boolean>;
  path?: string;
  bodyLimitBytes?: number;
  /** how long to wait for a listener's ack before answering on its behalf (Slack gives up at 3 s) */
  unhandledTimeoutMs?: number;
  now?: () => number;
}

type AckBody = string | Record<string, unknown> | undefined;

/**
 * Bolt's transport for Slack's HTTP deliveries, mounted on Tansiq's Koa app (before the JSON body
 * parser, which would consume the bytes the signature covers). Transport only: verify, parse,
 * drop replays, hand over to Bolt, and answer with whatever the listener acknowledged.
 * Bolt's own `HTTPResponseAck` writes to the raw response; here the ack settles a promise and Koa
 * writes the answer, so the rest of the Koa pipeline keeps working.
 */
export class KoaSlackReceiver implements Receiver {
  private app: App | undefined;
  private readonly path: string;
  /** listeners still working after their ack (answering through response_url) */
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly options: KoaReceiverOptions) {
    this.path = options.path ?? '/slack/events';
  }

  init(app: App): void {
    this.app = app;
  }

  // The Koa server belongs to Tansiq: starting and stopping it is not the receiver's business.
  async start(): Promise<void> {}

  /** Waits (a while) for listeners still at work, so a shutdown does not cut their answers short. */
  async stop(waitMs = 5_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const cap = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
    await Promise.race([Promise.allSettled([...this.inFlight]), cap]);
    clearTimeout(timer);
  }

  middleware(): Middleware {
    return (ctx, next) => this.handle(ctx, next);
  }

  private async handle(ctx: Context, next: Next): Promise<void> {
    if (ctx.path !== this.path) return next();
    const log = this.options.logger;
    if (ctx.method !== 'POST') {
      ctx.status = 405;
      ctx.set('Allow', 'POST');
      ctx.body = '';
      return;
    }
    let rawBody: Buffer;
    try {
      rawBody = await readRawBody(ctx.req, this.options.bodyLimitBytes ?? 1024 * 1024);
    } catch (error) {
      ctx.status = error instanceof BodyTooLargeError ? 413 : 400;
      ctx.body = '';
      return;
    }
    const check = checkSlackSignature({
      signingSecret: this.options.signingSecret,
      timestamp: ctx.get('x-slack-request-timestamp') || undefined,
      signature: ctx.get('x-slack-signature') || undefined,
      rawBody,
      nowMs: (this.options.now ?? Date.now)(),
    });
    if (!check.ok) {
      log.warn({ reason: check.reason, ip: ctx.ip }, 'refused a Slack request with a bad signature');
      ctx.status = 401;
      ctx.body = '';
      return;
    }
    let body: Record<string, any>;
    try {
      body = parseSlackBody(rawBody, ctx.get('content-type'));
    } catch {
      ctx.status = 400;
      ctx.body = '';
      return;
    }
    if (body.ssl_check) return answer(ctx, undefined);
    if (body.type === 'url_verification') return answer(ctx, { challenge: String(body.challenge ?? '') });
    // The signature covers body and timestamp: seen twice, it is the same request replayed.
    if (!(await this.options.claimOnce(`sig:${ctx.get('x-slack-signature')}`))) {
      log.info('ignored a replayed Slack request');
      return answer(ctx, undefined);
    }
    await this.dispatch(ctx, body);
  }

  private async dispatch(ctx: Context, body: Record<string, any>): Promise<void> {
    const log = this.options.logger;
    let acked = false;
    let settle!: (response: { status: number; body: AckBody }) => void;
    const response = new Promise<{ status: number; body: AckBody }>((resolve) => (settle = resolve));
    const event: ReceiverEvent = {
      body,
      retryNum: retryNumber(ctx.req.headers['x-slack-retry-num']),
      retryReason: ctx.get('x-slack-retry-reason') || undefined,
      customProperties: {},
      ack: async (ackBody?: AckBody) => {
        if (acked) throw new ReceiverMultipleAckError();
        acked = true;
        settle({ status: 200, body: ackBody });
      },
    };
    const app = this.app;
    if (!app) throw new Error('the Slack receiver was not initialised by a Bolt app');
    // Listeners go on after the ack (slow work answers through response_url), so this is not awaited.
    const processing = app.processEvent(event).then(
      () => {
        if (!acked) {
          log.warn({ type: body.type ?? body.command }, 'no listener acknowledged a Slack request');
          settle({ status: 404, body: undefined });
        }
      },
      (error: unknown) => {
        log.error({ err: error }, 'Slack request failed');
        settle({ status: 500, body: undefined });
      },
    );
    this.inFlight.add(processing);
    void processing.finally(() => this.inFlight.delete(processing));
    const timer = setTimeout(() => settle({ status: 404, body: undefined }), this.options.unhandledTimeoutMs ?? 3_001);
    const { status, body: responseBody } = await response;
    clearTimeout(timer);
    if (status !== 200) {
      ctx.status = status;
      ctx.body = '';
      return;
    }
    answer(ctx, responseBody);
  }
}

function answer(ctx: Context, body: AckBody): void {
  ctx.status = 200;
  if (body === undefined || body === '') ctx.body = '';
  else if (typeof body === 'string') ctx.body = body;
  else ctx.body = body;
}
