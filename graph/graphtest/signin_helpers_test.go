package graphtest

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// appURL is the app's redirect URI in these tests; appOrigin its origin.
const (
	appURL    = "http://127.0.0.1:8000/"
	appOrigin = "http://127.0.0.1:8000"
)

// newEntra starts a sandbox with appURL registered.
func newEntra(t *testing.T) *Server {
	t.Helper()
	s := newSandbox(t)
	s.AllowRedirectURI(appURL)
	return s
}

// newVerifier returns a PKCE code verifier and its S256 challenge.
func newVerifier() (verifier, challenge string) {
	var b [32]byte
	rand.Read(b[:])
	verifier = base64.RawURLEncoding.EncodeToString(b[:])
	sum := sha256.Sum256([]byte(verifier))
	return verifier, base64.RawURLEncoding.EncodeToString(sum[:])
}

// authorizeParams is a valid authorize request as the app sends it; set
// overrides its parameters, and an empty value removes one.
func authorizeParams(s *Server, challenge string, set map[string]string) url.Values {
	q := url.Values{"client_id": {ClientID}, "redirect_uri": {appURL}, "response_type": {"code"},
		"scope": {s.Scope() + " openid profile offline_access"}, "state": {"st-1"}, "nonce": {"n-1"},
		"code_challenge": {challenge}, "code_challenge_method": {"S256"}}
	for k, v := range set {
		if v == "" {
			q.Del(k)
		} else {
			q.Set(k, v)
		}
	}
	return q
}

func authorizePath(tenant string, q url.Values) string {
	return "/" + tenant + "/oauth2/v2.0/authorize?" + q.Encode()
}

const tokenPathV2 = "/" + TenantID + "/oauth2/v2.0/token"

var (
	hiddenInput = regexp.MustCompile(`<input type="hidden" name="([^"]*)" value="([^"]*)">`)
	formAction  = regexp.MustCompile(`<form method="post" action="([^"]*)">`)
)

// hiddenFields reads the sign-in page's hidden fields, unescaped.
func hiddenFields(page string) url.Values {
	v := url.Values{}
	for _, m := range hiddenInput.FindAllStringSubmatch(page, -1) {
		v.Add(html.UnescapeString(m[1]), html.UnescapeString(m[2]))
	}
	return v
}

// pick loads the sign-in page for q and clicks the button whose value is
// choice, as a browser would; it returns where Entra sends the browser.
func pick(t *testing.T, s *Server, q url.Values, choice string) *url.URL {
	t.Helper()
	page := call(t, s, "GET", authorizePath(TenantID, q), nil, "")
	action := formAction.FindStringSubmatch(page.body)
	if page.status != 200 || action == nil {
		t.Fatalf("sign-in page: %d %s", page.status, page.body)
	}
	form := hiddenFields(page.body)
	form.Set("pick", choice)
	r := call(t, s, "POST", html.UnescapeString(action[1]),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, form.Encode())
	loc, err := url.Parse(r.header.Get("Location"))
	if r.status != 302 || err != nil {
		t.Fatalf("pick %s: got %d %q, want a redirect", choice, r.status, r.header.Get("Location"))
	}
	return loc
}

// signIn picks the user and returns the code.
func signIn(t *testing.T, s *Server, q url.Values, choice string) string {
	t.Helper()
	code := pick(t, s, q, choice).Query().Get("code")
	if code == "" {
		t.Fatalf("no code after picking %s", choice)
	}
	return code
}

// redeemForm is an authorization_code request as MSAL Go v1.10.1 posts it.
func redeemForm(s *Server, code, verifier string) url.Values {
	return url.Values{"grant_type": {"authorization_code"}, "client_id": {ClientID}, "code": {code},
		"redirect_uri": {appURL}, "code_verifier": {verifier}, "client_info": {"1"},
		"scope": {s.Scope() + " openid offline_access profile"}}
}

// refreshForm is a refresh_token request as MSAL Go v1.10.1 posts it.
func refreshForm(s *Server, rt string) url.Values {
	return url.Values{"grant_type": {"refresh_token"}, "client_id": {ClientID}, "refresh_token": {rt},
		"client_info": {"1"}, "scope": {s.Scope() + " openid offline_access profile"}}
}

// postToken posts form to the token endpoint from origin ("" for none).
func postToken(t *testing.T, s *Server, form url.Values, origin string) result {
	t.Helper()
	h := map[string]string{"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
	if origin != "" {
		h["Origin"] = origin
	}
	return call(t, s, "POST", tokenPathV2, h, form.Encode())
}

// tokensOf decodes a successful token response.
func tokensOf(t *testing.T, r result) tokenResponse {
	t.Helper()
	var tr tokenResponse
	if err := json.Unmarshal([]byte(r.body), &tr); err != nil || r.status != 200 || tr.AccessToken == "" {
		t.Fatalf("token response %d %s: %v", r.status, r.body, err)
	}
	return tr
}

// signInTokens runs the whole sign-in as choice and redeems the code.
func signInTokens(t *testing.T, s *Server, choice string) tokenResponse {
	t.Helper()
	verifier, challenge := newVerifier()
	code := signIn(t, s, authorizeParams(s, challenge, nil), choice)
	return tokensOf(t, postToken(t, s, redeemForm(s, code, verifier), appOrigin))
}

// claimsOf verifies tok's signature with the sandbox's key and returns its
// claims, whatever its lifetime.
func claimsOf(t *testing.T, s *Server, tok string) jwt.MapClaims {
	t.Helper()
	parsed, err := jwt.Parse(tok, func(*jwt.Token) (any, error) { return &s.key.PublicKey, nil },
		jwt.WithValidMethods([]string{"RS256"}), jwt.WithoutClaimsValidation())
	if err != nil {
		t.Fatalf("token %q: %v", tok, err)
	}
	return parsed.Claims.(jwt.MapClaims)
}

var entraTimestamp = regexp.MustCompile(`^20\d\d-\d\d-\d\d \d\d:\d\d:\d\dZ$`)

// wantOAuthError checks an Entra JSON error: status, error, error_codes and
// the ids and time that the description repeats.
func wantOAuthError(t *testing.T, s *Server, r result, status int, code string, aadsts int) {
	t.Helper()
	var e errorJSON
	if err := json.Unmarshal([]byte(r.body), &e); err != nil {
		t.Fatalf("got %d %q, not an Entra error: %v", r.status, r.body, err)
	}
	if r.status != status || e.Error != code || !slices.Equal(e.Codes, []int{aadsts}) ||
		!strings.HasPrefix(e.Description, fmt.Sprintf("AADSTS%d: ", aadsts)) {
		t.Errorf("got %d %s %v %q, want %d %s [%d]", r.status, e.Error, e.Codes, e.Description, status, code, aadsts)
	}
	if !guid.MatchString(e.TraceID) || !guid.MatchString(e.CorrelationID) || !entraTimestamp.MatchString(e.Timestamp) ||
		!strings.HasSuffix(e.Description, fmt.Sprintf(" Trace ID: %s Correlation ID: %s Timestamp: %s", e.TraceID, e.CorrelationID, e.Timestamp)) ||
		e.URI != fmt.Sprintf("%s/error?code=%d", s.Audience(), aadsts) {
		t.Errorf("error ids and time: %+v", e)
	}
}

// at returns a clock stopped at t.
func at(t time.Time) func() time.Time { return func() time.Time { return t } }
