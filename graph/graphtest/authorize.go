package graphtest

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"html/template"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// carried are the authorize parameters that the sign-in page sends back in
// hidden fields, so that the user's pick is a complete authorize request.
var carried = []string{"client_id", "redirect_uri", "response_type", "response_mode", "scope", "state", "nonce",
	"code_challenge", "code_challenge_method", "login_hint", "domain_hint", "prompt", "client-request-id"}

// An authRequest is a validated authorize request.
type authRequest struct {
	params                      url.Values // as received, for the page's hidden fields
	clientID, redirectURI, mode string
	state, nonce, loginHint     string
	challenge, method           string
	scope                       grant
}

// An authCode is an issued authorization code and what its redemption must
// match: a SPA's codes are single-use, live 10 minutes and need the PKCE
// verifier.
type authCode struct {
	clientID, redirectURI string
	challenge, method     string
	nonce, scope          string
	user                  user
	issued                time.Time
	redeemed              bool
}

// serveAuthorize answers /{tenant}/oauth2/v2.0/authorize: GET shows the
// sign-in page, POST (the page's form) takes the user's pick and sends the
// browser back to the app with a code, or with access_denied on Cancel.
func (s *Server) serveAuthorize(w http.ResponseWriter, r *http.Request, tenant string, body []byte) {
	params := r.URL.Query()
	switch r.Method {
	case http.MethodGet, http.MethodHead:
	case http.MethodPost:
		if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "application/x-www-form-urlencoded" {
			params, _ = url.ParseQuery(string(body))
		}
	default:
		s.writeErrorPage(w, r, oauthError{"invalid_request", 900561,
			"The endpoint only accepts GET, POST requests. Received a " + r.Method + " request."})
		return
	}
	if !knownTenant(tenant) {
		s.writeErrorPage(w, r, unknownTenant(tenant))
		return
	}
	req, toPage, toApp := s.parseAuthorize(params)
	switch {
	case toPage != nil:
		s.writeErrorPage(w, r, *toPage)
	case toApp != nil:
		s.redirectError(w, r, req, *toApp)
	case r.Method != http.MethodPost && params.Get("prompt") == "none":
		// The sandbox keeps no session, so a silent request always needs the page.
		s.redirectError(w, r, req, oauthError{"login_required", 50058, "A silent sign-in request was sent but no " +
			"user is signed in. The cookies used to represent the user's session were not sent in the request to " +
			"Azure AD. This can happen if the user is using Internet Explorer or Edge, and the web app sending the " +
			"silent sign-in request is in different IE security zone than the Azure AD endpoint (login.microsoftonline.com)."})
	case r.Method != http.MethodPost:
		s.writeSignInPage(w, r, req)
	case params.Get("pick") == "cancel" || params.Get("pick") == "decline":
		s.redirectError(w, r, req, oauthError{"access_denied", 65004, "User declined to consent to access the app."})
	default:
		u, ok := userByKey(params.Get("pick"))
		if !ok {
			s.writeErrorPage(w, r, oauthError{"invalid_request", 90023, "Invalid request: no account was picked."})
			return
		}
		if g, err := s.parseScope(params.Get("scope")); err == nil {
			s.consent(g) // picking an account accepts what the page listed
		}
		v := url.Values{"code": {s.issueCode(req, u)}, "session_state": {newGUID()}}
		if req.state != "" {
			v.Set("state", req.state)
		}
		http.Redirect(w, r, addParams(req.redirectURI, req.mode, v), http.StatusFound)
	}
}

