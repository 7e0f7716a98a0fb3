package signin

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"synctoken/graph"
)

// simpleHeaders are what MSAL Go puts on every request. None is
// CORS-safelisted, so a browser would preflight each token request, which
// Entra's server team asked clients never to cause. MSAL.js sends the same
// values in the query string; transport does likewise.
var simpleHeaders = []string{"client-request-id", "Return-Client-Request-Id", "x-client-sku", "x-client-os", "x-client-cpu", "x-client-ver"}

// transport is the HTTP client given to MSAL. It sends MSAL's requests
// only to the cloud's sign-in hosts (its LoginHost and aliases: the OpenID
// configuration may name its endpoints on an alias, as China's does), keeps
// every one of them CORS-simple, and reaches a sandbox over plain http
// although the sandbox names itself https, as MSAL requires of authorities.
type transport struct {
	next  graph.Doer
	cloud string   // the cloud's name, for the refusal
	hosts []string // the sign-in hosts, lowercase: nothing else is sent to
	plain bool     // a sandbox on plain http: https to its hosts is sent as http
}

// newTransport returns the sign-in client of cloud over next.
func newTransport(next graph.Doer, cloud graph.Cloud) *transport {
	d := &transport{next: next, cloud: cloud.Name, plain: cloud.PlainHTTP()}
	for _, h := range cloud.SignInHosts() {
		d.hosts = append(d.hosts, strings.ToLower(h))
	}
	return d
}

// errForeignHost marks a request MSAL wanted to send to a host that is
// not one of the cloud's sign-in hosts: it is refused, not sent.
var errForeignHost = errors.New("Sign-in stopped: MSAL was about to send a request to a host that is not a sign-in host of this cloud")

func (d *transport) Do(req *http.Request) (*http.Response, error) {
	if !slices.Contains(d.hosts, strings.ToLower(req.URL.Host)) {
		return nil, fmt.Errorf("%w: %s (%s signs in at %s); nothing was sent.", errForeignHost, req.URL.Host, d.cloud, strings.Join(d.hosts, ", "))
	}
	req = req.Clone(req.Context())
	q := req.URL.Query()
	for _, name := range simpleHeaders {
		if v := req.Header.Get(name); v != "" {
			q.Set(name, v)
		}
		req.Header.Del(name)
	}
	u := *req.URL
	u.RawQuery = q.Encode()
	if d.plain && u.Scheme == "https" {
		u.Scheme = "http"
	}
	req.URL = &u
	resp, err := d.next.Do(req)
	if err != nil && req.Method == http.MethodGet && isFetchFailure(err) {
		// A metadata read (the OpenID configuration, instance discovery)
		// that failed at the network is asked once more: it changes
		// nothing, and a sign-in should not fail on one dropped
		// connection. A token POST is never repeated: its code is spent.
		resp, err = d.next.Do(req)
	}
	if err != nil && strings.HasSuffix(req.URL.Path, "/token") && isFetchFailure(err) {
		return nil, fmt.Errorf("%w: %w", errTokenUnreadable, err)
	}
	return resp, err
}

// errTokenUnreadable marks a token request whose answer the browser did not
// hand over. Entra sends some refusals from its token endpoint (401s among
// them) without CORS headers, and a browser reports those exactly as it
// reports a network failure: explainError says both.
var errTokenUnreadable = errors.New("the token request got no readable answer")

// isFetchFailure reports whether err is the browser's failed fetch. MSAL
// does not always wrap the client's error: its text is matched too.
func isFetchFailure(err error) bool {
	return errors.Is(err, graph.ErrFetch) || strings.Contains(err.Error(), graph.ErrFetch.Error())
}

func (d *transport) CloseIdleConnections() {
	if c, ok := d.next.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// plainURL maps a sandbox's https URL on any of its hosts to the http it
// really listens on, for the authorize navigation; other URLs are returned
// as they are.
func (d *transport) plainURL(u string) string {
	if !d.plain {
		return u
	}
	for _, h := range d.hosts {
		if rest, ok := strings.CutPrefix(u, "https://"+h+"/"); ok {
			return "http://" + h + "/" + rest
		}
	}
	return u
}
