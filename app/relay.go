package app

import (
	"net/url"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
	"synctoken/graph/signin"
)

// Relay is what the app shows in a sign-in popup, or in the vendor's
// window of an Authorize whose redirect URI is this page: it hands the
// answer in its address to the page that asked, and nothing else. It is
// its own component, chosen by route (newScreen), so the Page never
// carries a relay mode and a relay never carries a session.
type Relay struct {
	app.Compo
	r popupRelay
}

// newScreen is the component for the page being loaded. The redirect URI
// is the site root, so a relay cannot be told by its path: it is told by
// its URL and window name (relayFor). The server always prerenders the
// Page; in the browser, a relay window swaps it for the Relay.
func newScreen() app.Composer {
	if app.IsClient {
		if r, ok := relayFor(app.Window().URL()); ok {
			return &Relay{r: r}
		}
	}
	return &Page{}
}

// relayFor tells whether the window loaded at u is a relay: a sign-in
// popup (the answer's state, or the window's name, says so), or a vendor
// window holding the relay record synctoken wrote (vendorWindow).
func relayFor(u *url.URL) (popupRelay, bool) {
	r := signInWindow(signin.PopupAnswer(u))
	if nonce, ok := vendorWindow(u); ok && !r.on {
		r = popupRelay{on: true, vendor: true, state: signin.AnswerState(u), nonce: nonce}
	}
	return r, r.on
}

// OnInit clears the window's sessionStorage, first thing, when it carries
// an answer: a relay carries no session, and keeps none.
func (c *Relay) OnInit() {
	if c.r.state != "" || c.r.vendor {
		clearSession(app.Window())
	}
}

// OnMount exposes the test hooks in sandbox builds: the popup tests wait
// on synctokenBusy in the relay window too.
func (c *Relay) OnMount(ctx app.Context) {
	defer recovered(ctx)
	if _, ok := graph.Sandbox(app.Getenv(SandboxEnv)); ok {
		exposeTestHooks(ctx)
	}
}

// OnNav hands the answer in the window's address to the page that asked,
// over the answer's channel, removes it from the address bar and closes
// the window once that page has it. It never redeems the code: only the
// page that began the sign-in holds the PKCE verifier.
func (c *Relay) OnNav(ctx app.Context) {
	defer recovered(ctx)
	r := &c.r
	if (r.state == "" && !r.vendor) || r.sent {
		return
	}
	r.sent = true
	href := ctx.Page().URL().String()
	cleanURL(ctx)
	postAnswer(r.channel(), href, func() {
		dispatch(ctx, func(ctx app.Context) {
			r.received = true
			app.Window().Call("close")
		})
	}, func() {
		dispatch(ctx, func(ctx app.Context) { r.unheard = true })
	})
}

// Render is all the relay window shows.
func (c *Relay) Render() app.UI {
	r := c.r
	var note string
	switch {
	case r.vendor && r.received:
		note = "The synctoken page that opened this window has the vendor's answer. You can close this window."
	case r.vendor && r.unheard:
		note = "No synctoken page is waiting for this vendor's answer: the page that opened this window was closed or reloaded, " +
			"switched cloud, signed out or opened another authorization page. Close this window and open the authorization page again from synctoken."
	case r.vendor:
		note = "Handing the vendor's answer to synctoken… this window closes by itself."
	case r.received:
		note = "Signed in: the synctoken page that asked has the answer. You can close this window."
	case r.unheard:
		note = "No synctoken page is waiting for this sign-in answer: the page that asked was closed or reloaded, " +
			"signed out, switched cloud or began another sign-in. Close this window and sign in again from synctoken."
	case r.state == "":
		note = "This is synctoken's sign-in window. It closes by itself once the sign-in page answers."
	default:
		note = "Signing in… this window closes by itself."
	}
	return el("div.page", textEl("p#popup-note[aria-live=polite]", note))
}

// popupRelay is the state of the app loaded in a sign-in window, or in the
// vendor's window of an Authorize whose redirect URI is this page.
type popupRelay struct {
	on       bool   // this window is a sign-in popup: it never redeems an answer itself
	vendor   bool   // it carries a vendor's answer to Authorize, not a sign-in's
	state    string // the state of the answer it carries, "" when none
	nonce    string // a vendor relay's hand-off: the name of its channel
	sent     bool   // the answer was posted
	received bool   // the page that asked has it
	unheard  bool   // nobody took it within relayTimeout
}

// channel is the BroadcastChannel the relay posts its answer on.
func (r popupRelay) channel() string {
	if r.vendor {
		return vendorChannelName(r.nonce)
	}
	return channelName(r.state)
}

// relayTimeout is how long the popup waits for the page that asked to take
// the answer before saying that nobody did.
const relayTimeout = 5 * time.Second

// signInWindow tells whether this window is a sign-in popup, from the
// answer's state (BeginPopup marks it; the window's name does not survive
// a Cross-Origin-Opener-Policy) or from the window's name.
func signInWindow(state string, popupAnswer bool) popupRelay {
	if popupAnswer {
		return popupRelay{on: true, state: state}
	}
	return popupRelay{on: strings.HasPrefix(app.Window().Get("name").String(), popupPrefix)}
}

// postAnswer posts href, the answer, on its channel (channelName or
// vendorChannelName); received runs once the page that asked says it has
// it, unheard when nobody said so within relayTimeout.
func postAnswer(channel, href string, received, unheard func()) {
	ch := app.Window().Get("BroadcastChannel").New(channel)
	heard := make(chan struct{})
	var fn app.Func
	fn = app.FuncOf(func(this app.Value, args []app.Value) any {
		if len(args) > 0 && args[0].Get("data").String() == receivedMessage {
			select {
			case <-heard:
			default:
				close(heard)
				received()
			}
		}
		return nil
	})
	ch.Set("onmessage", fn)
	ch.Call("postMessage", href)
	go func() {
		select {
		case <-heard:
		case <-time.After(relayTimeout):
			unheard()
			<-heard // the page that asked may still be slow to answer
		}
		ch.Call("close")
		fn.Release()
	}()
}
