
// synctoken (app/site/js/found-update.js, appended by app/site/build.go):
// offer a new version the browser found before the app ran. The worker is
// registered once the wasm runs, and go-app's loader offers an update only
// when it hears a new worker's updatefound from then on; the browser may
// have found it sooner (its own check on the navigation, or during a slow
// start). Then the new worker is installing (watched here as go-app
// watches it), installed and waiting, or already controlling this page in
// place of the one that served it, since the worker skips waiting
// (synctoken.js noted which served it, in <head>).
function synctokenOfferFoundUpdate(registration) {
  const servedBy = window.synctokenServedBy;
  if (!servedBy) {
    return; // a first visit: this page is the newest there is
  }
  const controller = navigator.serviceWorker.controller;
  if ((controller && controller !== servedBy) || registration.waiting) {
    goappOnUpdate();
    return;
  }
  const installing = registration.installing;
  if (installing) {
    installing.addEventListener("statechange", () => {
      if (installing.state === "installed") {
        goappOnUpdate();
      }
    });
  }
}
