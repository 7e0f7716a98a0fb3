package app

import (
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// popupName marks the sign-in window, so the app loading inside it after
// the redirect knows not to redeem the code itself: the opener does.
const popupName = "synctoken-signin"

// openPopup opens an empty sign-in window during the click, while the
// browser still counts it as a user gesture; the sign-in URL comes later.
// It returns a null value when the browser blocked it.
func openPopup() app.Value {
	return app.Window().Call("open", "", popupName, "popup,width=520,height=680")
}

// isSignInPopup reports whether this page is the sign-in window.
func isSignInPopup() bool {
	return app.Window().Get("name").String() == popupName && app.Window().Get("opener").Truthy()
}

// watchPopup polls the sign-in window until it comes back to prefix (our
// redirect URI) or is closed.
func watchPopup(popup app.Value, prefix string, done func(url string, closed bool)) {
	for {
		time.Sleep(100 * time.Millisecond)
		if !popup.Truthy() || popup.Get("closed").Bool() {
			done("", true)
			return
		}
		if href := popupHref(popup); strings.HasPrefix(href, prefix) && strings.ContainsAny(href, "?#") {
			popup.Call("close")
			done(href, false)
			return
		}
	}
}

// popupHref is the popup's address, "" while it shows the sign-in page
// (another origin). web/synctoken.js reads it inside a try: Go cannot
// catch the SecurityError the browser throws.
func popupHref(popup app.Value) string {
	return app.Window().Call("synctokenHref", popup).String()
}
