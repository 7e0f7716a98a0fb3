package app

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/url"

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
//     redeems), in a window whose own sessionStorage holds a relay record
//     (keyRelay) that only synctoken wrote.
//
// What makes a window a vendor relay is that record, never the window's
// name or the answer's state: any page can name a window and open this
// site in it with a code and state of its choosing, and a vendor's state
// may be fixed (Amazon Business publishes state=1), the same for every
// Authorize in every tab. So the tab makes a random nonce for each
// Authorize and keeps it beside the Authorize's state (authorizeState);
// openVendorWindow writes it into the new window's own sessionStorage
// while the window is still this site's empty page, after clearing the
// copy of the tab's sessionStorage the browser gave it (MSAL's cache
// included), and then cuts the window's opener before sending it to the
// vendor. The relay hands the answer over a BroadcastChannel named for
// the nonce (vendorChannelName): only the tab that made it listens there,
// and it still checks the answer's state against its Authorize
// (isVendorAnswer, graph.ParseLanding). Another page cannot write this
// site's sessionStorage, so it cannot make a relay; another tab's relay
// posts on that tab's nonce. The relay clears its sessionStorage first
// thing, never redeems or stores the code, removes it from the address
// bar, and closes once the tab has it.

// keyRelay is the relay record, in a vendor window's sessionStorage only.
const keyRelay = "synctoken.vendor.relay"

// relayRecord is what openVendorWindow writes into the vendor window: the
// nonce of its hand-off. Never the code, never the state.
type relayRecord struct {
	Nonce string `json:"nonce"`
}

// newNonce returns 128 random bits, hex: the name of one hand-off.
func newNonce() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// openVendorWindow opens the vendor's page at authURL in a new window
// that relays its answer on the channel of nonce. It returns false when
// the browser blocked the window, or the window could not be made ready
// (it is then closed, never sent to the vendor).
func openVendorWindow(authURL, nonce string) bool {
	w := app.Window().Call("open", "", "_blank")
	if !w.Truthy() {
		return false
	}
	if !prepareVendorWindow(w, nonce) {
		closePopup(w)
		return false
	}
	w.Get("location").Set("href", authURL)
	return true
}

// prepareVendorWindow readies the new window w, still this site's empty
// page: its copy of the tab's sessionStorage is cleared, the relay record
// written, and its opener cut, so that the vendor's page gets no handle on
// this tab (reverse tabnabbing). It reports false when any of it failed.
func prepareVendorWindow(w app.Value, nonce string) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	b, _ := json.Marshal(relayRecord{Nonce: nonce})
	if !clearSession(w) {
		return false
	}
	s := w.Get("sessionStorage")
	s.Call("setItem", keyRelay, string(b))
	w.Set("opener", nil)
	return s.Call("getItem", keyRelay).String() == string(b) && !w.Get("opener").Truthy()
}

// vendorWindow reports whether this window, loaded at u, is a vendor relay
// carrying a vendor's answer, and the nonce of its hand-off: u carries an
// answer that is not a sign-in's, and this window's sessionStorage holds
// the relay record synctoken wrote when it opened it.
func vendorWindow(u *url.URL) (string, bool) {
	if !signin.IsCallback(u) {
		return "", false
	}
	if _, signIn := signin.PopupAnswer(u); signIn {
		return "", false
	}
	state := signin.AnswerState(u)
	if state != "" && state == storedState(keyPending) {
		return "", false // the full-page sign-in's own answer
	}
	var r relayRecord
	if json.Unmarshal([]byte(sessionItem(keyRelay)), &r) != nil || len(r.Nonce) != 32 {
		return "", false
	}
	return r.Nonce, true
}

// sessionItem reads key from sessionStorage before go-app's context
// exists (OnInit); "" when absent.
func sessionItem(key string) string {
	item := app.Window().Get("sessionStorage").Call("getItem", key)
	if !item.Truthy() {
		return ""
	}
	return item.String()
}

// clearSession empties the sessionStorage of w, a window of this site:
// the copy of the tab's that the browser gives a window the tab opens
// (the sign-in popup, the vendor window), or a relay's own, which may
// hold MSAL's cache and its refresh token, so that no window synctoken
// opens carries or resumes a session. It reports whether it could: a
// window that already left this site (or a browser that forbids
// storage) makes the call throw, which is caught here.
func clearSession(w app.Value) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	w.Get("sessionStorage").Call("clear")
	return true
}

// storedState reads the state of the JSON kept at key in sessionStorage,
// before go-app's context exists (OnInit).
func storedState(key string) string {
	var v struct {
		State string `json:"state"`
	}
	if json.Unmarshal([]byte(sessionItem(key)), &v) != nil {
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
