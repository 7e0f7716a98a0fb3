package app

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// sendState is the one call in flight or last answered, whichever button
// sent it (Send request, Test connection, Confirm save), as the Response
// panel shows it. It is its own part because a send outlives the form
// that started it: the admin may change every field while it is in
// flight, and the answer must describe the request that was sent.
type sendState struct {
	requestID string // client-request-id of the next send
	sending   bool
	cancel    context.CancelFunc
	call      call           // the call the latest answer is for
	sent      *graph.Request // the request the response answers, redacted
	response  *graph.Response
	explained *graph.Explanation // why the last send went as it did
	support   string             // support details of the last send: no token, no values
	err       string             // why no answer was read
	wait      *graph.Wait        // the pause before a retry, counted down
}

// renderSend renders Send, disabled with the reasons while the form is
// invalid or a request is in flight, and the retry countdown.
func (p *Page) renderSend(checked graph.Checked) app.UI {
	reasons := checked.Errors()
	if expired := p.codeExpired(); expired != "" {
		reasons = append(reasons, expired)
	}
	if p.out.sending {
		reasons = []string{"A request is in flight."}
	}
	send := button("send", "", "Send request").On("click", p.onSend)
	switch {
	case p.out.sending:
		// Not disabled while in flight: a disabled button loses the keyboard
		// focus. onSend ignores it; aria-disabled says so.
		send = send.Attr("aria-disabled", "true")
	case len(reasons) > 0:
		send = send.Attr("disabled", "true") // go-app would write disabled="false" otherwise
	}
	return elWith("div.send", attrs{"data-call", callAuthorize.dataCall()},
		// Always there, so that what appears in them is announced and the
		// button below does not move under the admin's pointer.
		problemList("code-age", p.codeAge(p.now)),
		el("div#code-age-area", p.renderCodeExpired()),
		el("div#send-again-area[aria-live=polite]", p.renderSendAgain()),
		el("div.row",
			send,
			when(p.out.sending,
				button("cancel", "secondary", "Cancel").On("click", p.onCancel),
			),
		),
		// Announced when it appears, not at every tick of the countdown.
		el("div#retry[aria-live=polite][aria-relevant=additions]", p.renderWait()),
		blockedBy(reasons),
	)
}

// blockedBy says why Send is disabled, when it is.
func blockedBy(reasons []string) app.UI {
	if len(reasons) == 0 {
		return nil
	}
	items := make([]app.UI, len(reasons))
	for i, r := range reasons {
		items[i] = textEl("li", r)
	}
	return el("div#send-blocked.blocked[aria-live=polite]", textEl("p", "Send is disabled:"), el("ul", items...))
}

// renderWait counts down to the next retry.
func (p *Page) renderWait() app.UI {
	w := p.out.wait
	if w == nil || !p.out.sending {
		return nil
	}
	return textEl("p#retry-countdown.notice", fmt.Sprintf(
		"Graph answered %d %s: throttled or unavailable. Sending again in %d s (send %d of %d). Cancel stops it.",
		w.Last.Status, w.Last.Reason, retryLeft(w, p.now), w.Attempt, w.Attempts))
}

// retryLeft is the whole seconds left before the retry, at now.
func retryLeft(w *graph.Wait, now time.Time) int {
	return int(max(w.Until.Sub(now).Round(time.Second), 0) / time.Second)
}

func (p *Page) onSend(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	p.sendAuthorize(ctx, false)
}

// onSendAgain sends a code that was sent before, once the admin confirms.
func (p *Page) onSendAgain(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	p.sendAuthorize(ctx, true)
}

// sendAuthorize sends acquireAccessToken as the form stands. A request
// carrying an authorization code is sent once, never retried (the code
// works once, and a failed send may have spent it), and a code sent
// before is sent again only when again is set: the admin confirmed.
func (p *Page) sendAuthorize(ctx app.Context, again bool) {
	if p.out.sending {
		return // a second click while the first is in flight sends nothing
	}
	in, requestID := p.input(), p.out.requestID
	if _, err := graph.Build(in, requestID); err != nil {
		return // Send is disabled and says why
	}
	if p.codeExpired() != "" {
		return // Send is disabled and says why
	}
	carries := graph.CarriesAuthorizationCode(in.Credentials)
	if carries && !again && p.authz.wasSent(in.Credentials) {
		p.authz.again = true // renderSend asks first
		return
	}
	p.authz.again = false
	if carries {
		// Marked now, not when the answer comes: a send that got no
		// answer may have reached Graph, and the vendor, all the same.
		p.authz.markSent(in.Credentials)
	}
	cloud, kind := in.Cloud, in.Kind
	o := outgoing{
		call:    callAuthorize,
		backoff: graph.BackoffFor(in.Credentials),
		entry:   historyEntry{Cloud: cloud, Version: in.Version, Kind: kind, ObjectID: p.target.objectID, Keys: keysOf(in.Credentials)},
		build: func(token string) (graph.Request, error) {
			in.Token = token
			return graph.Build(in, requestID)
		},
		explain: func(resp *graph.Response, err error, claims *graph.Claims) graph.Explanation {
			if carries {
				return graph.ExplainCodeSend(resp, err, claims, cloud, kind)
			}
			return graph.Explain(resp, err, claims, cloud, kind)
		},
	}
	if carries {
		o.done = func(ctx app.Context, resp *graph.Response) {
			p.authz.handedOver = resp != nil && resp.Status == http.StatusNoContent
		}
	}
	p.send(ctx, o)
}

