package wasmbuild

import _ "embed"

// GoAppModule is the UI framework whose browser build is patched.
const GoAppModule = "github.com/maxence-charriere/go-app/v9"

// GoAppVersion is the version goAppPatch was made from; as with MSAL Go,
// another version in go.mod fails the build until the patch has been
// checked against it (CONTRIBUTING.md, "Bumping go-app").
const GoAppVersion = "v9.8.0"

// goAppPatch makes go-app's mount of a page cheaper in calls into
// JavaScript, without changing what it builds. Go's syscall/js makes a
// new JavaScript string for every Go string it passes, and every object
// or string it hands back to Go is a Value with a finalizer; the runtime
// keeps a span's finalizers in a sorted list, so registering hundreds of
// them while a page mounts costs time that grows with their square.
// go-app asked JavaScript for the document at every element and text
// node, passed the same tag, attribute and event names again and again,
// and kept appendChild's answer it never reads. The patch reads the
// document once, makes each name's string once, and appends with append,
// which answers nothing: on synctoken's first render about half the
// Values, and one call fewer per element and text node
// (docs/performance.md, "go-app's mount").
//
//go:embed go-app-v9.8.0.patch
var goAppPatch string

var goApp = patchedModule{
	name:    "go-app",
	id:      "go-app",
	path:    GoAppModule,
	version: GoAppVersion,
	patch:   goAppPatch,
	build:   "./pkg/app",
	wasm:    true,
	section: "Bumping go-app",
}
