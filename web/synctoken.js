// synctokenHref reads a window's address, or "" while it shows another
// origin. Reading it then throws, and Go's syscall/js cannot catch a
// JavaScript exception: it would stop the app.
function synctokenHref(w) {
  try {
    return String(w.location.href);
  } catch (e) {
    return "";
  }
}