// parseAuthorize checks an authorize request in Entra's order. Errors about
// the client or the redirect URI go on a page (toPage), since the redirect
// URI cannot be trusted with them; the others go back to the app (toApp).
func (s *Server) parseAuthorize(p url.Values) (req authRequest, toPage, toApp *oauthError) {
	req = authRequest{params: p, clientID: p.Get("client_id"), redirectURI: p.Get("redirect_uri"),
		mode: p.Get("response_mode"), state: p.Get("state"), nonce: p.Get("nonce"), loginHint: p.Get("login_hint"),
		challenge: p.Get("code_challenge"), method: p.Get("code_challenge_method")}
	fail := func(e oauthError) *oauthError { return &e }
	switch {
	case req.clientID == "":
		return req, fail(missing("client_id")), nil
	case req.clientID != ClientID:
		return req, fail(unknownClient(req.clientID)), nil
	case req.redirectURI == "":
		return req, fail(missing("redirect_uri")), nil
	case !s.redirectAllowed(req.redirectURI):
		return req, fail(oauthError{"invalid_request", 50011, fmt.Sprintf("The redirect URI '%s' specified in the "+
			"request does not match the redirect URIs configured for the application '%s'. Make sure the redirect "+
			"URI sent in the request matches one added to your application in the Azure portal. Navigate to "+
			"https://aka.ms/redirectUriMismatchError to learn more about how to fix this.", req.redirectURI, ClientID)}), nil
	}
	if req.mode == "" {
		req.mode = "query"
	}
	if req.mode != "query" && req.mode != "fragment" {
		bad := req.mode
		req.mode = "query"
		return req, nil, fail(oauthError{"invalid_request", 90023, fmt.Sprintf("Invalid request: response_mode "+
			"'%s' is not supported by the sandbox, which runs no script; use query or fragment.", bad)})
	}
	switch rt := p.Get("response_type"); {
	case rt == "":
		return req, nil, fail(missing("response_type"))
	case rt != "code":
		return req, nil, fail(oauthError{"unsupported_response_type", 700054,
			fmt.Sprintf("response_type '%s' is not enabled for the application.", rt)})
	}
	g, err := s.parseScope(p.Get("scope"))
	if err != nil {
		return req, nil, err
	}
	req.scope = g
	if req.method == "" {
		req.method = "plain" // RFC 7636's default, which Entra follows
	}
	switch {
	case req.challenge == "":
		return req, nil, fail(oauthError{"invalid_request", 9002325,
			"Proof Key for Code Exchange is required for cross-origin authorization code redemption."})
	case req.method != "S256" && req.method != "plain":
		return req, nil, fail(oauthError{"invalid_request", 90023, fmt.Sprintf("Invalid request: "+
			"code_challenge_method '%s' is not supported; use S256.", req.method)})
	case len(req.challenge) < 43 || len(req.challenge) > 128:
		return req, nil, fail(oauthError{"invalid_request", 501491, "Invalid size of Code_Challenge parameter."})
	}
	return req, nil, nil
}

// redirectError sends the browser back to the app with Entra's error
// parameters.
func (s *Server) redirectError(w http.ResponseWriter, r *http.Request, req authRequest, e oauthError) {
	trace, correlation, ts := s.stamp(r)
	v := url.Values{"error": {e.code},
		"error_description": {fmt.Sprintf("%s Trace ID: %s Correlation ID: %s Timestamp: %s", e.text(), trace, correlation, ts)},
		"error_uri":         {fmt.Sprintf("https://%s/error?code=%d", s.host, e.aadsts)}}
	if req.state != "" {
		v.Set("state", req.state)
	}
	http.Redirect(w, r, addParams(req.redirectURI, req.mode, v), http.StatusFound)
}

// addParams appends v to uri's query, or as its fragment in fragment mode.
func addParams(uri, mode string, v url.Values) string {
	if mode == "fragment" {
		return uri + "#" + v.Encode()
	}
	if strings.Contains(uri, "?") {
		return uri + "&" + v.Encode()
	}
	return uri + "?" + v.Encode()
}

// issueCode remembers a new authorization code for req and u. Codes stay
// known an hour after issue, so that a late reuse still reads as a reuse.
func (s *Server) issueCode(req authRequest, u user) string {
	var b [48]byte
	rand.Read(b[:])
	code := "1.A" + base64.RawURLEncoding.EncodeToString(b[:])
	now := s.now()
	s.entra.mu.Lock()
	defer s.entra.mu.Unlock()
	if s.entra.codes == nil {
		s.entra.codes = map[string]*authCode{}
	}
	for k, c := range s.entra.codes {
		if now.Sub(c.issued) > time.Hour {
			delete(s.entra.codes, k)
		}
	}
	s.entra.codes[code] = &authCode{clientID: req.clientID, redirectURI: req.redirectURI,
		challenge: req.challenge, method: req.method, nonce: req.nonce, scope: req.params.Get("scope"),
		user: u, issued: now}
	return code
}

