// Only the authorization code grant lands here. A token sent in the
// address's fragment (an implicit grant's access_token or id_token: a
// vendor's, or anyone's link) is a bearer secret: it is removed from the
// address, and so from the tab's history entry, at once, before the app
// or any other script reads the address.
// A fragment that changes later (a link within the page) is removed too:
// this listener is added before go-app's.
(function () {
  function scrub() {
    if (/(^#|&)(access_token|id_token)=/.test(String(location.hash))) {
      history.replaceState(history.state, "", location.pathname + location.search);
    }
  }
  scrub();
  window.addEventListener("hashchange", scrub);
})();

// go-app's page says maximum-scale=1, user-scalable=0 in its viewport meta,
// which stops zooming on phones (WCAG 1.4.4, axe's meta-viewport). This
// script runs in <head>, right after that tag: allow zooming again.
(function () {
  var m = document.querySelector('meta[name="viewport"]');
  if (m) {
    m.setAttribute("content", "width=device-width, initial-scale=1, viewport-fit=cover");
  }
})();

// The service worker that served this page, if one did, noted before any
// other script runs: the published site's loader compares it with the
// worker in control once the app runs, to offer a new version the browser
// found and activated meanwhile (app/site/js/found-update.js).
try {
  window.synctokenServedBy = (navigator.serviceWorker && navigator.serviceWorker.controller) || null;
} catch (e) {
  window.synctokenServedBy = null;
}

// A Go panic that nothing recovered stops the wasm: every later event then
// throws "Go program has already exited" and the page looks alive but does
// nothing. Say so, with a way out, instead of leaving a dead page.
(function () {
  function stopped(message) {
    return /Go program has already exited|^panic:|wasm/i.test(String(message || ""));
  }
  function show() {
    if (document.getElementById("crashed")) {
      return;
    }
    var box = document.createElement("div");
    box.id = "crashed";
    box.className = "banner error crashed";
    box.setAttribute("role", "alert");
    var p = document.createElement("p");
    p.textContent = "synctoken stopped after an internal error and no longer responds. Reload the page to start again (values and the token are not kept).";
    var b = document.createElement("button");
    b.id = "crashed-reload";
    b.type = "button";
    b.textContent = "Reload";
    b.addEventListener("click", function () { location.reload(); });
    box.appendChild(p);
    box.appendChild(b);
    document.body.insertBefore(box, document.body.firstChild);
    b.focus();
  }
  window.addEventListener("error", function (e) {
    if (stopped(e.message) || (e.error && stopped(e.error.message))) {
      show();
    }
  });
  window.addEventListener("unhandledrejection", function (e) {
    if (e.reason && stopped(e.reason.message || e.reason)) {
      show();
    }
  });
})();

// Framed, synctoken refuses to run. A page of another origin that frames it
// could lay it under its own and have an admin click or type secrets into
// it unseen (clickjacking); on GitHub Pages every site of an owner shares
// one origin. frame-ancestors would forbid the frame, but GitHub Pages sends
// no headers and a <meta> policy cannot carry that directive. So this
// script, which runs in <head> before the body is parsed, stops loading the
// page when it is not the top window: window.stop() aborts the parser, so
// neither the form nor go-app's deferred loader (and the wasm) ever comes.
// It says why, with a link that opens synctoken on its own, and tries to
// take the whole tab, which browsers allow some frames only.
(function () {
  var framed;
  try {
    framed = window.top !== window.self;
  } catch (e) {
    framed = true;
  }
  if (!framed) {
    return;
  }
  window.synctokenFramed = true;
  var here = String(location.href);
  try {
    window.stop();
  } catch (e) {}
  try {
    window.top.location = here;
  } catch (e) {} // refused without a click: the message below stays
  var root = document.documentElement;
  var body = document.body;
  if (!body) {
    body = document.createElement("body");
    root.appendChild(body);
  }
  while (body.firstChild) {
    body.removeChild(body.firstChild);
  }
  var p = document.createElement("p");
  p.id = "framed";
  p.setAttribute("role", "alert");
  p.textContent = "synctoken does not run inside another page: it handles secrets, and the page around it could watch or steer what you type. ";
  var a = document.createElement("a");
  a.href = here;
  a.target = "_top";
  a.rel = "noopener noreferrer";
  a.textContent = "Open synctoken on its own";
  p.appendChild(a);
  body.appendChild(p);
})();
