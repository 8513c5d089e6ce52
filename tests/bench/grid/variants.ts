import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { isServerPath } from '../../../server/http/static-client.ts';

/**
 * Makes a browser context run another build of the web client (a `vite build --outDir <dir>` of
 * an earlier commit) against the same server, so two versions of the grid are measured in one
 * run, on one plan, under the same load. The API, sync and socket.io still go to the server.
 */
export async function useClientBuild(context: BrowserContext, dir: string): Promise<void> {
  const root = path.resolve(dir);
  const index = (await readFile(path.join(root, 'index.html'), 'utf8')).replaceAll('TANSIQ_CSP_NONCE', 'bench');
  // A page the route fulfils counts as a public address: let it reach the server on this machine.
  await context.grantPermissions(['local-network-access']);
  await context.route(
    (url) => !isServerPath(url.pathname),
    async (route) => {
      const { pathname } = new URL(route.request().url());
      if (pathname.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(pathname)) {
        const file = path.join(root, path.posix.normalize(pathname));
        if (!file.startsWith(root)) return route.fulfill({ status: 404 });
        return route.fulfill({ path: file }).catch(() => route.fulfill({ status: 404 }));
      }
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: index });
    },
  );
}
