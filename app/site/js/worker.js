// synctoken's service worker (app/site/js/worker.js): go-app v9's, filling
// its cache with {cache: "no-cache"} (app/site/scripts.go says why).
const cacheName = "app-" + "{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(cacheName)
      .then((cache) =>
        cache.addAll(resourcesToCache.map((url) => new Request(url, { cache: "no-cache" })))
      )
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) =>
      Promise.all(keys.map((key) => (key !== cacheName ? caches.delete(key) : undefined)))
    )
  );
});

self.addEventListener("fetch", (event) => {
  event.respondWith(
    caches.match(event.request, { ignoreSearch: event.request.mode === "navigate" }).then((response) => response || fetch(event.request))
  );
});
