package graph

import (
	"context"
	"errors"
	"io"
	"net/http"
	"time"
)

// DefaultTimeout bounds one request, answer included.
const DefaultTimeout = 30 * time.Second

// Client sends HTTP requests: in the browser through fetch (client_js.go),
// natively through net/http (client_native.go). It has the method set of
// MSAL Go's HTTPClient (Do and CloseIdleConnections), so sign-in shares it.
//
// The browser build never touches http.Client or http.DefaultTransport:
// linking net/http's transport would add about 5 MB to the wasm.
type Client struct {
	// Timeout bounds each request; zero means DefaultTimeout.
	Timeout time.Duration
}

var _ interface {
	Do(*http.Request) (*http.Response, error)
	CloseIdleConnections()
} = (*Client)(nil)

func (c *Client) timeout() time.Duration {
	if c == nil || c.Timeout <= 0 {
		return DefaultTimeout
	}
	return c.Timeout
}

// ErrFetch is the failure fetch reports for a network error, a CORS refusal,
// a blocked request or an offline browser, which the page cannot tell apart.
var ErrFetch = errors.New("fetch failed")

// errRedirect is an answer that redirects elsewhere. Graph never redirects
// this call; a proxy or captive portal does. Redirects are not followed, so
// the token and the values never go to another address.
var errRedirect = errors.New("the answer was a redirect, which was not followed")

// errCutOff is an answer whose body stopped before its end: the connection
// dropped after the status arrived.
var errCutOff = errors.New("the answer was cut off")

// cancelBody releases a request's timeout once its body is closed.
type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}
