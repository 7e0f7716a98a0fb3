// Package graphtest runs a local simulator of Microsoft Graph's
// acquireAccessToken action, of the reads an admin makes around it
// (applications, service principals and their synchronization jobs) and of
// the Entra ID sign-in that precedes them, for tests and for demos in a
// browser.
//
// The sandbox answers with Graph's status codes, error bodies, headers and
// CORS rules, and accepts only RS256 tokens that it signed itself (see
// Server.Token), so a client can be exercised end to end without a tenant.
// Replies, Faults, Refuse and FailTokenWith force the failures a client
// must survive; HoldRefresh keeps a token refresh on the wire while a test
// ends the session that asked for it.
// On the same port it serves Entra's v2.0 endpoints (OpenID configuration,
// keys, authorize with a sign-in page, token) for one SPA app registration,
// ClientID, so that an app can sign in with MSAL as it would in a tenant,
// and gets Graph's tokens in Graph's v1.0 shape. UseAliasHost names those
// endpoints on a second name of the sandbox; SignInPreflights tells whether
// any sign-in request was preflighted.
//
// It also plays the Admin Credentials step of provisioning: a vendor's
// OAuth server (VendorAuthorizationURL, with Allow and Deny), the portal's
// TokenAuthorize landing page (LandingURL), acquireAccessToken redeeming
// the vendor's code, validateCredentials (Test connection), the saved
// credentials (GET and PUT synchronization/secrets, masked and eventually
// consistent: SetSecretsDelay) and the synchronization templates.
package graphtest

import (
	"crypto/rand"
	"crypto/rsa"
	"io"
	"log"
	"net"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// A Server is a running sandbox. Its methods are safe for concurrent use.
type Server struct {
	// URL is the base URL, "http://127.0.0.1:PORT", without a trailing slash.
	URL string

	host string // "127.0.0.1:PORT": the name the sandbox gives itself in tokens
	addr string // the address it listens on, to listen again after Refuse
	key  *rsa.PrivateKey
	kid  string // the key's id in token headers and the JWKS
	srv  *http.Server
	stop chan struct{} // closed by Close to cut delays short

	mu       sync.Mutex
	closed   bool
	listener listener // the open listener, if any (see Refuse)
	serving  sync.WaitGroup
	inflight sync.WaitGroup
	requests []Recorded
	replies  []queued
	// preflights are the preflights that reached a sign-in endpoint since
	// the start: Reset keeps them (see SignInPreflights).
	preflights []Recorded

	entra entraState   // the sign-in side, under its own lock
	prov  provisioning // the vendor and the saved credentials, under their own lock
	conns conns        // the open connections, under their own lock
	runs  jobRuns      // the jobs' restarts and starts, under their own lock

	endlessSent atomic.Int64 // see EndlessSent
}

// Recorded is a request as the sandbox received it. Host is the name it
// was sent to: the sandbox's own, or AliasHost.
type Recorded struct {
	Method, Host, Path, RawQuery string
	Header                       http.Header
	Body                         []byte
	At                           time.Time
}

// Reply is a canned answer to Graph requests, to force what the sandbox
// would not otherwise produce: throttling, outages, slowness, broken
// responses and broken connections.
//
// A zero Status answers normally, after Delay. Header is added over the usual
// Graph and CORS headers; "X-Sandbox-No-CORS: 1" in it instead removes every
// Access-Control-* header, as a broken CORS setup would. A non-empty Body is
// sent as application/json unless Header says otherwise. Times is how many
// requests the reply answers; 0 means once.
//
// Path chooses the requests: empty, those on the action's path (whatever
// the method); otherwise a regular expression (package regexp, unanchored,
// case-insensitive) on the request's decoded path (%27 reads as a quote;
// the query is not part of it), so that a reply can answer the look-ups
// too: "/synchronization/jobs$", `^/v1\.0/servicePrincipals\(`, or "." for
// every Graph request, the action included. Preflights, the sign-in
// endpoints, the vendor's and landing pages and /_sandbox/token are never
// answered by a Reply (see FailTokenWith for the token endpoint).
//
// Fault, when set, breaks the connection instead (after Delay): see Fault.
//
// Some answers a client must survive, as Replies:
//
//	// a 10 MB body
//	Reply{Status: 200, Body: strings.Repeat("x", 10<<20)}
//	// a proxy's HTML error page
//	Reply{Status: 502, Header: http.Header{"Content-Type": {"text/html"}},
//		Body: "<html><body><h1>502 Bad Gateway</h1></body></html>"}
//	// truncated JSON, complete as HTTP (see FaultTruncate for a cut connection)
//	Reply{Status: 200, Path: "/synchronization/jobs$", Body: `{"value":[{"id":"sales`}
//	// a 500 with an empty body
//	Reply{Status: 500}
//	// a redirect
//	Reply{Status: 302, Header: http.Header{"Location": {"https://login.example/"}}}
//	// no jobs at all
//	Reply{Status: 200, Path: "/synchronization/jobs$", Body: `{"value":[]}`}
//	// a connection reset on any Graph request
//	Reply{Path: ".", Fault: FaultReset, Times: 2}
type Reply struct {
	Status int
	Header http.Header
	Body   string
	Delay  time.Duration
	Times  int
	Path   string
	Fault  Fault
}

// A queued reply is a Reply with its Path compiled.
type queued struct {
	Reply
	path *regexp.Regexp // nil: the action's path
}

// NewServer starts a sandbox on a free port of 127.0.0.1, or panics, as
// net/http/httptest does. The caller should Close it.
func NewServer() *Server {
	s, err := NewServerAt("127.0.0.1:0")
	if err != nil {
		panic("graphtest: " + err.Error())
	}
	return s
}

// NewServerAt starts a sandbox listening on addr, such as "127.0.0.1:8001".
// With no host (":8001") it listens everywhere but names itself 127.0.0.1.
func NewServerAt(addr string) (*Server, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	tcp := ln.Addr().(*net.TCPAddr)
	ip := tcp.IP
	if ip.IsUnspecified() {
		ip = net.IPv4(127, 0, 0, 1)
	}
	host := net.JoinHostPort(ip.String(), strconv.Itoa(tcp.Port))
	s := &Server{URL: "http://" + host, host: host, addr: tcp.String(), key: key, kid: keyID(&key.PublicKey),
		stop: make(chan struct{}), conns: conns{open: map[net.Conn]bool{}}}
	s.srv = &http.Server{Handler: http.HandlerFunc(s.serve), ConnState: s.conns.track,
		ReadHeaderTimeout: 10 * time.Second, ErrorLog: log.New(io.Discard, "", 0)}
	s.listen(ln)
	return s, nil
}

// Close stops the server, cuts pending delays short and waits for the
// handlers to return. It may be called more than once.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	close(s.stop)
	s.mu.Unlock()
	s.srv.Close()
	s.serving.Wait()
	s.inflight.Wait()
}

