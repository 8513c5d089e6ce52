import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import { precompressAssets } from '../../../server/http/precompress.ts';
import { isServerPath, resolveInside, serveClient } from '../../../server/http/static-client.ts';

let dir: string;
const BIG_SCRIPT = Array.from({ length: 400 }, (_, i) => `export const label${i} = 'Plan d’action ${i} — خطة العمل';`).join('\n');
let server: http.Server;
let base: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tansiq-client-'));
  await mkdir(path.join(dir, 'assets'));
  await writeFile(
    path.join(dir, 'index.html'),
    '<html><head><meta property="csp-nonce" nonce="TANSIQ_CSP_NONCE"><script type="module" src="/assets/app-abc123.js" nonce="TANSIQ_CSP_NONCE"></script></head></html>',
  );
  await writeFile(path.join(dir, 'assets', 'app-abc123.js'), 'console.log(1)');
  await writeFile(path.join(dir, 'assets', 'app-abc123.js.map'), `{"version":3,"sources":["secret.ts"],"mappings":"${'AAAA;'.repeat(2000)}"}`);
  await writeFile(path.join(dir, 'favicon.svg'), '<svg/>');
  await writeFile(path.join(dir, 'assets', 'editor-def456.js'), BIG_SCRIPT);
  await precompressAssets(dir);
  const app = new Koa();
  app.use(serveClient(dir, { publicUrl: 'https://tansiq.example.gov.ma' }));
  app.use((ctx) => {
    ctx.status = 404;
    ctx.body = { error: { code: 'not_found' } };
  });
  server = http.createServer(app.callback()).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('serveClient', () => {
  it('answers app routes with index.html, a strict CSP and a fresh nonce each time', async () => {
    const first = await fetch(`${base}/documents/123`);
    const second = await fetch(`${base}/`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('text/html');
    expect(first.headers.get('cache-control')).toBe('no-store');
    const csp = first.headers.get('content-security-policy')!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("object-src 'none'");
    // our own WebSocket origin, not every WebSocket host
    expect(csp).toContain("connect-src 'self' wss://tansiq.example.gov.ma;");
    expect(csp).not.toMatch(/ wss?: /);
    const html = await first.text();
    expect(html).not.toContain('TANSIQ_CSP_NONCE');
    expect(html).toContain(`nonce="${nonce}"`);
    expect(second.headers.get('content-security-policy')).not.toContain(nonce);
  });

  it('serves hashed assets with immutable caching and other files revalidated', async () => {
    const asset = await fetch(`${base}/assets/app-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(await asset.text()).toBe('console.log(1)');
    const icon = await fetch(`${base}/favicon.svg`);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
    // node:http rather than fetch, which marks conditional requests no-cache
    const status = await new Promise<number | undefined>((resolve, reject) =>
      http
        .get(`${base}/favicon.svg`, { headers: { 'if-none-match': icon.headers.get('etag')! } }, (response) => {
          response.resume();
          resolve(response.statusCode);
        })
        .on('error', reject),
    );
    expect(status).toBe(304);
  });

  it('sends the precompressed copy the browser accepts, and the file itself otherwise', async () => {
    const get = (encoding: string) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) =>
        http
          .get(`${base}/assets/editor-def456.js`, { headers: { 'accept-encoding': encoding } }, (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
          })
          .on('error', reject),
      );
    const br = await get('gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('Accept-Encoding');
    expect(br.headers['content-type']).toContain('javascript');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.body.length).toBeLessThan(BIG_SCRIPT.length / 4);
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(BIG_SCRIPT);
    const gz = await get('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe(BIG_SCRIPT);
    const plain = await get('identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(BIG_SCRIPT);
    // source maps get no compressed copy that could be fetched by its own address
    expect((await fetch(`${base}/assets/app-abc123.js.map.br`)).status).toBe(404);
    expect((await fetch(`${base}/assets/app-abc123.js.map`, { headers: { 'accept-encoding': 'br' } })).status).toBe(404);
    expect((await fetch(`${base}/assets/editor-def456.js.br`)).status).toBe(404);
  });

  it('leaves server paths, missing assets, writes and traversal alone', async () => {
    for (const pathname of [
      '/assets/app-abc123.js.map',
      '/api/documents',
      '/collab/x',
      '/socket.io/',
      '/slack/events',
      '/healthz',
      '/readyz',
      '/metrics',
      '/assets/missing.js',
      '/robots.txt',
    ]) {
      const response = await fetch(`${base}${pathname}`);
      expect(response.status, pathname).toBe(404);
      expect(response.headers.get('content-type'), pathname).toContain('application/json');
    }
    expect((await fetch(`${base}/documents`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${base}/%2e%2e/%2e%2e/etc/passwd`)).headers.get('content-type')).not.toContain('text/plain');
  });

  it('resolves paths only inside the folder', () => {
    expect(resolveInside('/srv/app', '/assets/a.js')).toBe('/srv/app/assets/a.js');
    expect(resolveInside('/srv/app', '/../../etc/passwd')).toBe('/srv/app/etc/passwd');
    expect(resolveInside('/srv/app', '/%2e%2e/secret')).toBe('/srv/app/secret');
    expect(resolveInside('/srv/app', '/a%00b')).toBeNull();
    expect(resolveInside('/srv/app', '/%E0%A4%A')).toBeNull();
    expect(isServerPath('/api')).toBe(true);
    expect(isServerPath('/apiary')).toBe(false);
  });
});
