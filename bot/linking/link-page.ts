import type { Context } from 'koa';
import { parse } from 'node:querystring';
import type { Locale } from '../../db/schema.ts';
import type { Actor } from '../../server/auth/actor.ts';
import { readCookie, sessionCookieName } from '../../server/auth/cookies.ts';
import { resolveActor } from '../../server/auth/resolve-actor.ts';
import { safeEqual } from '../../server/auth/secrets.ts';
import { readRawBody } from '../http/raw-body.ts';
import { t, tPlain } from '../i18n/index.ts';
import type { BotServices } from '../services.ts';
import { findLinkCode } from './links.ts';
import { redeemSlackLink } from './redeem.ts';

/**
 * GET/POST /slack/link: the page the bot's one-time link opens. It names the Slack account and
 * asks the signed-in user to confirm (a link must never tie someone's Tansiq account to a Slack
 * account silently); the form carries the session's CSRF token. The JSON flavour is /api/slack/link.
 */
export async function linkPage(services: BotServices, ctx: Context): Promise<void> {
  ctx.set('Content-Security-Policy', "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  ctx.set('Cache-Control', 'no-store');
  const cookie = readCookie(ctx.get('cookie'), sessionCookieName(ctx.secure));
  const actor = cookie ? await resolveActor(services.db, { sessionCookie: cookie }) : null;
  const locale: Locale = actor?.locale ?? 'fr';
  if (!actor?.session) return page(ctx, locale, 401, `<p>${escape(t(locale, 'page.signIn'))}</p><p><a href="/">${escape(t(locale, 'page.signInLink'))}</a></p>`);

  if (ctx.method === 'POST') return confirm(services, ctx, actor);
  const code = String(ctx.query.code ?? '');
  const pending = code ? await findLinkCode(services.db, code, services.clock.now()) : null;
  if (!pending) return page(ctx, locale, 404, `<p>${escape(t(locale, 'page.invalid'))}</p>`);
  const question = tPlain(locale, 'page.confirm', { slack: pending.slackUserName ?? pending.slackUserId, name: actor.name, email: actor.email });
  return page(
    ctx,
    locale,
    200,
    `<p>${escape(question)}</p>
<form method="post" action="/slack/link">
<input type="hidden" name="code" value="${escape(code)}">
<input type="hidden" name="csrf" value="${escape(actor.session.csrfToken)}">
<button type="submit">${escape(t(locale, 'page.button'))}</button>
</form>`,
  );
}

async function confirm(services: BotServices, ctx: Context, actor: Actor): Promise<void> {
  const form = parse((await readRawBody(ctx.req, 4096).catch(() => Buffer.alloc(0))).toString('utf8'));
  const code = typeof form.code === 'string' ? form.code : '';
  const csrf = typeof form.csrf === 'string' ? form.csrf : '';
  if (!safeEqual(csrf, actor.session!.csrfToken)) return page(ctx, actor.locale, 403, `<p>${escape(t(actor.locale, 'page.invalid'))}</p>`);
  if (!(await redeemSlackLink(services, code, actor))) return page(ctx, actor.locale, 404, `<p>${escape(t(actor.locale, 'page.invalid'))}</p>`);
  return page(ctx, actor.locale, 200, `<p>${escape(t(actor.locale, 'page.done'))}</p>`);
}

function page(ctx: Context, locale: Locale, status: number, body: string): void {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = `<!doctype html>
<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(t(locale, 'page.title'))}</title></head>
<body><h1>${escape(t(locale, 'page.title'))}</h1>
${body}
</body></html>`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
