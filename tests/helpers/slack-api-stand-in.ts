import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'node:querystring';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A small stand-in for Slack's Web API on loopback (the bot reaches it through SLACK_API_URL):
 * records every call, answers like Slack, and can be told to answer 429 with Retry-After, a
 * Slack error, an HTTP error, or to be slow. Also receives `response_url` posts, and plays
 * Slack's side of Socket Mode (apps.connections.open, then a WebSocket carrying envelopes).
 */

export interface RecordedCall {
  method: string;
  args: Record<string, any>;
  token: string | undefined;
  at: number;
}

export interface RecordedResponse {
  id: string;
  body: Record<string, any>;
  at: number;
}

export type Failure = { rateLimited: number } | { error: string } | { httpStatus: number };

export interface SlackUserStub {
  email?: string;
  confirmed?: boolean;
  locale?: string;
  name?: string;
  teamId?: string;
  deleted?: boolean;
  isBot?: boolean;
  /** a guest (multi-channel) */
  restricted?: boolean;
  /** someone from another organisation, in a Slack Connect channel */
  stranger?: boolean;
}

/** What conversations.info says of a conversation; unknown ones are public channels the bot is in. */
export interface ConversationStub {
  notFound?: boolean;
  isPrivate?: boolean;
  isMember?: boolean;
  isIm?: boolean;
  isMpim?: boolean;
  isArchived?: boolean;
  members?: string[];
  /** the channel's name (Slack always gives one); by default its id in lower case */
  name?: string;
}

