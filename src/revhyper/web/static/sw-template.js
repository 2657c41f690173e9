// revhyper's service worker (served at /sw.js with the asset list and version filled in).
// The app's files are cached at install, so the app opens with no connection; API reads go
// to the network first and fall back to the last answer kept, so today's session shows
// offline. Writes are never cached: the page's outbox keeps them until they are sent.

const VERSION = '__VERSION__';
const ASSETS = __ASSETS__;
const APP_CACHE = 'revhyper-app-' + VERSION;
const API_CACHE = 'revhyper-api';
// The live page's pose model (about 30 MB) is not in ASSETS: it is cached the first time the
// live page loads it, in a cache of its own that survives app updates until the model changes.
const POSE_PREFIX = __POSE_PREFIX__;
const POSE_CACHE = 'revhyper-pose-__POSE_VERSION__';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(APP_CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('revhyper-app-') && key !== APP_CACHE) await caches.delete(key);
      if (key.startsWith('revhyper-pose-') && key !== POSE_CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

async function networkFirst(request) {
  const cache = await caches.open(API_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) cache.put(request, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(request);
    if (kept) return kept;
    throw error;
  }
}

async function appFile(request) {
  const cache = await caches.open(APP_CACHE);
  const kept = await cache.match(request, { ignoreSearch: true });
  if (kept) return kept;
  return fetch(request);
}

/** A pose file: from its cache, else from the network (then kept for the next time). */
async function poseFile(request) {
  const cache = await caches.open(POSE_CACHE);
  const kept = await cache.match(request, { ignoreSearch: true });
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  // Videos and exports are large and read once: they go straight to the network, uncached.
  if (url.pathname.endsWith('/video') || url.pathname.includes('/export')) return;
  if (url.pathname.startsWith('/api/')) {
    event.respondWith(networkFirst(request));
  } else if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(() => caches.match('/', { cacheName: APP_CACHE })));
  } else if (url.pathname.startsWith(POSE_PREFIX)) {
    event.respondWith(poseFile(request));
  } else if (url.pathname.startsWith('/static/')) {
    event.respondWith(appFile(request));
  }
});