// outgoing is one call the page sends through its panels: Send request,
// Test connection or Save. Whichever it is, the Response panel shows its
// answer and explanation and the history gets a row, the same way.
type outgoing struct {
	call    call
	backoff graph.Backoff
	entry   historyEntry // the row's target and keys; send fills in the rest
	// build returns the request to send with token, the session's token
	// as it is when the send starts.
	build   func(token string) (graph.Request, error)
	explain func(resp *graph.Response, err error, claims *graph.Claims) graph.Explanation
	// done runs after the answer is shown, in the session that sent it.
	done func(ctx app.Context, resp *graph.Response)
}

// send sends o with the session's token, retrying as o.backoff allows,
// and shows what comes back. The admin can Cancel; Sign out, a cloud
// switch or a sign-in drop the answer (see newSession).
func (p *Page) send(ctx app.Context, o outgoing) {
	cctx, cancel := context.WithCancel(context.Background())
	p.startSend(o.call, cancel)
	entry := o.entry
	entry.At, entry.Call = time.Now(), o.call
	cloud := p.target.cloud
	gen := p.gen // Sign out or a cloud switch drops what comes back (see newSession)
	p.async(ctx, func() {
		a := p.exchange(cctx, o, func(w graph.Wait) {
			p.dispatch(ctx, func(ctx app.Context) {
				if gen == p.gen {
					p.out.wait, p.now = &w, time.Now()
				}
			})
		})
		p.dispatch(ctx, func(ctx app.Context) {
			cancel()
			if gen != p.gen {
				return // of a session the admin left: its token and answer stay out of the page
			}
			p.showAnswer(ctx, o, a, cloud, entry)
		})
	})
}

// startSend clears the last answer for the send of c that starts now,
// cancelled with cancel, and gives the next send a fresh client-request-id.
func (p *Page) startSend(c call, cancel context.CancelFunc) {
	p.out = sendState{sending: true, cancel: cancel, call: c, requestID: graph.NewRequestID()}
	p.history.viewing = nil
}

// answer is what one send got, whether or not Graph answered.
type answer struct {
	token string        // the token it was sent with
	req   graph.Request // as sent; empty when it could not be built
	resp  graph.Response
	sends int // how many times it was sent, with the retries
	err   error
}

// exchange gets the session's token, builds o's request with it and sends
// it, retrying as o.backoff allows; waiting runs before each retry. It
// runs off the page's goroutine: it changes nothing of the page.
func (p *Page) exchange(ctx context.Context, o outgoing, waiting func(graph.Wait)) answer {
	var a answer
	if a.token, a.err = p.freshToken(ctx); a.err != nil {
		return a
	}
	if a.req, a.err = o.build(a.token); a.err != nil {
		return a
	}
	a.resp, a.sends, a.err = graph.SendRetrying(ctx, p.client(), a.req, o.backoff, waiting)
	return a
}

// showAnswer puts what a send to cloud got into the Response panel and
// a history row, and runs o.done.
func (p *Page) showAnswer(ctx app.Context, o outgoing, a answer, cloud graph.Cloud, entry historyEntry) {
	p.out.sending, p.out.cancel, p.out.wait = false, nil, nil
	if a.token != "" {
		p.auth.token = a.token
	}
	if a.req.URL != "" {
		sent := a.req.Redacted(false) // the request ID is all it is kept for: no token in memory
		p.out.sent = &sent
	}
	var resp *graph.Response
	if a.resp.Status != 0 {
		resp = &a.resp // also when cancelled while waiting to retry: the last answer stays visible
	}
	x, err := explainAnswer(o, a, resp)
	p.out.explained, p.out.support = &x, graph.SupportDetails(a.req, resp, cloud)
	p.out.response = resp
	p.out.err = failureText(err)
	entry.Attempts, entry.Response, entry.Failure, entry.Explanation, entry.Support =
		a.sends, resp, p.out.err, &x, p.out.support
	entry.Elapsed = time.Since(entry.At)
	if a.req.URL != "" {
		entry.Request = a.req.Redacted(false)
	}
	p.history.record(entry)
	if o.done != nil {
		o.done(ctx, resp)
	}
}

// explainAnswer explains a send's answer (resp, nil when none came) with
// the claims of its token, saying when it took several sends. A retry
// cancelled while waiting is no failure: the last answer is explained,
// and the error returned is what is left to show as one.
func explainAnswer(o outgoing, a answer, resp *graph.Response) (graph.Explanation, error) {
	var claims *graph.Claims
	if c, err := graph.DecodeToken(a.token); err == nil {
		claims = &c
	}
	err := a.err
	x := o.explain(resp, err, claims)
	if resp != nil && a.sends > 1 {
		x.Cause += fmt.Sprintf(" synctoken sent the request %d times, waiting longer each time.", a.sends)
	}
	if resp != nil && err != nil { // cancelled while waiting to retry
		x.Title, err = "Retry cancelled — "+x.Title, nil
	}
	return x, err
}

// failureText says why no answer was read: a send error's own message,
// "" without an error.
func failureText(err error) string {
	var se *graph.SendError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &se):
		return se.Message
	}
	return err.Error()
}

// keysOf lists the keys of creds, for the history: values are never kept.
func keysOf(creds []graph.Credential) []string {
	var keys []string
	for _, c := range creds {
		keys = append(keys, c.Key)
	}
	return keys
}

func (p *Page) onCancel(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	if p.out.cancel != nil {
		p.out.cancel()
	}
}
