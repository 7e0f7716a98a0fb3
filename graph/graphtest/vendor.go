package graphtest

import (
	"crypto/rand"
	"encoding/base64"
	"html/template"
	"mime"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// The sandbox also plays a vendor's OAuth server (Google, Box, Dropbox, …)
// for the Admin Credentials step's Authorize: an authorization page with
// Allow and Deny, and the redemption of its codes, which the sandbox's
// acquireAccessToken does in-process as the provisioning service does with
// the real vendor. Like real vendors, it registers only the portal's
// landing page as its redirect URI: the sandbox's own, at TokenAuthorize.

// VendorClientID is the client_id the sandbox vendor knows: the Entra
// connector's app at the vendor. VendorAuthorizationURL carries it.
const VendorClientID = "entra-provisioning-connector"

// VendorName is the vendor's name on its authorization page.
const VendorName = "Sandbox Vendor"

// VendorCodeLifetime is how long a vendor code can be redeemed: five
// minutes, on the sandbox's clock (see SetClock).
const VendorCodeLifetime = 5 * time.Minute

// vendorPath is where the vendor's authorization page is served.
const vendorPath = "/_vendor/authorize"

// vendorScope is what VendorAuthorizationURL asks for, written as a vendor
// documents it: percent-encoded, to be passed on unchanged.
const vendorScope = "users%3Aread%20users%3Awrite%20groups%3Aread"

// A vendorCode is an issued code and what its redemption must match.
type vendorCode struct {
	clientID, redirectURI, scope string
	issued                       time.Time
	spent                        bool
}

// VendorAuthorizationURL returns the vendor's authorization URL as a
// connector's documentation gives it, without redirect_uri or state (the
// tool sets those): client_id, response_type=code and a percent-encoded
// scope.
func (s *Server) VendorAuthorizationURL() string {
	return s.URL + vendorPath + "?client_id=" + VendorClientID + "&response_type=code&scope=" + vendorScope
}

// LandingURL is the sandbox's stand-in for the portal's landing page,
// "http://127.0.0.1:PORT/TokenAuthorize": the one redirect URI the vendor
// accepts unless AllowVendorRedirectURI adds others.
func (s *Server) LandingURL() string { return s.URL + landingPath }

// AllowVendorRedirectURI makes the vendor accept uri as a redirect URI
// too. Vendors compare redirect URIs exactly, and so does the sandbox.
func (s *Server) AllowVendorRedirectURI(uri string) {
	s.prov.mu.Lock()
	defer s.prov.mu.Unlock()
	if !slices.Contains(s.prov.vendorRedirects, uri) {
		s.prov.vendorRedirects = append(s.prov.vendorRedirects, uri)
	}
}

// vendorRedirectAllowed reports whether the vendor accepts uri: its
// landing page under either loopback name the sandbox may be reached by
// (a site built with SANDBOX=http://localhost:PORT names it so), or one
// AllowVendorRedirectURI added.
func (s *Server) vendorRedirectAllowed(uri string) bool {
	_, port, _ := net.SplitHostPort(s.host)
	if uri == s.LandingURL() || uri == "http://localhost:"+port+landingPath {
		return true
	}
	s.prov.mu.Lock()
	defer s.prov.mu.Unlock()
	return slices.Contains(s.prov.vendorRedirects, uri)
}

// serveVendor answers the vendor's authorization endpoint: GET shows the
// page, POST (its form) takes Allow or Deny and sends the browser to the
// redirect URI with code (and state and scope), or with
// error=access_denied. A bad client_id or redirect_uri is shown on a page,
// never sent to the redirect URI, as OAuth requires.
func (s *Server) serveVendor(w http.ResponseWriter, r *http.Request, body []byte) {
	params := r.URL.Query()
	switch r.Method {
	case http.MethodGet, http.MethodHead:
	case http.MethodPost:
		if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "application/x-www-form-urlencoded" {
			params, _ = url.ParseQuery(string(body))
		}
	default:
		w.Header().Set("Allow", "GET, POST")
		s.writeVendorPage(w, http.StatusMethodNotAllowed, vendorPage{Error: "invalid_request", Description: "The method " + r.Method + " is not allowed."})
		return
	}
	client, redirect, state := params.Get("client_id"), params.Get("redirect_uri"), params.Get("state")
	switch {
	case client == "":
		s.writeVendorPage(w, http.StatusBadRequest, vendorPage{Error: "invalid_request", Description: "Missing required parameter: client_id"})
		return
	case client != VendorClientID:
		s.writeVendorPage(w, http.StatusUnauthorized, vendorPage{Error: "invalid_client", Description: "The OAuth client was not found: " + client})
		return
	case redirect == "":
		s.writeVendorPage(w, http.StatusBadRequest, vendorPage{Error: "invalid_request", Description: "Missing required parameter: redirect_uri"})
		return
	case !s.vendorRedirectAllowed(redirect):
		s.writeVendorPage(w, http.StatusBadRequest, vendorPage{Error: "redirect_uri_mismatch",
			Description: "The redirect URI in the request, " + redirect + ", does not match the ones authorized for the OAuth client."})
		return
	}
	back := url.Values{}
	if state != "" {
		back.Set("state", state)
	}
	switch rt := params.Get("response_type"); {
	case rt != "code":
		back.Set("error", "unsupported_response_type")
		back.Set("error_description", "Only response_type=code is supported; got '"+rt+"'.")
	case r.Method != http.MethodPost:
		hidden := []field{{"client_id", client}, {"redirect_uri", redirect}, {"response_type", rt}}
		for _, name := range []string{"scope", "state"} {
			if params.Has(name) {
				hidden = append(hidden, field{name, params.Get(name)})
			}
		}
		s.writeVendorPage(w, http.StatusOK, vendorPage{Action: vendorPath, Hidden: hidden, Scopes: strings.Fields(params.Get("scope"))})
		return
	case params.Get("decision") == "allow":
		back.Set("code", s.issueVendorCode(client, redirect, params.Get("scope")))
		if scope := params.Get("scope"); scope != "" {
			back.Set("scope", scope)
		}
	default:
		back.Set("error", "access_denied")
		back.Set("error_description", "The user denied access to "+VendorName+".")
	}
	http.Redirect(w, r, addParams(redirect, "query", back), http.StatusFound)
}

// issueVendorCode remembers a new single-use code bound to client and
// redirect URI. Codes stay known an hour, so a late use reads as expired.
func (s *Server) issueVendorCode(client, redirect, scope string) string {
	var b [24]byte
	rand.Read(b[:])
	// Like Google's, the code holds a slash: it must be percent-decoded
	// from the landing address.
	code := "sbx/" + base64.RawURLEncoding.EncodeToString(b[:])
	now := s.now()
	s.prov.mu.Lock()
	defer s.prov.mu.Unlock()
	if s.prov.codes == nil {
		s.prov.codes = map[string]*vendorCode{}
	}
	for k, c := range s.prov.codes {
		if now.Sub(c.issued) > time.Hour {
			delete(s.prov.codes, k)
		}
	}
	s.prov.codes[code] = &vendorCode{clientID: client, redirectURI: redirect, scope: scope, issued: now}
	return code
}

// redeemVendorCode redeems code for the connector's client, as the vendor's
// token endpoint would for the provisioning service: the code must be
// known, unspent, unexpired and issued for redirectURI. Any attempt on a
// known code spends it. The error is the vendor's, "invalid_grant: …".
func (s *Server) redeemVendorCode(code, redirectURI string) (scope string, failure string) {
	now := s.now()
	s.prov.mu.Lock()
	defer s.prov.mu.Unlock()
	c, ok := s.prov.codes[code]
	if !ok {
		return "", "invalid_grant: The authorization code is not valid: it is unknown to " + VendorName + "."
	}
	spent := c.spent
	c.spent = true
	switch {
	case spent:
		return "", "invalid_grant: The authorization code has already been used."
	case now.Sub(c.issued) > VendorCodeLifetime:
		return "", "invalid_grant: The authorization code has expired."
	case c.clientID != VendorClientID:
		return "", "invalid_grant: The authorization code was issued to another client."
	case redirectURI == "":
		return "", "invalid_request: redirect_uri is required to redeem an authorization code."
	case c.redirectURI != redirectURI:
		return "", "invalid_grant: The redirect_uri does not match the one the authorization code was issued for."
	}
	return c.scope, ""
}

// field is one hidden field of a page's form.
type field struct{ Name, Value string }

// vendorPage is what the vendor's page shows: the consent form, or an
// error when Error is set.
type vendorPage struct {
	Action             string
	Hidden             []field
	Scopes             []string
	Error, Description string
}

// vendorHTML is the vendor's page. Allow (#vendor-allow) and Deny
// (#vendor-deny) post the request back in hidden fields. It has no script,
// so it works under the sandbox's strict Content-Security-Policy;
// html/template escapes every reflected parameter. (Parsed when served:
// see errorPage.)
const vendorHTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{if .Error}}Error{{else}}Authorize access{{end}} · ` + VendorName + `</title>
<style>
body{font-family:system-ui,sans-serif;background:#f4f1ea;margin:0}
main{background:#fff;max-width:460px;margin:3em auto;padding:2em 2.5em;border-top:6px solid #2d6a4f;box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:1.4em;margin:0 0 .5em}
button{font:inherit;cursor:pointer;padding:.6em 2em;margin-right:.5em;border:0}
#vendor-allow{background:#2d6a4f;color:#fff}#vendor-deny{background:#ddd}
code{word-break:break-all}
</style></head>
<body><main>
{{if .Error}}<h1>` + VendorName + ` cannot continue</h1>
<p id="vendor-error">Error: <code>{{.Error}}</code></p>
<p><code>{{.Description}}</code></p>
{{else}}<h1>Allow access to ` + VendorName + `?</h1>
<p><b>Microsoft Entra provisioning</b> asks to manage users and groups in your ` + VendorName + ` account:</p>
<ul id="vendor-scopes">
{{range .Scopes}}<li><code>{{.}}</code></li>
{{end}}</ul>
<form method="post" action="{{.Action}}">
{{range .Hidden}}<input type="hidden" name="{{.Name}}" value="{{.Value}}">
{{end}}<button type="submit" name="decision" value="allow" id="vendor-allow">Allow</button>
<button type="submit" name="decision" value="deny" id="vendor-deny">Deny</button>
</form>
{{end}}</main></body></html>
`

// writeVendorPage answers with vendorHTML.
func (s *Server) writeVendorPage(w http.ResponseWriter, status int, p vendorPage) {
	setPageHeaders(w.Header())
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.WriteHeader(status)
	template.Must(template.New("vendor").Parse(vendorHTML)).Execute(w, p)
}
