package app

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph/signin"
)

// The vendor's window of an Authorize whose redirect URI is this page.
// The vendor sends it back to this site with ?code=…&state=…, and the app
// loads in it, as in a sign-in popup. Two kinds of answer can thus reach
// the site, and each must go to its own handler only:
//
//   - a sign-in's answer (Entra's code, redeemed with this tab's PKCE
//     verifier): a popup's state starts "popup.", a full-page sign-in's is
//     the one kept in sessionStorage (keyPending);
//   - a vendor's answer (the vendor's code, which the provisioning service
//     redeems): its state is the Authorize's, kept in sessionStorage
//     (keyVendor) by the tab that opened the window, which starts with a
//     copy of that tab's sessionStorage.
//
// The vendor's window never redeems anything and never stores the code: it
// hands the whole answer to the tab that opened it over a BroadcastChannel
// named for the state (vendorChannelName), removes it from its address bar
// and closes. A sign-in never sees a vendor's code (handleCallback redeems
// only the state it began with), and a vendor's code is never taken from a
// sign-in's answer (isVendorAnswer).

// vendorPrefix starts the name of every vendor window; the rest is random.
const vendorPrefix = "synctoken-vendor-"

// newVendorWindowName returns a fresh name for a vendor window.
func newVendorWindowName() string {
	b := make([]byte, 12)
	rand.Read(b)
	return vendorPrefix + hex.EncodeToString(b)
}

// vendorPending is what the tab keeps in sessionStorage (keyVendor) while
// a vendor window may answer: the Authorize's state. Never the code.
type vendorPending struct {
	State string `json:"state"`
}

// vendorWindow reports whether this window, loaded at u, carries a
// vendor's answer to an Authorize, and its state: u carries an answer
// whose state is the vendor's pending one, and not a sign-in's.
func vendorWindow(u *url.URL) (string, bool) {
	if !signin.IsCallback(u) {
		return "", false
	}
	if _, signIn := signin.PopupAnswer(u); signIn {
		return "", false
	}
	state := signin.AnswerState(u)
	if state == "" || state == storedState(keyPending) {
		return "", false // the full-page sign-in's own answer
	}
	named := strings.HasPrefix(app.Window().Get("name").String(), vendorPrefix)
	return state, named || state == storedState(keyVendor)
}

// storedState reads the state of the JSON kept at key in sessionStorage,
// before go-app's context exists (OnInit).
func storedState(key string) string {
	item := app.Window().Get("sessionStorage").Call("getItem", key)
	if !item.Truthy() {
		return ""
	}
	var v struct {
		State string `json:"state"`
	}
	if json.Unmarshal([]byte(item.String()), &v) != nil {
		return ""
	}
	return v.State
}

// isVendorAnswer reports whether href is the vendor's answer to the
// Authorize of state: an answer of that state that is not a sign-in's.
func isVendorAnswer(href, state string) bool {
	u, err := url.Parse(href)
	if err != nil || state == "" {
		return false
	}
	if _, signIn := signin.PopupAnswer(u); signIn {
		return false
	}
	return signin.AnswerState(u) == state
}