// Audience is the aud claim the sandbox's Graph expects,
// "https://127.0.0.1:PORT": https, as Graph names itself, though the sandbox
// serves plain http.
func (s *Server) Audience() string { return "https://" + s.host }

// issuer is the iss claim, shaped like Entra's v2.0 issuer.
func (s *Server) issuer() string { return "https://" + s.host + "/" + TenantID + "/v2.0" }

// Requests returns a copy of the requests received since the start or the
// last Reset, preflights included, in order of arrival.
func (s *Server) Requests() []Recorded {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Recorded, len(s.requests))
	for i, r := range s.requests {
		r.Header, r.Body = r.Header.Clone(), append([]byte(nil), r.Body...)
		out[i] = r
	}
	return out
}

// SignInPreflights returns the CORS preflights that reached the sign-in
// endpoints (OpenID configuration, keys, authorize, token, logout) since
// the sandbox started, in order.
// The token endpoint answers them, as Entra's does, so a client that sends
// custom headers still signs in, one round trip later per request: a test
// that wants none must check this. Reset does not forget them, so that no
// preflight is lost to a Reset in the middle of a test.
func (s *Server) SignInPreflights() []Recorded {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Recorded, len(s.preflights))
	for i, r := range s.preflights {
		r.Header, r.Body = r.Header.Clone(), append([]byte(nil), r.Body...)
		out[i] = r
	}
	return out
}

// Reset forgets the recorded requests and the queued replies, but not
// SignInPreflights.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests, s.replies = nil, nil
}

// Respond queues r for the next Graph requests that it matches (see
// Reply.Path), but not preflights. Of the queued replies, the first that
// matches a request answers it. Respond panics on a Path that is not a
// valid regular expression and on an unknown Fault, as a test should fail.
func (s *Server) Respond(r Reply) {
	r.Times = max(r.Times, 1)
	r.Header = r.Header.Clone()
	q := queued{Reply: r}
	if r.Path != "" {
		q.path = regexp.MustCompile("(?i)" + r.Path)
	}
	if !r.Fault.valid() {
		panic("graphtest: unknown Fault " + strconv.Quote(string(r.Fault)))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.replies = append(s.replies, q)
}

// nextReply takes one use of the first queued reply that matches a request
// on path; action says whether path is the action's.
func (s *Server) nextReply(path string, action bool) (Reply, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, q := range s.replies {
		if q.path == nil && !action || q.path != nil && !q.path.MatchString(path) {
			continue
		}
		if s.replies[i].Times--; s.replies[i].Times == 0 {
			s.replies = slices.Delete(s.replies, i, i+1)
		}
		return q.Reply, true
	}
	return Reply{}, false
}

// serve records every request before answering it, so that tests see even
// those that fail.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		http.Error(w, "sandbox closed", http.StatusServiceUnavailable)
		return
	}
	s.inflight.Add(1)
	defer s.inflight.Done()
	rec := Recorded{Method: r.Method, Host: r.Host, Path: r.URL.Path,
		RawQuery: r.URL.RawQuery, Header: r.Header.Clone(), Body: body, At: time.Now()}
	s.requests = append(s.requests, rec)
	if _, _, entra := entraRoute(r.URL.Path); entra && isPreflight(r) {
		s.preflights = append(s.preflights, rec)
	}
	s.mu.Unlock()

	if tenant, endpoint, ok := entraRoute(r.URL.Path); ok {
		s.serveEntra(w, r, tenant, endpoint, body)
		return
	}
	switch {
	case r.URL.Path == vendorPath:
		s.serveVendor(w, r, body)
	case r.URL.Path == landingPath:
		s.serveLanding(w, r)
	case isPreflight(r):
		s.preflight(w, r)
	case r.URL.Path == tokenPath:
		s.serveToken(w, r)
	default:
		s.serveGraph(w, r, body)
	}
}

// sleep waits for d and reports whether the request is still worth
// answering: not once the client has gone or the server is closing.
func (s *Server) sleep(r *http.Request, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
	case <-s.stop:
	}
	return false
}
