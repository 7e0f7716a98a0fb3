
// Appended by synctoken's build (app/site/js/early-wasm.js, by
// app/site/build.go): start downloading the wasm while the page is parsed;
// go-app's loader takes it over.
var synctokenEarlyWasm = (function () {
  try {
    if (window.synctokenFramed || !window.WebAssembly || (navigator.serviceWorker && navigator.serviceWorker.controller) ||
      /bot|googlebot|crawler|spider|robot|crawling/i.test(navigator.userAgent) ||
      new URLSearchParams(location.search).get("wasm") === "false") {
      return null;
    }
    var url = new URL("app.wasm", document.currentScript.src).pathname;
    var response = fetch(url);
    response.catch(function () {}); // the loader reports a failure, not this
    return { url: url, response: response };
  } catch (e) {
    return null;
  }
})();