/** A message as Slack keeps it in a conversation's history. */
export interface StoredMessage {
  ts: string;
  text?: string;
  thread_ts?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export class SlackApiStandIn {
  readonly calls: RecordedCall[] = [];
  readonly responses: RecordedResponse[] = [];
  readonly users = new Map<string, SlackUserStub>();
  readonly conversations = new Map<string, ConversationStub>();
  /** every conversation's messages, as conversations.history reads them (a DM is stored under D + the user id) */
  readonly history = new Map<string, StoredMessage[]>();
  /** called as a call arrives, before it is answered (to kill the caller mid-call, for instance) */
  onCall?: (call: RecordedCall) => void;
  private readonly failures = new Map<string, Array<{ failure: Failure; when?: (args: Record<string, any>) => boolean }>>();
  private readonly latencies = new Map<string, number>();
  private server?: http.Server;
  private sockets?: WebSocketServer;
  private ts = 0;
  url = '';
  /** Socket Mode connections, newest last; and what the app sent back on them (acks) */
  readonly socketClients: WebSocket[] = [];
  readonly socketMessages: Array<Record<string, any>> = [];

  async start(): Promise<this> {
    this.server = http.createServer((request, response) => void this.handle(request, response));
    this.sockets = new WebSocketServer({ server: this.server, path: '/socket' });
    this.sockets.on('connection', (socket) => {
      this.socketClients.push(socket);
      socket.on('message', (data) => this.socketMessages.push(JSON.parse(String(data))));
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' } }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Sends a Socket Mode envelope to the newest connection. */
  sendEnvelope(envelope: Record<string, unknown>): void {
    this.socketClients.at(-1)!.send(JSON.stringify(envelope));
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.url}/response/${id}`;
  }

  /** The next `times` calls of `method` (those `when` picks, e.g. one channel's) fail this way. */
  fail(method: string, failure: Failure, options: { times?: number; when?: (args: Record<string, any>) => boolean } = {}): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < (options.times ?? 1); i++) queue.push({ failure, when: options.when });
    this.failures.set(method, queue);
  }

  private takeFailure(method: string, args: Record<string, any>): Failure | undefined {
    const queue = this.failures.get(method) ?? [];
    const index = queue.findIndex((entry) => !entry.when || entry.when(args));
    return index < 0 ? undefined : queue.splice(index, 1)[0]!.failure;
  }

  /** Every call of `method` (or of a response_url, as 'response') waits this long before answering. */
  slow(method: string, ms: number): void {
    this.latencies.set(method, ms);
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  responsesTo(id: string): RecordedResponse[] {
    return this.responses.filter((response) => response.id === id);
  }

  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
    this.failures.clear();
    this.latencies.clear();
  }

  async close(): Promise<void> {
    for (const socket of this.socketClients) socket.terminate();
    this.sockets?.close();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = request.url ?? '';
    if (path.startsWith('/response/')) {
      await delay(this.latencies.get('response') ?? 0);
      this.responses.push({ id: path.slice('/response/'.length), body: JSON.parse(text || '{}'), at: Date.now() });
      response.writeHead(200).end('ok');
      return;
    }
    const method = path.replace(/^\/api\//, '').split('?')[0]!;
    const args = parseArgs(text, request.headers['content-type']);
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const call = { method, args, token, at: Date.now() };
    this.calls.push(call);
    // Slack keeps a message as soon as it takes the call: a caller that dies waiting for the answer still posted it.
    const failure = this.takeFailure(method, args);
    const body = failure ? undefined : this.answer(method, args);
    this.onCall?.(call);
    await delay(this.latencies.get(method) ?? 0);
    if (failure && 'rateLimited' in failure) {
      response.writeHead(429, { 'retry-after': String(failure.rateLimited), 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    if (failure && 'httpStatus' in failure) {
      response.writeHead(failure.httpStatus).end('upstream trouble');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(failure ? { ok: false, error: failure.error } : body));
  }

  private answer(method: string, args: Record<string, any>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', team: 'Ministère' };
      case 'users.info': {
        const stub = this.users.get(String(args.user));
        if (!stub) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: args.user,
            team_id: stub.teamId ?? 'T1',
            name: stub.name ?? String(args.user).toLowerCase(),
            real_name: stub.name ?? null,
            deleted: stub.deleted ?? false,
            is_bot: stub.isBot ?? false,
            is_restricted: stub.restricted ?? false,
            is_ultra_restricted: false,
            ...(stub.stranger ? { is_stranger: true } : {}),
            is_email_confirmed: stub.confirmed ?? true,
            locale: stub.locale ?? 'fr-FR',
            profile: { email: stub.email },
          },
        };
      }
      case 'apps.connections.open':
        return { ok: true, url: `${this.url.replace(/^http/, 'ws')}/socket` };
      case 'chat.postMessage': {
        // Slack stamps messages with its clock: seconds since the epoch, then a sequence.
        const ts = `${Math.floor(Date.now() / 1000)}.${String(++this.ts % 1_000_000).padStart(6, '0')}`;
        const channel = String(args.channel);
        const where = /^[UW]/.test(channel) ? `D${channel}` : channel;
        const messages = this.history.get(where) ?? [];
        messages.push({ ts, text: args.text, ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}), ...(args.metadata ? { metadata: args.metadata } : {}) });
        this.history.set(where, messages);
        return { ok: true, channel: where, ts };
      }
      case 'chat.update': {
        // Slack changes a message it has; an unknown one is `message_not_found`.
        const message = (this.history.get(String(args.channel)) ?? []).find((candidate) => candidate.ts === String(args.ts));
        if (!message) return { ok: false, error: 'message_not_found' };
        message.text = args.text;
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      }
      case 'chat.getPermalink':
        return { ok: true, channel: args.channel, permalink: `https://ministere.slack.com/archives/${String(args.channel)}/p${String(args.message_ts).replace('.', '')}` };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users).split(',')[0]}` } };
      case 'conversations.history': {
        const oldest = Number(args.oldest ?? 0);
        const messages = (this.history.get(String(args.channel)) ?? []).filter((message) => Number(message.ts) > oldest);
        // Slack leaves metadata out unless it is asked for.
        const wanted = args.include_all_metadata === true || args.include_all_metadata === 'true';
        return { ok: true, messages: messages.reverse().map((message) => (wanted ? message : { ...message, metadata: undefined })), has_more: false };
      }
      case 'conversations.replies': {
        // A thread: its root, then its replies, oldest first (the root always, as Slack does).
        const oldest = Number(args.oldest ?? 0);
        const root = String(args.ts);
        const thread = (this.history.get(String(args.channel)) ?? []).filter((message) => message.ts === root || (message.thread_ts === root && Number(message.ts) > oldest));
        if (thread.length === 0) return { ok: false, error: 'thread_not_found' };
        const wanted = args.include_all_metadata === true || args.include_all_metadata === 'true';
        return { ok: true, messages: thread.map((message) => (wanted ? message : { ...message, metadata: undefined })), has_more: false };
      }
      case 'conversations.info': {
        const stub = this.conversations.get(String(args.channel)) ?? {};
        if (stub.notFound) return { ok: false, error: 'channel_not_found' };
        return {
          ok: true,
          channel: {
            id: args.channel,
            name: stub.name ?? String(args.channel).toLowerCase(),
            is_channel: !stub.isIm && !stub.isMpim,
            is_private: stub.isPrivate ?? false,
            is_member: stub.isMember ?? true,
            is_im: stub.isIm ?? false,
            is_mpim: stub.isMpim ?? false,
            is_archived: stub.isArchived ?? false,
          },
        };
      }
      case 'conversations.members': {
        const stub = this.conversations.get(String(args.channel)) ?? {};
        if (stub.notFound) return { ok: false, error: 'channel_not_found' };
        return { ok: true, members: stub.members ?? [], response_metadata: { next_cursor: '' } };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${Math.floor(Date.now() / 1000)}.${String(++this.ts % 1_000_000).padStart(6, '0')}` };
      default:
        return { ok: true };
    }
  }
}

/** The Web API client posts forms whose nested values (blocks, views, unfurls) are JSON strings. */
function parseArgs(text: string, contentType: string | undefined): Record<string, any> {
  if (contentType?.includes('application/json')) return JSON.parse(text || '{}');
  const form = parse(text);
  return Object.fromEntries(
    Object.entries(form).map(([key, value]) => {
      const raw = Array.isArray(value) ? value[0] : value;
      if (typeof raw === 'string' && /^[[{]/.test(raw)) {
        try {
          return [key, JSON.parse(raw)];
        } catch {
          return [key, raw];
        }
      }
      return [key, raw];
    }),
  );
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
