package graphtest

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

// The sandbox also plays Entra ID (the Microsoft identity platform, v2.0
// endpoints) on the same port as Graph, so that an app can sign in with
// MSAL exactly as it would against login.microsoftonline.com. Like Entra,
// it names itself https://{host}, though it serves plain http: MSAL refuses
// authorities that are not https, so the app maps https to http for the
// sandbox's hosts only (its own name and AliasHost).

// Lifetimes Entra gives to a SPA's authorization codes and refresh tokens.
const (
	codeLifetime    = 10 * time.Minute
	refreshLifetime = 24 * time.Hour
)

// entraState is what the sign-in side remembers. It has its own lock so that
// sign-in never waits on Graph's recording and replies.
type entraState struct {
	mu            sync.Mutex
	clock         func() time.Time
	tokenLifetime time.Duration
	redirectURIs  []string
	codes         map[string]*authCode
	refresh       map[string]*refreshGrant
	failures      []TokenFailure
	withheld      map[string]bool // permissions (lowercase) without consent yet
	coop          bool            // the sign-in pages send Cross-Origin-Opener-Policy: same-origin
	alias         bool            // endpoints named on AliasHost (UseAliasHost)
	hold          *Hold           // the next refresh_token grant to hold (HoldRefresh)
}

// WithholdConsent takes away the app registration's consent to perm (such
// as ReadScope), as in a tenant where it was never granted: a refresh
// token then cannot get it (invalid_grant AADSTS65001, consent_required)
// until a sign-in asks for it and the user accepts by picking an account;
// declining (#decline) keeps it withheld.
func (s *Server) WithholdConsent(perm string) {
	s.entra.mu.Lock()
	defer s.entra.mu.Unlock()
	if s.entra.withheld == nil {
		s.entra.withheld = map[string]bool{}
	}
	s.entra.withheld[strings.ToLower(perm)] = true
}

// consent records the user's consent to the permissions of g.
func (s *Server) consent(g grant) {
	s.entra.mu.Lock()
	defer s.entra.mu.Unlock()
	for _, p := range g.scp {
		delete(s.entra.withheld, strings.ToLower(p))
	}
}

// unconsented returns the first permission of g without consent, or "".
// The caller holds s.entra.mu.
func (s *Server) unconsented(g grant) string {
	for _, p := range g.scp {
		if s.entra.withheld[strings.ToLower(p)] {
			return p
		}
	}
	return ""
}

// now is the sandbox's clock: it stamps and checks codes, refresh tokens and
// access tokens alike, on the sign-in side and on Graph's.
func (s *Server) now() time.Time {
	s.entra.mu.Lock()
	defer s.entra.mu.Unlock()
	if s.entra.clock == nil {
		return time.Now()
	}
	return s.entra.clock()
}

// SetClock replaces the sandbox's clock, so that a test can expire codes,
// refresh tokens and access tokens without waiting. nil restores time.Now.
func (s *Server) SetClock(now func() time.Time) {
	s.entra.mu.Lock()
	defer s.entra.mu.Unlock()
	s.entra.clock = now
}

// AllowRedirectURI registers uri as a Single-page application redirect URI
// of ClientID, such as "http://127.0.0.1:8000/". Entra compares redirect
// URIs exactly, trailing slash included, and so does the sandbox.
func (s *Server) AllowRedirectURI(uri string) {
	s.entra.mu.Lock()
	defer s.entra.mu.Unlock()
	if !slices.Contains(s.entra.redirectURIs, uri) {
		s.entra.redirectURIs = append(s.entra.redirectURIs, uri)
	}
}

func (s *Server) redirectAllowed(uri string) bool {
	s.entra.mu.Lock()
	defer s.entra.mu.Unlock()
	return slices.Contains(s.entra.redirectURIs, uri)
}

// SetTokenLifetime sets the lifetime of the access tokens that the token
// endpoint issues from now on (an hour by default). MSAL does not cache an
// access token that expires within 5 minutes, so shorter lifetimes make
// every AcquireTokenSilent redeem the refresh token.
func (s *Server) SetTokenLifetime(d time.Duration) {
	s.entra.mu.Lock()
	defer s.entra.mu.Unlock()
	s.entra.tokenLifetime = d
}

func (s *Server) tokenLifetime() time.Duration {
	s.entra.mu.Lock()
	defer s.entra.mu.Unlock()
	if s.entra.tokenLifetime <= 0 {
		return time.Hour
	}
	return s.entra.tokenLifetime
}

// FailToken makes the next request to the token endpoint (not a preflight)
// fail with this Entra error, e.g. ("invalid_grant", 50173, "The provided
// grant has expired due to it being revoked."). The status is 401 for
// invalid_client, 500 for server_error, 503 for temporarily_unavailable and
// 400 otherwise. Calls queue up, one failure per request. See FailTokenWith
// for suberror and claims, and FailTokenAADSTS for Entra's own wording.
func (s *Server) FailToken(errCode string, aadsts int, description string) {
	s.FailTokenWith(TokenFailure{Code: errCode, AADSTS: aadsts, Description: description})
}

