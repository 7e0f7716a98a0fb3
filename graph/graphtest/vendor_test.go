package graphtest

import (
	"html"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

var vendorButton = regexp.MustCompile(`<button type="submit" name="([^"]*)" value="([^"]*)" id="([^"]*)">`)

// sandboxPath returns the path and query of an absolute sandbox URL, which
// call prefixes with the sandbox's own.
func sandboxPath(t *testing.T, s *Server, u string) string {
	t.Helper()
	rest, ok := strings.CutPrefix(u, s.URL)
	if !ok {
		t.Fatalf("%s is not on the sandbox %s", u, s.URL)
	}
	return rest
}

// authorizeAtVendor opens the vendor's page for authURL and presses the
// button with the given id (vendor-allow or vendor-deny), as a browser
// would: it returns where the vendor sends the browser.
func authorizeAtVendor(t *testing.T, s *Server, authURL, button string) *url.URL {
	t.Helper()
	page := call(t, s, "GET", sandboxPath(t, s, authURL), nil, "")
	action := formAction.FindStringSubmatch(page.body)
	if page.status != 200 || action == nil {
		t.Fatalf("vendor page: %d %s", page.status, page.body)
	}
	form := hiddenFields(page.body)
	found := false
	for _, b := range vendorButton.FindAllStringSubmatch(page.body, -1) {
		if b[3] == button {
			form.Set(b[1], b[2])
			found = true
		}
	}
	if !found {
		t.Fatalf("no button #%s on the vendor's page:\n%s", button, page.body)
	}
	r := call(t, s, "POST", html.UnescapeString(action[1]), map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, form.Encode())
	loc, err := url.Parse(r.header.Get("Location"))
	if r.status != http.StatusFound || err != nil {
		t.Fatalf("%s: got %d %q, want a redirect", button, r.status, r.header.Get("Location"))
	}
	return loc
}

// vendorURL is the vendor's authorization URL with the sandbox's landing
// page as redirect URI and a state, as the tool builds it.
func vendorURL(s *Server, state string) string {
	u := s.VendorAuthorizationURL() + "&redirect_uri=" + url.QueryEscape(s.LandingURL())
	if state != "" {
		u += "&state=" + url.QueryEscape(state)
	}
	return u
}

func TestVendorAllowAndDeny(t *testing.T) {
	s := newSandbox(t)
	if u := s.VendorAuthorizationURL(); strings.Contains(u, "redirect_uri") || strings.Contains(u, "state") || !strings.Contains(u, "client_id="+VendorClientID) {
		t.Errorf("VendorAuthorizationURL() = %s: it must name the client and leave redirect_uri and state to the tool", u)
	}
	page := call(t, s, "GET", sandboxPath(t, s, vendorURL(s, "st<1>")), nil, "")
	for _, want := range []string{`id="vendor-allow"`, `id="vendor-deny"`, "users:read", `value="st&lt;1&gt;"`} {
		if !strings.Contains(page.body, want) {
			t.Errorf("vendor page lacks %s:\n%s", want, page.body)
		}
	}
	if csp := page.header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || page.header.Get("X-Frame-Options") != "DENY" {
		t.Errorf("vendor page headers: %v", page.header)
	}

	allow := authorizeAtVendor(t, s, vendorURL(s, "st<1>"), "vendor-allow")
	q := allow.Query()
	if allow.Scheme+"://"+allow.Host+allow.Path != s.LandingURL() || q.Get("state") != "st<1>" || !strings.HasPrefix(q.Get("code"), "sbx/") ||
		q.Get("scope") != "users:read users:write groups:read" || q.Has("error") {
		t.Errorf("Allow sent the browser to %s", allow)
	}
	deny := authorizeAtVendor(t, s, vendorURL(s, "st-2"), "vendor-deny")
	if q := deny.Query(); q.Get("error") != "access_denied" || q.Get("error_description") == "" || q.Get("state") != "st-2" || q.Has("code") {
		t.Errorf("Deny sent the browser to %s", deny)
	}
	if q := authorizeAtVendor(t, s, vendorURL(s, ""), "vendor-allow").Query(); q.Has("state") || q.Get("code") == "" {
		t.Errorf("without a state, Allow answered %v: a vendor sends back no state it was not given", q)
	}
}

func TestVendorRefusals(t *testing.T) {
	s := newSandbox(t)
	landing := url.QueryEscape(s.LandingURL())
	for _, tc := range []struct {
		name, query string
		status      int
		want        string // on the page, or in the redirect's error
	}{
		{"no client", "response_type=code&redirect_uri=" + landing, 400, "client_id"},
		{"unknown client", "client_id=other&response_type=code&redirect_uri=" + landing, 401, "invalid_client"},
		{"no redirect", "client_id=" + VendorClientID + "&response_type=code", 400, "redirect_uri"},
		{"portal redirect", "client_id=" + VendorClientID + "&response_type=code&redirect_uri=https%3A%2F%2Fportal.azure.com%2FTokenAuthorize", 400, "redirect_uri_mismatch"},
		{"trailing slash", "client_id=" + VendorClientID + "&response_type=code&redirect_uri=" + landing + "%2F", 400, "redirect_uri_mismatch"},
		{"markup", "client_id=%3Cscript%3Ex%3C%2Fscript%3E&redirect_uri=" + landing, 401, "&lt;script&gt;"},
		{"implicit grant", "client_id=" + VendorClientID + "&response_type=token&state=s&redirect_uri=" + landing, 302, "unsupported_response_type"},
	} {
		r := call(t, s, "GET", vendorPath+"?"+tc.query, nil, "")
		got := r.body
		if r.status == 302 {
			loc, _ := url.Parse(r.header.Get("Location"))
			got = loc.Query().Get("error") + " state=" + loc.Query().Get("state")
		}
		if r.status != tc.status || !strings.Contains(got, tc.want) || strings.Contains(got, "<script>") {
			t.Errorf("%s: got %d %s, want %d with %q", tc.name, r.status, got, tc.status, tc.want)
		}
	}
	s.AllowVendorRedirectURI("https://portal.azure.com/TokenAuthorize")
	if r := call(t, s, "GET", vendorPath+"?client_id="+VendorClientID+"&response_type=code&redirect_uri=https%3A%2F%2Fportal.azure.com%2FTokenAuthorize", nil, ""); r.status != 200 {
		t.Errorf("an allowed redirect URI got %d", r.status)
	}
	_, port, _ := net.SplitHostPort(s.host)
	if r := call(t, s, "GET", vendorPath+"?client_id="+VendorClientID+"&response_type=code&redirect_uri="+url.QueryEscape("http://localhost:"+port+"/TokenAuthorize"), nil, ""); r.status != 200 {
		t.Errorf("the landing page named localhost got %d", r.status)
	}
	if r := call(t, s, "DELETE", vendorPath, nil, ""); r.status != http.StatusMethodNotAllowed {
		t.Errorf("DELETE got %d", r.status)
	}
}

func TestLandingPage(t *testing.T) {
	s := newSandbox(t)
	loc := authorizeAtVendor(t, s, vendorURL(s, "st-9"), "vendor-allow")
	r := call(t, s, "GET", sandboxPath(t, s, loc.String()), nil, "")
	m := regexp.MustCompile(`(?s)<textarea id="landing-address" readonly[^>]*>(.*?)</textarea>`).FindStringSubmatch(r.body)
	if r.status != 200 || m == nil {
		t.Fatalf("landing page: %d\n%s", r.status, r.body)
	}
	if got := html.UnescapeString(m[1]); got != loc.String() {
		t.Errorf("the landing page shows %q, want the full address %q", got, loc.String())
	}
	if !strings.Contains(r.body, "paste it into synctoken") || r.header.Get("Referrer-Policy") != "no-referrer" ||
		!strings.Contains(r.header.Get("Content-Security-Policy"), "default-src 'none'") {
		t.Errorf("landing page says or sends the wrong thing: %v\n%s", r.header, r.body)
	}
	deny := authorizeAtVendor(t, s, vendorURL(s, "st-9"), "vendor-deny")
	r = call(t, s, "GET", sandboxPath(t, s, deny.String())+"&x=%3Cimg%20src%3Dx%3E", nil, "")
	if !strings.Contains(r.body, `id="landing-error"`) || !strings.Contains(r.body, "access_denied") || strings.Contains(r.body, "<img") {
		t.Errorf("landing page after Deny:\n%s", r.body)
	}
}

// newVendorCode gets a code through the vendor's page, issued at the
// sandbox's current time.
func newVendorCode(t *testing.T, s *Server) string {
	t.Helper()
	code := authorizeAtVendor(t, s, vendorURL(s, "st"), "vendor-allow").Query().Get("code")
	if code == "" {
		t.Fatal("no code")
	}
	return code
}

func TestVendorCodesAreSingleUseAndShortLived(t *testing.T) {
	s := newSandbox(t)
	start := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return start })
	code := newVendorCode(t, s)
	if _, f := s.redeemVendorCode(code, "http://elsewhere/"); !strings.Contains(f, "redirect_uri does not match") {
		t.Errorf("wrong redirect URI: %q", f)
	}
	if _, f := s.redeemVendorCode(code, s.LandingURL()); !strings.Contains(f, "already been used") {
		t.Errorf("a code tried once is spent: %q", f)
	}
	fresh := newVendorCode(t, s)
	s.SetClock(func() time.Time { return start.Add(VendorCodeLifetime + time.Second) })
	if _, f := s.redeemVendorCode(fresh, s.LandingURL()); !strings.Contains(f, "expired") {
		t.Errorf("a code past its lifetime: %q", f)
	}
	s.SetClock(func() time.Time { return start.Add(VendorCodeLifetime + 2*time.Second) })
	ok := newVendorCode(t, s)
	s.SetClock(func() time.Time { return start.Add(2*VendorCodeLifetime + time.Second) })
	if scope, f := s.redeemVendorCode(ok, s.LandingURL()); f != "" || scope != "users:read users:write groups:read" {
		t.Errorf("a code within its lifetime: %q %q", scope, f)
	}
	if _, f := s.redeemVendorCode("sbx/nope", s.LandingURL()); !strings.Contains(f, "unknown") {
		t.Errorf("an unknown code: %q", f)
	}
}
