/**
 * Web Test Runner middleware for the previewOrigin tests
 * (test/preview/preview-origin.browser.test.ts). The tests use the same
 * server under its second loopback name (the page is on `localhost`, the
 * preview origin is `127.0.0.1`, or the other way round), so no second server
 * is needed; but in the isolated run every response carries
 * `Cross-Origin-Resource-Policy: same-origin`, which forbids embedding the
 * bridge page (dist/verklet-preview.html) in the app page on the other origin.
 * This middleware, placed FIRST in `middleware`, runs its part after the
 * others and serves the bridge with `cross-origin`, as a real preview origin
 * must (with `Cross-Origin-Embedder-Policy: require-corp`) when the app is
 * cross-origin isolated.
 */
export function secondOrigin() {
  return async (ctx, next) => {
    await next();
    if (/(^|\/)verklet-preview\.html$/.test(ctx.path)) {
      ctx.set('Cross-Origin-Resource-Policy', 'cross-origin');
      if (ctx.response.get('Cross-Origin-Embedder-Policy')) ctx.set('Cross-Origin-Embedder-Policy', 'require-corp');
    }
  };
}
