// Headless Chromium (puppeteer-core, the OS browser) against the repo served
// by scripts/serve.mjs, once with COOP/COEP (isolated) and once without.
import puppeteer from 'puppeteer-core';
import { findChromium } from '../../scripts/find-chromium.mjs';
import { startServer } from '../../scripts/serve.mjs';

export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  // measureUserAgentSpecificMemory answers at once instead of at the next GC.
  '--enable-blink-features=ForceEagerMeasureMemory',
];

export const MODES = ['isolated', 'plain'];

export async function startBrowser({ log = () => {}, root } = {}) {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('no Chromium found: set CHROME_PATH or install chromium');
  const servers = {};
  const origins = {};
  for (const mode of MODES) {
    servers[mode] = await startServer({ port: 0, isolated: mode === 'isolated', ...(root ? { root } : {}) });
    origins[mode] = `http://127.0.0.1:${servers[mode].address().port}`;
  }
  const browser = await puppeteer.launch({ executablePath, headless: true, args: CHROME_ARGS, protocolTimeout: 600_000 });
  const version = await browser.version();
  log(`chromium: ${version} (${executablePath})`);

  /**
   * Opens bench/pages/index.html?impl=... in a fresh browser context (so no
   * HTTP cache, storage or service worker carries over) unless `context` is given.
   */
  async function openPage(mode, { impl = 'none', context, query = '' } = {}) {
    const ctx = context ?? (await browser.createBrowserContext());
    const page = await ctx.newPage();
    page.on('pageerror', (err) => log(`  [page ${mode}] ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') log(`  [console ${mode}] ${msg.text().slice(0, 300)}`);
    });
    await page.goto(`${origins[mode]}/bench/pages/index.html?impl=${impl}${query}`, { waitUntil: 'load', timeout: 120_000 });
    const ready = await page.evaluate(() => window.benchReady);
    const close = async () => {
      await page.close().catch(() => {});
      if (!context) await ctx.close().catch(() => {});
    };
    return { page, context: ctx, ready, close, mode, origin: origins[mode] };
  }

  /** page.evaluate of `window.bench[name](...args)`. */
  function call(page, name, ...args) {
    return page.evaluate((n, a) => window.bench[n](...a), name, args);
  }

  async function close() {
    await browser.close().catch(() => {});
    for (const s of Object.values(servers)) s.close();
  }

  return { browser, version, origins, openPage, call, close };
}
