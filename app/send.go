package app

import (
	"context"
	"errors"
	"fmt"
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

// sender sends the page's calls (Send request, Test connection, Save,
// the job's), one at a time, and shows each answer in the Response panel
// and a history row.
type sender struct {
	sendState
	s       *session
	f       *form
	history *historyStep
}

// renderWait counts down to the next retry, at now.
func (x *sender) renderWait(now time.Time) app.UI {
	w := x.wait
	if w == nil || !x.sending {
		return nil
	}
	return textEl("p#retry-countdown.notice", fmt.Sprintf(
		"Graph answered %d %s: throttled or unavailable. Sending again in %d s (send %d of %d). Cancel stops it.",
		w.Last.Status, w.Last.Reason, retryLeft(w, now), w.Attempt, w.Attempts))
}

// retryLeft is the whole seconds left before the retry, at now.
func retryLeft(w *graph.Wait, now time.Time) int {
	return int(max(w.Until.Sub(now).Round(time.Second), 0) / time.Second)
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
// switch or a sign-in end the session: the send is cancelled and its
// answer dropped (see session.end).
func (x *sender) send(ctx app.Context, o outgoing) {
	t := x.s.ticket()
	cctx, cancel := context.WithCancel(t.ctx)
	x.startSend(o.call, cancel)
	entry := o.entry
	entry.At, entry.Call = time.Now(), o.call
	cloud := x.f.target.cloud
	async(x.s.own(ctx), func() {
		a := x.exchange(cctx, o, func(w graph.Wait) {
			t.dispatch(ctx, func(ctx app.Context) { x.wait = &w }) // drawn at the render's time
		})
		cancel()
		// Of a session the admin left, the token and answer stay out of the page.
		t.dispatch(ctx, func(ctx app.Context) { x.showAnswer(ctx, o, a, cloud, entry) })
	})
}

// startSend clears the last answer for the send of c that starts now,
// cancelled with cancel, and gives the next send a fresh client-request-id.
func (x *sender) startSend(c call, cancel context.CancelFunc) {
	x.sendState = sendState{sending: true, cancel: cancel, call: c, requestID: graph.NewRequestID()}
	x.history.viewing = nil
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
func (x *sender) exchange(ctx context.Context, o outgoing, waiting func(graph.Wait)) answer {
	var a answer
	if a.token, a.err = x.s.tokens.freshToken(ctx); a.err != nil {
		return a
	}
	if a.req, a.err = o.build(a.token); a.err != nil {
		return a
	}
	a.resp, a.sends, a.err = graph.SendRetrying(ctx, x.s.client, a.req, o.backoff, waiting)
	return a
}

// showAnswer puts what a send to cloud got into the Response panel and
// a history row, and runs o.done.
func (x *sender) showAnswer(ctx app.Context, o outgoing, a answer, cloud graph.Cloud, entry historyEntry) {
	x.sending, x.cancel, x.wait = false, nil, nil
	if a.token != "" {
		x.s.tokens.keepToken(a.token)
	}
	if a.req.URL != "" {
		sent := a.req.Redacted(false) // the request ID is all it is kept for: no token in memory
		x.sent = &sent
	}
	var resp *graph.Response
	if a.resp.Status != 0 {
		resp = &a.resp // also when cancelled while waiting to retry: the last answer stays visible
	}
	ex, err := explainAnswer(o, a, resp)
	x.explained, x.support = &ex, graph.SupportDetails(a.req, resp, cloud)
	x.response = resp
	x.err = failureText(err)
	entry.Attempts, entry.Response, entry.Failure, entry.Explanation, entry.Support =
		a.sends, resp, x.err, &ex, x.support
	entry.Elapsed = time.Since(entry.At)
	if a.req.URL != "" {
		entry.Request = a.req.Redacted(false)
	}
	x.history.record(entry)
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

func (x *sender) onCancel(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	if x.cancel != nil {
		x.cancel()
	}
}

// reset says why the send in flight, cancelled with the session's
// context, stopped.
func (x *sender) reset(e sessionEnd) {
	if !x.sending {
		return
	}
	if x.cancel != nil {
		x.cancel()
	}
	x.sending, x.cancel, x.wait = false, nil, nil
	x.err = "The request in flight was stopped because " + e.why + ": Graph may have received it, but its answer was not kept."
}
