// The service worker: keeps the application shell usable without a
// connection.  The server fills in BUILD and PRECACHE (src/http/routes-web.c).
// API answers are never cached here (they are personal data and no-store);
// reports written offline wait in IndexedDB (js/outbox.js), not in this cache.
const BUILD = '@BUILD@';
const PRECACHE = "@PRECACHE@";
const CACHE = `tsunagari-${BUILD}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('tsunagari-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/v1/') || url.pathname === '/healthz' || url.pathname === '/openapi.json') return;

  // Pages: the network first (a new build shows at once), the cached shell
  // when offline.  Every page of the application is the same index.html.
  if (req.mode === 'navigate' || url.pathname === '/' || url.pathname.startsWith('/app')) {
    event.respondWith(fetch(req).then((res) => {
      if (res.ok) {
        const copy = res.clone();
        caches.open(CACHE).then((c) => c.put('/', copy));
      }
      return res;
    }).catch(() => caches.match('/', { cacheName: CACHE })));
    return;
  }

  // Versioned files never change: the cache first, then the network (and
  // keep what came, e.g. the chart library on an auditor's first visit).
  if (url.pathname.startsWith(`/static/${BUILD}/`)) {
    event.respondWith(caches.match(req, { cacheName: CACHE }).then((hit) => hit || fetch(req).then((res) => {
      if (res.ok) {
        const copy = res.clone();
        caches.open(CACHE).then((c) => c.put(req, copy));
      }
      return res;
    })));
  }
});

// Background Sync: the token is out of this worker's reach (the page's
// sessionStorage), so the open pages are asked to send their outbox; the sync
// fails (the browser retries later) unless one of them emptied it.
const SYNC_TAG = 'tsunagari-outbox';

function askClient(client) {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    const timer = setTimeout(() => resolve(false), 30000);
    ch.port1.onmessage = (e) => { clearTimeout(timer); resolve(Boolean(e.data && e.data.ok)); };
    client.postMessage({ type: 'outbox-flush' }, [ch.port2]);
  });
}

self.addEventListener('sync', (event) => {
  if (event.tag !== SYNC_TAG) return;
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true })
    .then((clients) => Promise.all(clients.map(askClient)))
    .then((answers) => {
      if (!answers.some(Boolean)) throw new Error('outbox not sent yet');
    }));
});
