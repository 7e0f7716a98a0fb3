package app

import (
	"net/http"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// handOverStep is the Hand it over step: Send request, which sends
// acquireAccessToken with the code Get the code took, through the sender
// (send.go) that every call of the page shares.
type handOverStep struct {
	out     *sender
	f       *form
	authz   *authorizeState // the codes sent, and whether the last was handed over
	code    codeSource      // the code's age: Get the code's
	history *historyStep    // whether the code was handed over
}

// codeSource tells how old the code in the rows is (sendonce.go).
type codeSource interface {
	codeAge(now time.Time) []graph.Problem
	codeExpired() string
	renderCodeExpired() app.UI
}

// renderSend renders Send, disabled with the reasons while the form is
// invalid or a request is in flight, and the retry countdown.
func (h *handOverStep) renderSend(checked graph.Checked, now time.Time) app.UI {
	reasons := checked.Errors()
	if expired := h.code.codeExpired(); expired != "" {
		reasons = append(reasons, expired)
	}
	if h.out.sending {
		reasons = []string{"A request is in flight."}
	}
	send := button("send", "", "Send request").On("click", h.onSend)
	switch {
	case h.out.sending:
		// Not disabled while in flight: a disabled button loses the keyboard
		// focus. onSend ignores it; aria-disabled says so.
		send = send.Attr("aria-disabled", "true")
	case len(reasons) > 0:
		send = send.Attr("disabled", "true") // go-app would write disabled="false" otherwise
	}
	return elWith("div.send", attrs{"data-call", callAuthorize.dataCall()},
		// Always there, so that what appears in them is announced and the
		// button below does not move under the admin's pointer.
		problemList("code-age", h.code.codeAge(now)),
		el("div#code-age-area", h.code.renderCodeExpired()),
		el("div#send-again-area[aria-live=polite]", h.renderSendAgain()),
		el("div.row",
			send,
			when(h.out.sending,
				button("cancel", "secondary", "Cancel").On("click", h.out.onCancel),
			),
		),
		// Announced when it appears, not at every tick of the countdown.
		el("div#retry[aria-live=polite][aria-relevant=additions]", h.out.renderWait(now)),
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

func (h *handOverStep) onSend(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	h.sendAuthorize(ctx, false)
}

// onSendAgain sends a code that was sent before, once the admin confirms.
func (h *handOverStep) onSendAgain(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	h.sendAuthorize(ctx, true)
}

// sendAuthorize sends acquireAccessToken as the form stands. A request
// carrying an authorization code is sent once, never retried (the code
// works once, and a failed send may have spent it), and a code sent
// before is sent again only when again is set: the admin confirmed.
func (h *handOverStep) sendAuthorize(ctx app.Context, again bool) {
	if h.out.sending {
		return // a second click while the first is in flight sends nothing
	}
	in, requestID := h.f.input(), h.out.requestID
	if _, err := graph.Build(in, requestID); err != nil {
		return // Send is disabled and says why
	}
	if h.code.codeExpired() != "" {
		return // Send is disabled and says why
	}
	carries := graph.CarriesAuthorizationCode(in.Credentials)
	if carries && !again && h.authz.wasSent(in.Credentials) {
		h.authz.again = true // renderSend asks first
		return
	}
	h.authz.again = false
	if carries {
		// Marked now, not when the answer comes: a send that got no
		// answer may have reached Graph, and the vendor, all the same.
		h.authz.markSent(in.Credentials)
	}
	cloud, kind := in.Cloud, in.Kind
	o := outgoing{
		call:    callAuthorize,
		backoff: graph.BackoffFor(in.Credentials),
		entry:   historyEntry{Cloud: cloud, Version: in.Version, Kind: kind, ObjectID: h.f.target.objectID, Keys: keysOf(in.Credentials)},
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
			h.authz.handedOver = resp != nil && resp.Status == http.StatusNoContent
		}
	}
	h.out.send(ctx, o)
}

func (h *handOverStep) status(graph.Checked) stepStatus {
	if !h.f.wantsCode() {
		return stepStatus{stepNotNeeded, "Send request (Authorize) is not this connector's call: go on to Test connection."}
	}
	if h.out.sending && h.out.call == callAuthorize {
		return stepStatus{stepToDo, "Sending…"}
	}
	e, sent := h.history.lastSent(callAuthorize, h.f.spID())
	switch {
	case !sent || h.authz.codeAt.After(e.At):
		return stepStatus{stepToDo, "Send request hands the code to the provisioning service."}
	case e.ok() && h.authz.handedOver:
		return stepStatus{stepDone, "Code handed over " + e.answered() + "."}
	case e.ok():
		return stepStatus{stepDone, "Sent " + e.answered() + "."}
	}
	return stepStatus{stepAttention, "Send request got " + e.status() + " at " + e.At.Format("15:04") + ": see the explanation."}
}
