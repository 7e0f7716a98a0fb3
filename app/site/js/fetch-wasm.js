
// synctoken (app/site/js/fetch-wasm.js, appended by app/site/build.go): a
// return visit compiles the wasm straight from the service worker's cache,
// without go-app's progress stream; a first visit takes over the download
// synctoken.js started early.
async function synctokenFetchWasm(url, progress) {
  if (!window.synctokenEarlyWasm) {
    try {
      const cached = await caches.match(url, { cacheName: "app-" + goappEnv["GOAPP_VERSION"] });
      if (cached && cached.ok) {
        progress(100);
        return cached;
      }
    } catch (err) {} // no Cache Storage here (an insecure origin): fetch it
  }
  return fetchWithProgress(url, progress);
}

function synctokenTakeEarlyWasm(url) {
  const early = window.synctokenEarlyWasm;
  window.synctokenEarlyWasm = null;
  return early && early.url === url ? early.response : fetch(url);
}