// signInPage lists the seeded users as buttons of one form, which posts the
// request's parameters back in hidden fields, and the permissions asked:
// picking an account consents to them; Cancel (#cancel) and Decline
// (#decline) both send the browser back with access_denied (AADSTS65004),
// as declining Entra's consent prompt does. It has no script, so it works
// under a strict Content-Security-Policy; html/template escapes every
// reflected parameter. (Parsed when served: see errorPage.)
const signInPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in to your account</title>
<style>
body{font-family:"Segoe UI",sans-serif;background:#f2f2f2;margin:0}
main{background:#fff;max-width:440px;margin:3em auto;padding:2em 2.75em;box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:1.5em;font-weight:600;margin:0 0 .25em}
p{color:#555;margin:0 0 1.5em}
ul{list-style:none;padding:0;margin:0 0 1.5em}
button{font:inherit;cursor:pointer}
li button{display:block;width:100%;text-align:left;background:#fff;border:1px solid #ccc;padding:.75em 1em;margin-bottom:.5em}
li button:hover,li button:focus{background:#f0f6ff;border-color:#0067b8}
.name{display:block;font-weight:600}.upn,.role{display:block;color:#555;font-size:.9em}
#cancel,#decline{background:#ccc;border:0;padding:.5em 2em;margin-right:.5em}
.perms{font-size:.9em}.perms li{margin:.25em 0}
</style></head>
<body><main>
<h1>Pick an account</h1>
<p>to continue to <b>{{.App}}</b> in {{.Tenant}} (Graph sandbox)</p>
<form method="post" action="{{.Action}}">
{{range .Hidden}}<input type="hidden" name="{{.Name}}" value="{{.Value}}">
{{end}}<ul>
{{range .Users}}<li><button type="submit" name="pick" value="{{.Key}}" id="user-{{.Key}}"{{if .Hinted}} autofocus{{end}}><span class="name">{{.Name}}</span><span class="upn">{{.UPN}}</span><span class="role">{{.Role}}</span></button></li>
{{end}}</ul>
<p>Picking an account accepts that <b>{{.App}}</b> will:</p>
<ul class="perms" id="permissions">
{{range .Permissions}}<li><code>{{.}}</code></li>
{{end}}</ul>
<button type="submit" name="pick" value="cancel" id="cancel">Cancel</button>
<button type="submit" name="pick" value="decline" id="decline">Decline</button>
</form>
</main></body></html>
`

// writeSignInPage shows signInPage for req; login_hint focuses its user.
func (s *Server) writeSignInPage(w http.ResponseWriter, r *http.Request, req authRequest) {
	type field struct{ Name, Value string }
	type account struct {
		Key, Name, UPN, Role string
		Hinted               bool
	}
	data := struct {
		App, Tenant, Action string
		Hidden              []field
		Users               []account
		Permissions         []string
	}{App: clientName, Tenant: TenantDomain, Action: r.URL.EscapedPath(), Permissions: req.scope.permissions()}
	for _, name := range carried {
		if v, ok := req.params[name]; ok && len(v) > 0 {
			data.Hidden = append(data.Hidden, field{name, v[0]})
		}
	}
	for _, u := range users {
		data.Users = append(data.Users, account{u.key, u.name, u.upn, u.role, strings.EqualFold(u.upn, req.loginHint)})
	}
	s.setSignInPageHeaders(w.Header())
	template.Must(template.New("signin").Parse(signInPage)).Execute(w, data)
}

// SetSignInCOOP makes the sign-in pages (the account picker and the error
// page) send Cross-Origin-Opener-Policy: same-origin, as Entra's do: a
// popup that loads one loses its link to the page that opened it (the
// opener reads popup.closed as true, and the popup's window.opener is
// null), so the answer must come back another way.
func (s *Server) SetSignInCOOP(on bool) {
	s.entra.mu.Lock()
	defer s.entra.mu.Unlock()
	s.entra.coop = on
}

// setSignInPageHeaders sets setPageHeaders, and Cross-Origin-Opener-Policy
// when SetSignInCOOP asks for it.
func (s *Server) setSignInPageHeaders(h http.Header) {
	setPageHeaders(h)
	s.entra.mu.Lock()
	defer s.entra.mu.Unlock()
	if s.entra.coop {
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
	}
}
