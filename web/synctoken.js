// go-app's page says maximum-scale=1, user-scalable=0 in its viewport meta,
// which stops zooming on phones (WCAG 1.4.4, axe's meta-viewport). This
// script runs in <head>, right after that tag: allow zooming again.
(function () {
  var m = document.querySelector('meta[name="viewport"]');
  if (m) {
    m.setAttribute("content", "width=device-width, initial-scale=1, viewport-fit=cover");
  }
})();

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
