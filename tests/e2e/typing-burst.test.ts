import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyText } from '../../shared/doc-schema.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';
import { launchBrowser, openPage } from './helpers/browser.ts';
import { editor } from './helpers/editor.ts';
import { adminApi, signIn } from './helpers/session.ts';
import { ADMIN, startE2eServer, type E2eServer } from './helpers/tansiq.ts';

let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const CHARS_PER_SECOND = 100;
const SECONDS = 20;

describe('typing never costs an edit', () => {
  it(`${CHARS_PER_SECOND} characters a second for ${SECONDS} s in the editor: never disconnected, nothing lost`, async () => {
    const api = await adminApi(server.api.url, ADMIN.email, ADMIN.password);
    const created = await api.post('/api/documents', { kind: 'note', title: 'Note tapée vite' });
    const documentId: string = created.body.document.id;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, problems } = await openPage(context);
    // Every sync connection the page opens, and every one that ends.
    const sockets = { opened: 0, closed: 0 };
    page.on('websocket', (socket) => {
      if (!socket.url().includes('/collab')) return;
      sockets.opened++;
      socket.on('close', () => sockets.closed++);
    });
    await signIn(page, server.url, ADMIN.email, ADMIN.password);
    await page.goto(`${server.url}/documents/${documentId}`);
    await expect.poll(() => page.getByTestId('connection').textContent(), { timeout: 15_000 }).toContain('En ligne');
    // Records every state the connection indicator shows while typing.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __connectionStates: string[] }).__connectionStates = seen;
      const indicator = document.querySelector('[data-testid="connection"]')!;
      new MutationObserver(() => seen.push(indicator.textContent ?? '')).observe(indicator, { subtree: true, childList: true, characterData: true });
    });
    await editor(page).locator('p').first().click();
    await page.keyboard.press('End');

    const words = 'la coordination avance vite et sans perte ';
    const total = CHARS_PER_SECOND * SECONDS;
    const text = words.repeat(Math.ceil(total / words.length)).slice(0, total);
    // Typed inside the page, by the clock: one key press at a time as the browser's text input
    // (execCommand insertText: beforeinput and input events, one editor transaction, update and
    // cursor each), whatever is due typed at once when a timer fires late. Key presses sent one by
    // one from here cost a round trip each, which a busy machine cannot do 100 times a second.
    const seconds = await page.evaluate(
      ({ text, perSecond }) =>
        new Promise<number>((resolve) => {
          const started = performance.now();
          let typed = 0;
          const tick = () => {
            const due = Math.min(text.length, Math.floor(((performance.now() - started) / 1000) * perSecond));
            for (; typed < due; typed++) document.execCommand('insertText', false, text[typed]!);
            if (typed < text.length) setTimeout(tick, 1_000 / perSecond);
            else resolve((performance.now() - started) / 1000);
          };
          tick();
        }),
      { text, perSecond: CHARS_PER_SECOND },
    );
    console.info(`typed ${total} characters in ${seconds.toFixed(1)} s`);

    await expect.poll(() => editor(page).textContent(), { timeout: 15_000 }).toContain(text);
    const stored = async () => {
      await server.api.hub.store.flush();
      return bodyText(await loadStoredDocument(server.api.database.db, documentId));
    };
    await expect.poll(stored, { timeout: 15_000 }).toContain(text);
    expect(sockets).toEqual({ opened: 1, closed: 0 });
    const states = await page.evaluate(() => (window as unknown as { __connectionStates: string[] }).__connectionStates);
    expect(states.filter((state) => !state.includes('En ligne'))).toEqual([]);
    expect(problems).toEqual([]);
  }, 120_000);
});
