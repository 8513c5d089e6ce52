import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';
import solid from 'vite-plugin-solid';
import { precompressAssets } from './server/http/precompress.ts';

/**
 * The web client: sources in client/, built to dist/client and served by the Koa server
 * (server/http/static-client.ts). `npm run dev:client` serves it with hot reload and proxies the
 * API, the Yjs sync endpoint and socket.io to the Koa server on localhost:3000.
 */
const root = fileURLToPath(new URL('./client', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/client', import.meta.url));
const backend = process.env.TANSIQ_BACKEND ?? 'http://localhost:3000';

/** The server may compare Origin with its public URL: present proxied requests as its own. */
const asBackend = (ws = false): ProxyOptions => ({
  target: backend,
  ws,
  changeOrigin: true,
  configure: (proxy) => {
    proxy.on('proxyReq', (request) => request.setHeader('origin', backend));
    proxy.on('proxyReqWs', (request) => request.setHeader('origin', backend));
  },
});

/** Brotli and gzip copies of every text file once a build is written (served as they are). */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'tansiq-precompress',
    apply: 'build',
    configResolved: (config) => void (outDir = path.resolve(config.root, config.build.outDir)),
    closeBundle: async () => void (await precompressAssets(outDir)),
  };
}

export default defineConfig({
  root,
  publicDir: 'public',
  plugins: [solid(), precompress()],
  // The server replaces this placeholder with a fresh nonce in every index.html it sends.
  html: { cspNonce: 'TANSIQ_CSP_NONCE' },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    // Maps are written for whoever reads a stack trace on the build machine, but no file points to
    // them and the server never serves them (server/http/static-client.ts).
    sourcemap: 'hidden',
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1200,
    // The Solid transform is most of the build time, as expected: no need to say so every build.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    port: 5173,
    strictPort: false,
    proxy: {
      '/api': asBackend(),
      '/collab': asBackend(true),
      '/socket.io': asBackend(true),
      '/healthz': asBackend(),
    },
  },
});
