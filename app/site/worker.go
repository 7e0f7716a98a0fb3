//go:build !js

package site

// serviceWorker is go-app v9's worker with one change that matters: the
// install step fetches every file with {cache: "no-cache"}. go-app's own
// cache.addAll reads the browser's HTTP cache as it is, so on a host that
// sends max-age (GitHub Pages: 600 s) an update would cache the old files
// under the new version. "no-cache" revalidates each file with the host:
// a changed file is downloaded, an unchanged one (the wasm the page just
// loaded) costs a 304, where "reload" would download it all again. Push notifications, which synctoken does not use, are
// left out.
const serviceWorker = `const cacheName = "app-" + "{{.Version}}";
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
`
