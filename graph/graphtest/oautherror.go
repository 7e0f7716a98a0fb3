package graphtest

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
)

// How Entra writes what goes wrong: a JSON error body to clients (the
// token endpoint), a page to browsers when it cannot trust the redirect URI
// with the answer, with the trace and correlation IDs Entra stamps on both.

// An oauthError is an Entra error before it is written: the OAuth error
// code, the AADSTS number and the message that follows "AADSTSnnn: ".
type oauthError struct {
	code        string
	aadsts      int
	description string
}

func (e oauthError) text() string { return fmt.Sprintf("AADSTS%d: %s", e.aadsts, e.description) }

// missing is Entra's error for a required parameter left out.
func missing(param string) oauthError {
	return oauthError{"invalid_request", 900144,
		fmt.Sprintf("The request body must contain the following parameter: '%s'.", param)}
}

func unknownTenant(tenant string) oauthError {
	return oauthError{"invalid_tenant", 90002, fmt.Sprintf("Tenant '%s' not found. Check to make sure you have "+
		"the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, "+
		"this may happen if there are no active subscriptions for the tenant.", tenant)}
}

func unknownClient(clientID string) oauthError {
	return oauthError{"unauthorized_client", 700016, fmt.Sprintf("Application with identifier '%s' was not found "+
		"in the directory '%s'. This can happen if the application has not been installed by the administrator of "+
		"the tenant or consented to by any user in the tenant. You may have sent your authentication request to "+
		"the wrong tenant.", clientID, tenantName)}
}

// errorJSON is Entra's JSON error body, members in Entra's order.
// Suberror and claims appear only on the errors that carry them.
type errorJSON struct {
	Error         string `json:"error"`
	Description   string `json:"error_description"`
	Codes         []int  `json:"error_codes"`
	Timestamp     string `json:"timestamp"`
	TraceID       string `json:"trace_id"`
	CorrelationID string `json:"correlation_id"`
	URI           string `json:"error_uri"`
	Suberror      string `json:"suberror,omitempty"`
	Claims        string `json:"claims,omitempty"`
}

// stamp returns the trace id, correlation id and timestamp Entra appends to
// every error. The correlation id is the client's client-request-id (header
// or parameter), as Entra echoes it, else a new GUID.
func (s *Server) stamp(r *http.Request) (trace, correlation, timestamp string) {
	correlation = r.Header.Get("client-request-id")
	if correlation == "" {
		correlation = r.URL.Query().Get("client-request-id")
	}
	if correlation == "" {
		correlation = newGUID()
	}
	return newGUID(), correlation, s.now().UTC().Format("2006-01-02 15:04:05Z")
}

// writeOAuthError writes e as Entra's JSON error body. The caller sets any
// CORS headers first.
func (s *Server) writeOAuthError(w http.ResponseWriter, r *http.Request, status int, e oauthError) {
	s.writeTokenFailure(w, r, status, TokenFailure{Code: e.code, AADSTS: e.aadsts, Description: e.description})
}

// writeTokenFailure writes f as Entra's JSON error body with the given
// status (f.Status is not consulted).
func (s *Server) writeTokenFailure(w http.ResponseWriter, r *http.Request, status int, f TokenFailure) {
	trace, correlation, ts := s.stamp(r)
	text := oauthError{f.Code, f.AADSTS, f.Description}.text()
	body := errorJSON{Error: f.Code, Codes: []int{f.AADSTS}, Timestamp: ts, TraceID: trace, CorrelationID: correlation,
		Description: fmt.Sprintf("%s Trace ID: %s Correlation ID: %s Timestamp: %s", text, trace, correlation, ts),
		URI:         fmt.Sprintf("https://%s/error?code=%d", s.host, f.AADSTS), Suberror: f.Suberror, Claims: f.Claims}
	data, _ := json.Marshal(body)
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store, no-cache")
	h.Set("x-ms-request-id", trace)
	w.WriteHeader(status)
	w.Write(data)
}

// errorPage is the page Entra shows instead of redirecting, when it cannot
// trust the redirect URI (or the client) with the answer. Pages are parsed
// when served, not in package variables: an initialized variable would give
// the package an init task, and link it and html/template into the wasm
// build of the app, which imports this package for its native side only.
const errorPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in to your account</title>
<style>body{font-family:sans-serif;max-width:36em;margin:3em auto;padding:0 1em}code{word-break:break-all}</style>
</head><body><h1>Sorry, but we’re having trouble signing you in.</h1>
<p id="error-message"><code>{{.Message}}</code></p>
<p>Request Id: {{.Trace}}<br>Correlation Id: {{.Correlation}}<br>Timestamp: {{.Timestamp}}</p>
</body></html>
`

// writeErrorPage answers a browser with errorPage and status 400.
func (s *Server) writeErrorPage(w http.ResponseWriter, r *http.Request, e oauthError) {
	trace, correlation, ts := s.stamp(r)
	s.setSignInPageHeaders(w.Header())
	w.WriteHeader(http.StatusBadRequest)
	template.Must(template.New("error").Parse(errorPage)).Execute(w, map[string]string{"Message": e.text(), "Trace": trace, "Correlation": correlation, "Timestamp": ts})
}

// setPageHeaders forbids scripts, framing and caching on the sandbox's
// pages: they work without script, as the app's strict CSP demands of its
// own pages.
func setPageHeaders(h http.Header) {
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cache-Control", "no-store, no-cache")
}