// Authority is the authority to give MSAL: "https://127.0.0.1:PORT/" + TenantID.
func (s *Server) Authority() string { return "https://" + s.host + "/" + TenantID }

// Scope is the full name of the permission the action needs, as a client
// requests it: "https://127.0.0.1:PORT/Synchronization.ReadWrite.All".
func (s *Server) Scope() string { return s.Audience() + "/" + Scope }

// ReadScope is the full name of ReadScope, which look-ups need:
// "https://127.0.0.1:PORT/Application.Read.All".
func (s *Server) ReadScope() string { return s.Audience() + "/" + ReadScope }

// JobsScope is the full name of JobsScope:
// "https://127.0.0.1:PORT/Synchronization.Read.All".
func (s *Server) JobsScope() string { return s.Audience() + "/" + JobsScope }

// knownTenant reports whether seg names the sandbox's tenant in a URL, as
// Entra accepts it: by id or domain (in any case), or as organizations or
// common.
func knownTenant(seg string) bool {
	for _, t := range tenantNames {
		if strings.EqualFold(seg, t) {
			return true
		}
	}
	return false
}

// tenantNames and entraEndpoints are package variables, not literals in
// the functions, so that the wasm build, which links none of this package,
// does not dedupe a runtime symbol under one of this package's names (which
// graph's TestWasmLinksNoTransport would take for a link to the sandbox).
var (
	tenantNames    = []string{TenantID, TenantDomain, "organizations", "common"}
	entraEndpoints = []string{"v2.0/.well-known/openid-configuration", "discovery/v2.0/keys",
		"oauth2/v2.0/authorize", "oauth2/v2.0/token", "oauth2/v2.0/logout"}
)

// entraRoute splits a sign-in path into its tenant and endpoint, such as
// ("common", "oauth2/v2.0/token"); ok is false for Graph's paths.
func entraRoute(path string) (tenant, endpoint string, ok bool) {
	tenant, endpoint, _ = strings.Cut(strings.TrimPrefix(path, "/"), "/")
	for _, e := range entraEndpoints {
		if strings.EqualFold(endpoint, e) {
			return tenant, e, tenant != ""
		}
	}
	return "", "", false
}

// serveEntra answers the sign-in endpoints. Like Entra's, the token
// endpoint answers a CORS preflight (see tokenPreflight), so a token request
// with custom headers works in a browser, one round trip later; the other
// endpoints refuse OPTIONS with no Access-Control-* header at all. The
// sandbox records every preflight to a sign-in endpoint (SignInPreflights),
// so that tests can check that none happens.
func (s *Server) serveEntra(w http.ResponseWriter, r *http.Request, tenant, endpoint string, body []byte) {
	if r.Method == http.MethodOptions {
		if endpoint == "oauth2/v2.0/token" && isPreflight(r) {
			tokenPreflight(w, r)
			return
		}
		s.writeOAuthError(w, r, http.StatusBadRequest, oauthError{"invalid_request", 900561,
			"The endpoint only accepts POST, GET requests. Received a OPTIONS request."})
		return
	}
	switch endpoint {
	case "v2.0/.well-known/openid-configuration":
		s.serveDiscovery(w, r, tenant)
	case "discovery/v2.0/keys":
		s.serveKeys(w, r, tenant)
	case "oauth2/v2.0/authorize":
		s.serveAuthorize(w, r, tenant, body)
	case "oauth2/v2.0/token":
		s.serveTokenEndpoint(w, r, tenant, body)
	case "oauth2/v2.0/logout":
		s.serveLogout(w, r, tenant)
	}
}

// serveLogout ends the session Entra would have: the sandbox keeps none, so
// it only sends the browser back to post_logout_redirect_uri when that is a
// registered redirect URI, as Entra requires.
func (s *Server) serveLogout(w http.ResponseWriter, r *http.Request, tenant string) {
	if !knownTenant(tenant) {
		s.writeErrorPage(w, r, unknownTenant(tenant))
		return
	}
	if uri := r.URL.Query().Get("post_logout_redirect_uri"); uri != "" && s.redirectAllowed(uri) {
		if state := r.URL.Query().Get("state"); state != "" {
			uri = addParams(uri, "query", url.Values{"state": {state}})
		}
		http.Redirect(w, r, uri, http.StatusFound)
		return
	}
	setPageHeaders(w.Header())
	fmt.Fprint(w, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Signed out</title></head>"+
		"<body><h1>You signed out of your account</h1><p>It’s a good idea to close all browser windows.</p></body></html>\n")
}
