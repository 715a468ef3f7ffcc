// The CRM's service worker: the app works offline after a first visit, and a
// new version arrives as one unit. scripts/post-build.mjs writes it to the
// build as sw.js, filling in VERSION and FILES; see docs/durability.md.
//
// - Install precaches exactly the files of one build (FILES, the names Trunk
//   wrote) into one cache named after VERSION, fetched from the network
//   (never the HTTP cache). If any file fails, the install fails and the old
//   version stays.
// - A new version installs and then waits: it never takes over by itself.
//   The page asks (postMessage {type: 'SKIP_WAITING'}, storage::service_worker::
//   apply_update) and reloads when the new version controls it.
// - Activation deletes the caches of earlier versions of this app (same
//   scope), so files of two builds are never mixed.
// - Fetch answers only GET requests for this app's own origin and scope:
//   navigations get the cached index.html (deep links open offline), files
//   come from the cache, anything else goes to the network uncached. Requests
//   to other origins are not touched (and the page's CSP forbids them).

const VERSION = '__VERSION__';
const FILES = ['__FILES__'];

const SCOPE = new URL('./', self.location.href).href;
const PREFIX = `crm-precache:${new URL(SCOPE).pathname}:`;
const CACHE = PREFIX + VERSION;
const INDEX = new URL('index.html', SCOPE).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      // A half-filled cache of this version from an install that failed earlier starts over.
      await caches.delete(CACHE);
      const cache = await caches.open(CACHE);
      await cache.addAll(FILES.map((f) => new Request(new URL(f, SCOPE).href, { cache: 'reload' })));
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
  if (event.data && event.data.type === 'VERSION' && event.ports[0]) event.ports[0].postMessage(VERSION);
});

async function fromCache(key, request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key);
  // Not precached (or the browser evicted the cache): the network, same origin only.
  return hit || fetch(request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(SCOPE)) return;
  if (request.mode === 'navigate') {
    event.respondWith(fromCache(INDEX, request));
  } else {
    url.hash = '';
    event.respondWith(fromCache(url.href, request));
  }
});
