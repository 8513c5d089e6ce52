import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context, Middleware, Next } from 'koa';
import send from 'koa-send';
import { createLogger, type Logger } from '../logger.ts';

/**
 * Serves the built web client (client/ → dist/client): hashed assets with immutable caching, and
 * index.html for every other page address (the app routes in the browser), with a strict
 * Content-Security-Policy carrying a fresh nonce per response.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLIENT_DIST_DIR = path.join(ROOT, 'dist', 'client');

/** Paths that belong to the server, never to the single-page app. */
const SERVER_PREFIXES = ['/api', '/collab', '/socket.io', '/slack', '/healthz', '/readyz', '/metrics'];
/** Written by Vite (vite.config.ts `html.cspNonce`) wherever a nonce goes; replaced per response. */
const NONCE_PLACEHOLDER = /TANSIQ_CSP_NONCE/g;

/** The WebSocket origin of the public URL (`https://x` → `wss://x`), the one the app connects to. */
export function webSocketOrigin(publicUrl: string): string {
  const url = new URL(publicUrl);
  return `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
}

/** `connect-src` names our own sync and socket.io origin only, never every WebSocket host. */
export function contentSecurityPolicy(nonce: string, publicUrl?: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    `connect-src 'self'${publicUrl ? ` ${webSocketOrigin(publicUrl)}` : ''}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

export function isServerPath(pathname: string): boolean {
  return SERVER_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

export function serveClient(distDir: string = CLIENT_DIST_DIR, options: { publicUrl?: string } = {}): Middleware {
  const root = path.resolve(distDir);
  let cachedIndex: { mtimeMs: number; html: string } | undefined;

  const loadIndex = async (): Promise<string | undefined> => {
    const file = path.join(root, 'index.html');
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    if (cachedIndex?.mtimeMs !== info.mtimeMs) cachedIndex = { mtimeMs: info.mtimeMs, html: await readFile(file, 'utf8') };
    return cachedIndex.html;
  };

  return async function serveClientMiddleware(ctx: Context, next: Next): Promise<void> {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || isServerPath(ctx.path)) return next();
    const file = resolveInside(root, ctx.path);
    if (file === null) return next();
    // Source maps stay on the build machine (vite.config.ts makes them "hidden"): never served.
    // Nor are the compressed copies addresses of their own: they go out in place of their file.
    if (/\.(map|br|gz)$/.test(file)) return next();
    if (path.basename(file) !== 'index.html' && (await sendFile(ctx, root, file))) return;
    // A missing asset is a 404, not the app: a browser would otherwise run HTML as a script.
    if (ctx.path.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(ctx.path)) return next();
    const html = await loadIndex();
    if (html === undefined) return next();
    const nonce = randomBytes(16).toString('base64');
    ctx.set('Content-Security-Policy', contentSecurityPolicy(nonce, options.publicUrl));
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = html.replace(NONCE_PLACEHOLDER, nonce);
  };
}

/** The file a URL path names inside `root`, or null for anything that escapes it or is malformed. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  return file === root || file.startsWith(`${root}${path.sep}`) ? file : null;
}

/**
 * A built file through koa-send: the precompressed `.br`/`.gz` beside it when the browser accepts
 * one (written at build by vite.config.ts, precompress.ts). Hashed assets are cached for good (their names change
 * with their content); anything else is revalidated against a weak ETag of the original file,
 * the same whichever encoding is sent (they are equivalent), with `Vary: Accept-Encoding`.
 */
async function sendFile(ctx: Context, root: string, file: string): Promise<boolean> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return false;
  const hashed = ctx.path.startsWith('/assets/');
  ctx.vary('Accept-Encoding');
  ctx.set('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
  ctx.lastModified = info.mtime;
  ctx.etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  ctx.status = 200;
  if (ctx.fresh) {
    ctx.status = 304;
    return true;
  }
  ctx.type = path.extname(file);
  await send(ctx, path.relative(root, file), { root, brotli: true, gzip: true });
  return true;
}

// ---- building on start -----------------------------------------------------------------------

type Log = Pick<Logger, 'info' | 'warn' | 'error'>;

const SOURCES = ['client', 'shared', 'vite.config.ts', 'package-lock.json'];
const LOCK_STALE_MS = 5 * 60_000;

async function newestMtime(entry: string): Promise<number> {
  const info = await stat(entry).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const child of await readdir(entry)) {
    if (child === 'node_modules' || child.startsWith('.')) continue;
    newest = Math.max(newest, await newestMtime(path.join(entry, child)));
  }
  return newest;
}

/** True when dist/client is missing or older than a source of the client. */
export async function clientIsStale(root: string = ROOT, distDir: string = CLIENT_DIST_DIR): Promise<boolean> {
  const built = await stat(path.join(distDir, 'index.html')).catch(() => undefined);
  if (!built) return true;
  const sources = await Promise.all(SOURCES.map((source) => newestMtime(path.join(root, source))));
  return Math.max(...sources) > built.mtimeMs;
}

/**
 * Builds the web client with Vite when dist/client is missing or out of date, so that `npm start`
 * on a fresh clone serves the app with no extra command. Several processes starting together
 * build once (a lock file); the new build replaces the old one only when complete. A failed
 * build is logged, not thrown: the API and sync endpoint start anyway.
 */
export async function ensureClientBuilt(options: { logger?: Log; root?: string; distDir?: string } = {}): Promise<{ built: boolean }> {
  const log = options.logger ?? createLogger('info');
  const root = options.root ?? ROOT;
  const distDir = options.distDir ?? CLIENT_DIST_DIR;
  if (!(await clientIsStale(root, distDir))) return { built: false };
  await mkdir(path.dirname(distDir), { recursive: true });
  const lockFile = `${distDir}.build-lock`;
  const release = await acquireLock(lockFile, log);
  try {
    // Another process may have built it while we waited for the lock.
    if (!(await clientIsStale(root, distDir))) return { built: false };
    let vite: typeof import('vite');
    try {
      vite = await import('vite');
    } catch {
      log.error('the web client is not built and Vite is not installed: run `npm install` (with dev dependencies), then start again');
      return { built: false };
    }
    const started = Date.now();
    log.info('building the web client (first start, or its sources changed)…');
    const temporary = `${distDir}.tmp-${process.pid}-${started}`;
    try {
      await vite.build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: temporary, emptyOutDir: true } });
    } catch (error) {
      // The API still starts (and an older build, if any, is still served): say it loudly.
      await rm(temporary, { recursive: true, force: true });
      log.error({ err: error }, 'the web client failed to build; run `npm run build:client` to see why');
      return { built: false };
    }
    const old = `${distDir}.old-${process.pid}-${started}`;
    await rename(distDir, old).catch(() => undefined);
    await rename(temporary, distDir);
    await rm(old, { recursive: true, force: true });
    log.info({ seconds: Math.round((Date.now() - started) / 100) / 10 }, 'web client built');
    return { built: true };
  } finally {
    await release();
  }
}

async function acquireLock(file: string, log: Log): Promise<() => Promise<void>> {
  let told = false;
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const info = await stat(file).catch(() => undefined);
      if (info && Date.now() - info.mtimeMs > LOCK_STALE_MS) {
        await rm(file, { force: true });
        continue;
      }
      if (!told) log.info('another process is building the web client; waiting');
      told = true;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
