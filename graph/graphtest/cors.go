package graphtest

import (
	"net/http"
	"strings"
)

// exposedHeaders are the response headers a page on another origin may read.
// Like Graph, the list leaves out Retry-After and Date, so a browser client
// must not depend on them.
const exposedHeaders = "request-id, client-request-id, ETag, Location, WWW-Authenticate"

// allowedHeaders are the request headers a preflight approves. Any other
// header a page asks for is left out of the answer, so the browser refuses
// the request, as it would if Graph did not accept that header.
// ConsistencyLevel is Graph's header for advanced directory queries.
var allowedHeaders = []string{"authorization", "content-type", "client-request-id", "consistencylevel"}

// isPreflight reports whether r is a CORS preflight rather than a request
// that happens to use OPTIONS.
func isPreflight(r *http.Request) bool {
	return r.Method == http.MethodOptions && r.Header.Get("Origin") != "" &&
		r.Header.Get("Access-Control-Request-Method") != ""
}

// setCORS adds the headers that let a page on any origin read a response.
func setCORS(h http.Header, r *http.Request) {
	origin := r.Header.Get("Origin")
	if origin == "" {
		origin = "*"
	} else {
		h.Add("Vary", "Origin")
	}
	h.Set("Access-Control-Allow-Origin", origin)
	h.Set("Access-Control-Expose-Headers", exposedHeaders)
}

// dropCORS removes every Access-Control-* header, to simulate a response the
// browser will refuse to hand to the page.
func dropCORS(h http.Header) {
	for k := range h {
		if strings.HasPrefix(strings.ToLower(k), "access-control-") {
			delete(h, k)
		}
	}
}

// preflight approves any origin and the usual methods, and of the requested
// headers only those in allowedHeaders.
func (s *Server) preflight(w http.ResponseWriter, r *http.Request) {
	s.begin(w, r)
	h := w.Header()
	h.Set("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE")
	var allow []string
	for _, v := range r.Header.Values("Access-Control-Request-Headers") {
		for name := range strings.SplitSeq(v, ",") {
			name = strings.ToLower(strings.TrimSpace(name))
			for _, a := range allowedHeaders {
				if name == a {
					allow = append(allow, name)
				}
			}
		}
	}
	if len(allow) > 0 {
		h.Set("Access-Control-Allow-Headers", strings.Join(allow, ", "))
	}
	h.Set("Access-Control-Max-Age", "3600")
	w.WriteHeader(http.StatusOK)
}

// tokenPreflight answers a preflight of the token endpoint as Entra does:
// it approves the origin, POST and whatever headers were asked for.
// msal-browser 2.x sent its library and telemetry headers to /token and
// worked: each token request was preflighted, "an unnecessary performance
// hit" (MSAL.js pull request 3094), and Entra's server team asked MSAL.js
// to cause no preflight at all, which is why it moved those values into
// the query and body. Entra's exact preflight headers are not documented;
// these are what a browser needs. The sandbox records the preflight
// (SignInPreflights): synctoken's aim, as MSAL.js's, is that none happens.
func tokenPreflight(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
	h.Add("Vary", "Origin")
	h.Set("Access-Control-Allow-Methods", "POST, OPTIONS")
	if asked := r.Header.Values("Access-Control-Request-Headers"); len(asked) > 0 {
		h.Set("Access-Control-Allow-Headers", strings.Join(asked, ", "))
	}
	h.Set("Access-Control-Max-Age", "86400")
	w.WriteHeader(http.StatusOK)
}
