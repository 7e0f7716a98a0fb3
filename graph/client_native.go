//go:build !js

package graph

import (
	"context"
	"net/http"
	"sync"
)

var (
	nativeOnce sync.Once
	native     *http.Client
)

// Do sends req with net/http; used natively by tests and tools.
func (c *Client) Do(req *http.Request) (*http.Response, error) {
	nativeOnce.Do(func() {
		// Like the browser client, never follow a redirect (errRedirect).
		native = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return errRedirect }}
	})
	ctx, cancel := context.WithTimeout(req.Context(), c.timeout())
	resp, err := native.Do(req.WithContext(ctx))
	if err != nil {
		cancel()
		return nil, err
	}
	resp.Body = &cancelBody{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

// CloseIdleConnections closes the native client's idle connections.
func (c *Client) CloseIdleConnections() {
	if native != nil {
		native.CloseIdleConnections()
	}
}
