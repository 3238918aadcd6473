// Browser tests in headless Chromium (Debian's `chromium`, or CHROME_PATH).
// The same files run twice, decided by VERKLET_ISOLATION: '1' serves every
// response with COOP/COEP (cross-origin isolated: shared memory), '0' serves
// the drop-in case with no special headers. scripts/test.mjs runs both.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { CHROMIUM_ARGS, findChromium } from './scripts/find-chromium.mjs';
import { countingReporter } from './scripts/counting-reporter.mjs';
import { secondOrigin } from './test/preview/second-origin.mjs';

const isolated = process.env.VERKLET_ISOLATION === '1';
const mode = isolated ? 'isolated' : 'plain';

export default {
  rootDir: '.',
  files: process.env.VERKLET_BROWSER_FILES?.split(',') ?? ['test/**/*.browser.test.ts'],
  nodeResolve: true,
  // One page at a time: a background tab's requestAnimationFrame is throttled,
  // and the responsiveness tests measure frames.
  concurrency: Number(process.env.VERKLET_CONCURRENCY ?? 1),
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 30_000 } },
  // The npm suite's registry: a seeded Verdaccio on loopback, for the run's length.
  plugins: [esbuildPlugin({ ts: true, target: 'es2022' }), (await import('./scripts/registry/browser-suite.mjs')).registryPlugin()],
  middleware: [
    // First, so it runs last: the preview bridge page on the second loopback origin.
    secondOrigin(),
    async (ctx, next) => {
      // Sites serve the preview service worker from their root, as the demo server does.
      if (ctx.path === '/verklet-sw.js' || ctx.path === '/verklet-sw.js.map') ctx.path = `/dist${ctx.path}`;
      await next();
      if (isolated) {
        ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
        ctx.set('Cross-Origin-Embedder-Policy', 'require-corp');
        ctx.set('Cross-Origin-Resource-Policy', 'same-origin');
      }
    },
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html><head><meta charset="utf-8"><script>window.VERKLET_TEST_MODE = ${JSON.stringify(mode)};</script></head>
<body><script type="module" src="${testFramework}"></script></body></html>`,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: findChromium(),
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countingReporter(`test-results/browser-${mode}.json`, mode)],
};
