/**
 * The preview service worker (`dist/verklet-sw.js`), served by the site from
 * its own origin. It takes control at once so a page's first preview request
 * is already routed. Requests under `/__verklet__/` belong to runtimes; every
 * other request goes to the network untouched.
 */
/// <reference lib="webworker" />
const sw = self as unknown as ServiceWorkerGlobalScope;

sw.addEventListener('install', () => {
  void sw.skipWaiting();
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(sw.clients.claim());
});

sw.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== sw.location.origin || !url.pathname.startsWith('/__verklet__/')) return;
  event.respondWith(
    new Response('Verklet: preview routing through the service worker is not available in this build.\n', {
      status: 502,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    }),
  );
});
