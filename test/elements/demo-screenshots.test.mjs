// Screenshot checks of the element demo pages: serve the repo (scripts/serve.mjs),
// open each page in headless Chromium (puppeteer-core), wait until its elements
// are ready, save a screenshot to test-results/screenshots/ and check the page
// rendered: not blank, no page errors, the expected text present.
// Needs `npm run build` (dist/) and a Chromium (scripts/find-chromium.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { startServer } from '../../scripts/serve.mjs';
import { findChromium } from '../../scripts/find-chromium.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outDir = `${root}test-results/screenshots`;
const chromium = findChromium();
const built = existsSync(`${root}dist/verklet.js`);
const skip = !chromium ? 'no Chromium found (set CHROME_PATH)' : !built ? 'dist/ is missing: run `npm run build`' : false;

/** Each page, the text it must show (in light DOM or any shadow root), and the elements to wait for. */
const PAGES = [
  { page: 'docs.html', text: ['Reading files with fs', 'Example 2: write JSON'], terminals: 2, files: 1 },
  { page: 'cms.html', text: ['Five things about process.argv'], terminals: 1 },
  { page: 'static-site.html', text: ['A static site with a playground'], terminals: 2, files: 1 },
  { page: 'design-system.html', text: ['Acme playground'], terminals: 1, files: 1, previews: 1 },
  { page: 'docs.html', dark: true, text: ['Reading files with fs'], terminals: 2, files: 1 },
  { page: 'sdk.html', text: ['Using the SDK directly', 'sum of 1 + 2 + 3 = 6', 'sum of 10 + 20 + 12 = 42'], terminals: 1, files: 1, sdk: true },
];

let server;
let browser;
let base;

before(async () => {
  if (skip) return;
  server = await startServer({ port: 0 });
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  mkdirSync(outDir, { recursive: true });
});

after(async () => {
  await browser?.close();
  await new Promise((r) => (server ? server.close(r) : r()));
});

/** Runs in the page: waits until every Verklet element on it has settled. */
async function settle(expect) {
  const deadline = Date.now() + 40_000;
  const all = (sel) => [...document.querySelectorAll(sel)];
  const wait = async (what, fn) => {
    while (!fn()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const defineBy = Date.now() + 10_000;
  while (!['verklet-runtime', 'verklet-terminal', 'verklet-files', 'verklet-preview'].every((t) => customElements.get(t))) {
    if (Date.now() > defineBy)
      throw new Error('the page has no Verklet elements defined 10 s after load: does dist/verklet.js define them? (see test/elements/dropin-size.test.mjs)');
    await new Promise((r) => setTimeout(r, 100));
  }
  await Promise.all(all('verklet-runtime').map((el) => el.ready.catch(() => {})));
  const terminals = all('verklet-terminal');
  if (terminals.length !== expect.terminals) throw new Error(`expected ${expect.terminals} terminals, found ${terminals.length}`);
  // A command terminal has run to its end; an interactive one shows its prompt or its exit.
  await wait('the terminals', () => terminals.every((t) => t.error || t.status === 'exited' || (t.status === 'running' && !t.command)));
  await Promise.all(terminals.map((t) => t.flush()));
  await Promise.all(all('verklet-files').map((f) => f.loaded));
  await wait('the previews', () => all('verklet-preview').every((p) => p.state === 'ready' || p.state === 'error' || (p.state === 'idle' && !p.port)));
  if (expect.sdk) await wait('the SDK script', () => document.body.dataset.sdkDone === 'true');
  await new Promise((r) => setTimeout(r, 300)); // let xterm paint
  /** All text, including shadow roots and the terminals' screens. */
  const texts = [document.body.innerText];
  const walk = (node) => {
    for (const el of node.querySelectorAll('*')) {
      if (el.shadowRoot) {
        texts.push(el.shadowRoot.textContent ?? '');
        walk(el.shadowRoot);
      }
    }
  };
  walk(document);
  for (const t of terminals) {
    const buf = t.terminal?.buffer.active;
    for (let i = 0; buf && i < buf.length; i++) texts.push(buf.getLine(i)?.translateToString(true) ?? '');
  }
  return {
    text: texts.join('\n'),
    terminals: terminals.map((t) => ({ status: t.status, exitCode: t.exitCode, error: t.error })),
    files: all('verklet-files').map((f) => ({ items: f.shadowRoot.querySelectorAll('[role="treeitem"]').length, error: f.error })),
  };
}

for (const expect of PAGES) {
  test(`demo/${expect.page} renders${expect.dark ? ' (dark)' : ''}`, { skip, timeout: 90_000 }, async () => {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (msg) => msg.type() === 'error' && !/Failed to load resource|service worker|verklet-sw/i.test(msg.text()) && errors.push(msg.text()));
    try {
      await page.setViewport({ width: 1200, height: 900 });
      if (expect.dark) await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
      const res = await page.goto(`${base}/demo/${expect.page}`, { waitUntil: 'load' });
      assert.equal(res.status(), 200);
      const state = await page.evaluate(settle, expect);
      const file = `${outDir}/${expect.page.replace('.html', '')}${expect.dark ? '-dark' : ''}.png`;
      const png = await page.screenshot({ path: file, fullPage: true });
      assert.ok(png.length > 20_000, `screenshot ${file} is suspiciously small (${png.length} bytes): blank page?`);
      // Non-blank: the centre strip of the page holds more than a couple of colours.
      const colours = await page.evaluate(async (data) => {
        const img = new Image();
        img.src = `data:image/png;base64,${data}`;
        await img.decode();
        const c = new OffscreenCanvas(img.width, img.height);
        const ctx = c.getContext('2d');
        ctx.drawImage(img, 0, 0);
        const px = ctx.getImageData(0, 0, img.width, Math.min(img.height, 900)).data;
        const seen = new Set();
        for (let i = 0; i < px.length; i += 4 * 97) seen.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
        return seen.size;
      }, Buffer.from(png).toString('base64'));
      assert.ok(colours > 8, `screenshot ${file} looks blank (${colours} colours)`);
      for (const t of expect.text) assert.ok(state.text.includes(t), `expected "${t}" on ${expect.page}`);
      assert.equal(state.terminals.length, expect.terminals);
      for (const t of state.terminals) assert.ok(!t.error || /command not found|exit/.test(t.error), `terminal error: ${t.error}`);
      assert.deepEqual(errors, [], `page errors on ${expect.page}`);
    } finally {
      await page.close();
    }
  });
}
