package app

import (
	"crypto/rand"
	"encoding/hex"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The sign-in popup. The page opens it during the click, sends it to the
// sign-in page, and learns the answer from the app that loads in it at the
// redirect URI, through a BroadcastChannel named for the sign-in's state:
// not through window.opener or the popup's address. Entra's sign-in page
// sends Cross-Origin-Opener-Policy, which cuts the link between the two
// windows: the page then reads popup.closed as true while the popup is
// open, and the popup's window.opener is null. A BroadcastChannel only
// joins documents of the site's own origin, in the same browser profile.

// popupPrefix starts the name of every sign-in window. The rest is random
// and new for each sign-in, so that window.open never reuses a stale
// sign-in window, or another tab's.
const popupPrefix = "synctoken-signin-"

// receivedMessage is what the page answers on the channel once it has the
// sign-in answer: the popup may close.
const receivedMessage = "received"

// newPopupName returns a fresh name for a sign-in window.
func newPopupName() string {
	b := make([]byte, 12)
	rand.Read(b)
	return popupPrefix + hex.EncodeToString(b)
}

// openPopup opens an empty sign-in window named name during the click,
// while the browser still counts it as a user gesture; the sign-in URL
// comes later. It returns a null value when the browser blocked it. The
// browser gives the window a copy of this tab's sessionStorage, MSAL's
// cache and its refresh token included: it is cleared at once, while the
// window is still this site's empty page, so the popup carries no session.
func openPopup(name string) app.Value {
	w := app.Window().Call("open", "", name, "popup,width=520,height=680")
	if w.Truthy() {
		clearSession(w)
	}
	return w
}

// channelName is the BroadcastChannel of the sign-in with this state: only
// the page that began it listens there.
func channelName(state string) string { return "synctoken.signin." + state }

// vendorChannelName is the BroadcastChannel of the vendor's answer to an
// Authorize whose redirect URI is this page (see vendor_window.go), named
// for the nonce of its hand-off, never for the state (which the vendor's
// URL may fix): apart from the sign-in's, so that neither answer can
// reach the other's handler.
func vendorChannelName(nonce string) string { return "synctoken.vendor." + nonce }

// answerChannel listens for the answer to one popup sign-in.
type answerChannel struct {
	channel string
	ch      app.Value
	fn      app.Func
	done    chan struct{} // closed by close: stops watchPopup
}

// listenForAnswer listens on channel (channelName or vendorChannelName);
// got runs with the popup's address (the answer) when the popup posts it,
// and the popup is told it may close.
func listenForAnswer(channel string, got func(href string)) *answerChannel {
	a := &answerChannel{channel: channel, done: make(chan struct{})}
	a.ch = app.Window().Get("BroadcastChannel").New(channel)
	a.fn = app.FuncOf(func(this app.Value, args []app.Value) any {
		if len(args) == 0 {
			return nil
		}
		data := args[0].Get("data")
		if data.Type() != app.TypeString || data.String() == receivedMessage {
			return nil
		}
		a.ch.Call("postMessage", receivedMessage)
		got(data.String())
		return nil
	})
	a.ch.Set("onmessage", a.fn)
	return a
}

// close stops listening. It may be called more than once.
func (a *answerChannel) close() {
	select {
	case <-a.done:
		return
	default:
	}
	close(a.done)
	a.ch.Set("onmessage", nil)
	a.ch.Call("close")
	a.fn.Release()
}

// watchPopup polls the sign-in window until it reads as closed, which also
// happens while it is open when the sign-in page's Cross-Origin-Opener-
// Policy cut its link to this page, and then calls cut; or until a stops.
func watchPopup(popup app.Value, a *answerChannel, cut func()) {
	for {
		select {
		case <-a.done:
			return
		case <-time.After(100 * time.Millisecond):
		}
		if !popup.Truthy() || popup.Get("closed").Bool() {
			cut()
			return
		}
	}
}

// closePopup closes the sign-in window while this page still holds it.
func closePopup(popup app.Value) {
	if popup != nil && popup.Truthy() && !popup.Get("closed").Bool() {
		popup.Call("close")
	}
}
