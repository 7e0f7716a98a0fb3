package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// Doer sends one HTTP request; *Client is the one synctoken uses.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// maxBody is how much of a response body is read; the rest is dropped and
// the Response says so. Graph's answers to this action are small; a huge
// one is a proxy or a fault and must not freeze the page.
const maxBody = 1 << 20

// Send sends r with c and reads the answer. An error means no HTTP answer
// was read at all: the message says why in the admin's terms.
func Send(ctx context.Context, c Doer, r Request) (Response, error) {
	req, err := http.NewRequestWithContext(ctx, r.Method, r.URL, bytes.NewReader(r.Body))
	if err != nil {
		return Response{}, fmt.Errorf("the request could not be made: %w", err)
	}
	for _, h := range r.Header {
		req.Header.Add(h.Name, h.Value)
	}
	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		return Response{}, explainSendError(err, time.Since(start))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		if ctx.Err() == nil && !errors.Is(err, errCutOff) && !errors.Is(err, context.DeadlineExceeded) {
			err = fmt.Errorf("%w (status %d): %v", errCutOff, resp.StatusCode, err)
		}
		return Response{}, explainSendError(err, time.Since(start))
	}
	return decode(resp, body, time.Since(start)), nil
}

// SendError is a request that got no HTTP answer.
type SendError struct {
	Kind    string // "timeout", "cancelled", "redirect", "cut" or "network"
	Message string
	Err     error
}

func (e *SendError) Error() string { return e.Message }
func (e *SendError) Unwrap() error { return e.Err }

func explainSendError(err error, elapsed time.Duration) error {
	// One SendError built at the end: a literal per case would be an
	// allocation and write barriers each, more bytes of wasm.
	kind, msg := "network", ""
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		kind, msg = "timeout", "No answer after "+elapsed.Round(time.Second).String()+": the request timed out. Graph or the network may be slow; try again."
	case errors.Is(err, context.Canceled):
		kind, msg = "cancelled", "The request was cancelled before an answer arrived."
	case errors.Is(err, errRedirect):
		kind, msg = "redirect", "The answer was a redirect to another address, which synctoken did not follow: Graph never redirects this call, so a proxy, a captive portal (a guest Wi-Fi sign-in page) or a wrong host answered. The token and values went nowhere else."
	case errors.Is(err, errCutOff):
		kind, msg = "cut", "The answer began but was cut off before its end ("+err.Error()+"): the connection dropped. Graph may have run the request."
	case errors.Is(err, ErrFetch):
		msg = "The browser got no readable answer (" + err.Error() + "). The network may be offline, the host unreachable, or the answer blocked by CORS, a browser extension or a proxy; the browser does not tell which."
	default:
		msg = "The request failed: " + err.Error()
	}
	return &SendError{kind, msg, err}
}
