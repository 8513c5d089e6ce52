import { createHmac, randomUUID } from 'node:crypto';

/**
 * Requests to POST /slack/events signed the way Slack signs them (v0 HMAC-SHA256 of
 * `v0:<timestamp>:<body>`), written here independently of the bot's own verifier.
 */

export interface SlackReply {
  status: number;
  text: string;
  json: any;
  /** when the response arrived (ms since epoch) */
  at: number;
}

export interface SendOptions {
  /** seconds since epoch; defaults to now */
  timestamp?: number;
  /** a signature to send instead of the right one */
  signature?: string | null;
  headers?: Record<string, string>;
}

export class SlackSender {
  constructor(
    readonly serverUrl: string,
    readonly signingSecret: string,
  ) {}

  sign(body: string, timestamp: number): string {
    return `v0=${createHmac('sha256', this.signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  }

  async send(body: string, contentType: string, options: SendOptions = {}): Promise<SlackReply> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp), ...options.headers };
    const signature = options.signature === undefined ? this.sign(body, timestamp) : options.signature;
    if (signature !== null) headers['x-slack-signature'] = signature;
    const response = await fetch(`${this.serverUrl}/slack/events`, { method: 'POST', headers, body });
    const text = await response.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, text, json, at: Date.now() };
  }

  /** A slash command as Slack posts it (a form). */
  command(text: string, who: { user: string; team?: string; channel?: string; responseUrl: string }, options?: SendOptions): Promise<SlackReply> {
    const form = new URLSearchParams({
      token: 'legacy-verification-token',
      team_id: who.team ?? 'T1',
      team_domain: 'ministere',
      channel_id: who.channel ?? 'C1',
      channel_name: 'plans',
      user_id: who.user,
      user_name: who.user.toLowerCase(),
      command: '/tansiq',
      text,
      api_app_id: 'A1',
      response_url: who.responseUrl,
      trigger_id: `trigger-${randomUUID()}`,
    });
    return this.send(form.toString(), 'application/x-www-form-urlencoded', options);
  }

  /** An interactivity payload (block_actions, view_submission, block_suggestion) as a form with one JSON field. */
  interaction(payload: Record<string, unknown>, options?: SendOptions): Promise<SlackReply> {
    return this.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', options);
  }

  /** An Events API delivery. */
  event(event: Record<string, unknown>, meta: { eventId?: string; team?: string } = {}, options?: SendOptions): Promise<SlackReply> {
    const body = JSON.stringify({
      token: 'legacy',
      team_id: meta.team ?? 'T1',
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: meta.eventId ?? `Ev${randomUUID().slice(0, 8)}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: meta.team ?? 'T1', user_id: 'UBOT', is_bot: true }],
      event,
    });
    return this.send(body, 'application/json', options);
  }
}

/** A button click from a message, as Slack sends it. */
export function blockAction(who: { user: string; team?: string; channel?: string }, action: Record<string, unknown>, responseUrl: string) {
  return {
    type: 'block_actions',
    team: { id: who.team ?? 'T1', domain: 'ministere' },
    user: { id: who.user, team_id: who.team ?? 'T1', username: who.user.toLowerCase() },
    api_app_id: 'A1',
    trigger_id: `trigger-${randomUUID()}`,
    channel: { id: who.channel ?? 'C1', name: 'plans' },
    container: { type: 'message', channel_id: who.channel ?? 'C1', message_ts: '1700000000.000100' },
    response_url: responseUrl,
    actions: [{ block_id: 'b1', action_ts: `${Date.now() / 1000}`, ...action }],
  };
}
