package graph

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// simpleHeaders are what MSAL Go puts on every request. None is
// CORS-safelisted, so a browser would preflight each token request, and
// Entra's token endpoint refuses preflights. MSAL.js sends the same values
// in the query string; signinDoer does likewise.
var simpleHeaders = []string{"client-request-id", "Return-Client-Request-Id", "x-client-sku", "x-client-os", "x-client-cpu", "x-client-ver"}

// signinDoer is the HTTP client given to MSAL: it keeps requests to the
// sign-in host CORS-simple, and reaches a sandbox over plain http although
// the sandbox names itself https, as MSAL requires of authorities.
type signinDoer struct {
	next      Doer
	loginHost string // requests to this host are made CORS-simple
	plainHost string // the sandbox host: https is sent as http; "" for real clouds
}

func (d *signinDoer) Do(req *http.Request) (*http.Response, error) {
	if req.URL.Host == d.loginHost {
		req = req.Clone(req.Context())
		q := req.URL.Query()
		for _, name := range simpleHeaders {
			if v := req.Header.Get(name); v != "" {
				q.Set(name, v)
			}
			req.Header.Del(name)
		}
		req.URL.RawQuery = q.Encode()
	}
	if d.plainHost != "" && req.URL.Host == d.plainHost && req.URL.Scheme == "https" {
		u := *req.URL
		u.Scheme = "http"
		req = req.Clone(req.Context())
		req.URL = &u
	}
	resp, err := d.next.Do(req)
	if err != nil && strings.HasSuffix(req.URL.Path, "/token") && isFetchFailure(err) {
		return nil, fmt.Errorf("%w: %w", errTokenUnreadable, err)
	}
	return resp, err
}

// errTokenUnreadable marks a token request whose answer the browser did not
// hand over. Entra sends some refusals from its token endpoint (401s among
// them) without CORS headers, and a browser reports those exactly as it
// reports a network failure: explainSignInError says both.
var errTokenUnreadable = errors.New("the token request got no readable answer")

// isFetchFailure reports whether err is the browser's failed fetch. MSAL
// does not always wrap the client's error: its text is matched too.
func isFetchFailure(err error) bool {
	return errors.Is(err, ErrFetch) || strings.Contains(err.Error(), ErrFetch.Error())
}

func (d *signinDoer) CloseIdleConnections() {
	if c, ok := d.next.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// plainURL maps a sandbox's https URL to the http it really listens on, for
// the authorize navigation; other URLs are returned as they are.
func (d *signinDoer) plainURL(u string) string {
	if d.plainHost != "" && strings.HasPrefix(u, "https://"+d.plainHost+"/") {
		return "http://" + strings.TrimPrefix(u, "https://")
	}
	return u
}
