package signin_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"synctoken/graph"
	"synctoken/graph/graphtest"
	"synctoken/graph/signin"
)

// browser acts as the page's fetch: it sends an Origin, as a browser does
// on cross-origin requests, and records what it sent.
type browser struct {
	origin string
	sent   []*http.Request
}

func (b *browser) Do(req *http.Request) (*http.Response, error) {
	if b.origin != "" {
		req.Header.Set("Origin", b.origin)
	}
	b.sent = append(b.sent, req)
	return (&graph.Client{}).Do(req)
}

const appURL = "http://127.0.0.1:8000/"

// registration is the sandbox's app registration in tenant, parsed.
func registration(t *testing.T, tenant string) graph.Registration {
	t.Helper()
	r, err := graph.ParseRegistration(tenant, graphtest.ClientID)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestNewNeedsAParsedRegistration: sign-in takes the registration parsed
// once, by graph.ParseRegistration; without one it says so, and there is
// no session to resume.
func TestNewNeedsAParsedRegistration(t *testing.T) {
	cloud, _ := graph.Sandbox("http://127.0.0.1:1")
	cfg := signin.Config{Cloud: cloud, RedirectURI: appURL}
	if _, err := signin.New(cfg, &graph.Client{}, signin.MemoryStore{}); err != signin.ErrNoRegistration {
		t.Errorf("New without a registration: %v, want ErrNoRegistration", err)
	}
	if signin.HasSession(cfg, signin.MemoryStore{}) {
		t.Error("HasSession without a registration is true")
	}
	cfg.Registration = registration(t, "Contoso.onmicrosoft.com")
	if _, err := signin.New(cfg, &graph.Client{}, signin.MemoryStore{}); err != nil {
		t.Errorf("New with a registration: %v", err)
	}
}

func newSignIn(t *testing.T, sb *graphtest.Server, c graph.Doer, tenant string) (*signin.Client, graph.Cloud) {
	t.Helper()
	cloud, ok := graph.Sandbox(sb.URL)
	if !ok {
		t.Fatal("sandbox cloud refused")
	}
	si, err := signin.New(signin.Config{Cloud: cloud, Registration: registration(t, tenant), RedirectURI: appURL}, c, signin.MemoryStore{})
	if err != nil {
		t.Fatal(err)
	}
	return si, cloud
}

// sandboxSignIn starts a sandbox that accepts appURL as redirect URI and a
// sign-in to it for "organizations" through b, a browser-like client that
// records what it sent.
func sandboxSignIn(t *testing.T) (sb *graphtest.Server, b *browser, si *signin.Client, cloud graph.Cloud) {
	t.Helper()
	sb = graphtest.NewServer()
	t.Cleanup(sb.Close)
	sb.AllowRedirectURI(appURL)
	b = &browser{origin: strings.TrimSuffix(appURL, "/")}
	si, cloud = newSignIn(t, sb, b, "organizations")
	return sb, b, si, cloud
}

// pickUser plays the admin on the sandbox's sign-in page: it opens the
// authorize URL, presses the user's button and returns where it redirects.
func pickUser(t *testing.T, authURL, button string) *url.URL {
	t.Helper()
	resp, err := http.Get(authURL)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(page), `id="`+button+`"`) {
		t.Fatalf("sign-in page lacks button %s:\n%s", button, page)
	}
	form := url.Values{}
	for _, m := range strings.Split(string(page), "<input")[1:] {
		name, value := attr(m, "name"), attr(m, "value")
		if name != "" && attr(m, "type") == "hidden" {
			form.Set(name, htmlUnescape(value))
		}
	}
	at := strings.Index(string(page), `id="`+button+`"`)
	btn := string(page)[strings.LastIndex(string(page)[:at], "<button"):]
	form.Set(attr(btn, "name"), attr(btn, "value"))
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	action := strings.Replace(authURL[:strings.Index(authURL, "?")], "https://", "http://", 1)
	resp, err = noRedirect.PostForm(action, form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || resp.StatusCode != http.StatusFound {
		t.Fatalf("sign-in page answered %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	return loc
}

func attr(tag, name string) string {
	i := strings.Index(tag, name+`="`)
	if i < 0 {
		return ""
	}
	rest := tag[i+len(name)+2:]
	return rest[:strings.IndexByte(rest, '"')]
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&#34;", `"`, "&quot;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">").Replace(s)
}

func TestSignInWithMSALAgainstTheSandbox(t *testing.T) {
	sb, b, si, cloud := sandboxSignIn(t)
	ctx := context.Background()

	authURL, pending, err := si.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(authURL, sb.URL+"/organizations/oauth2/v2.0/authorize?") {
		t.Errorf("authorize URL %q: the sandbox must be reached over http", authURL)
	}
	q, _ := url.Parse(authURL)
	if q.Query().Get("code_challenge") != signin.Challenge(pending.Verifier) || q.Query().Get("code_challenge_method") != "S256" ||
		q.Query().Get("state") != pending.State || q.Query().Get("nonce") != pending.Nonce {
		t.Errorf("authorize URL lacks PKCE/state/nonce: %s", authURL)
	}
	scope := strings.Fields(q.Query().Get("scope"))
	for _, want := range signin.Scopes(cloud) {
		if !slices.Contains(scope, want) {
			t.Errorf("authorize scope %q lacks %q", scope, want)
		}
	}

	callback := pickUser(t, authURL, "user-admin")
	acct, err := si.Complete(ctx, pending, callback)
	if err != nil {
		t.Fatal(err)
	}
	if acct.UPN != graphtest.AdminUPN {
		t.Errorf("account = %+v", acct)
	}
	token, err := si.Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range b.sent {
		for name := range r.Header {
			if l := strings.ToLower(name); strings.HasPrefix(l, "x-client") || l == "client-request-id" || l == "return-client-request-id" {
				t.Errorf("%s %s carried header %s: the browser would preflight", r.Method, r.URL.Path, name)
			}
		}
	}

	// The token works on the sandbox's Graph.
	req, err := graph.Build(graph.Input{Cloud: cloud, Version: graph.V1, Kind: graph.ServicePrincipals,
		ObjectID: graphtest.ServicePrincipals[0].ObjectID, Credentials: []graph.Credential{{Key: "SecretToken", Value: "x"}}, Token: token}, graph.NewRequestID())
	if err != nil {
		t.Fatal(err)
	}
	resp, err := graph.Send(ctx, &graph.Client{}, req)
	if err != nil || !resp.OK() {
		t.Fatalf("send with the signed-in token: %v %+v", err, resp)
	}
	claims, _ := graph.DecodeToken(token)
	if ps := claims.Check(cloud, time.Now()); len(ps) != 0 {
		t.Errorf("sandbox admin token got warnings: %v", ps)
	}

	// A reused answer is refused by the sandbox, as Entra does.
	if _, err := si.Complete(ctx, pending, callback); err == nil || !strings.Contains(err.Error(), "AADSTS54005") {
		t.Errorf("reusing a code: err = %v", err)
	}

	si.SignOut(ctx)
	if _, err := si.Token(ctx); err == nil {
		t.Error("a token after Sign out")
	}
}

func TestSignInRefusesBadAnswers(t *testing.T) {
	sb := graphtest.NewServer()
	defer sb.Close()
	sb.AllowRedirectURI(appURL)
	si, _ := newSignIn(t, sb, &browser{origin: "http://127.0.0.1:8000"}, graphtest.TenantDomain)
	ctx := context.Background()
	_, pending, err := si.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cb := func(q string) *url.URL { u, _ := url.Parse(appURL + "?" + q); return u }

	if _, err := si.Complete(ctx, signin.Pending{}, cb("code=x&state=y")); !errors.Is(err, signin.ErrNoPending) {
		t.Errorf("no pending: %v", err)
	}
	if _, err := si.Complete(ctx, pending, cb("code=x&state=forged")); !errors.Is(err, signin.ErrStateMismatch) {
		t.Errorf("forged state: %v", err)
	}
	_, err = si.Complete(ctx, pending, cb("error=access_denied&error_description=AADSTS65004%3A+User+declined&state="+pending.State))
	var ae *signin.AuthorizeError
	if !errors.As(err, &ae) || ae.Code != "access_denied" || !strings.Contains(ae.Error(), "AADSTS65004") {
		t.Errorf("authorize error: %v", err)
	}
	// An ID token with another nonce (a replayed or injected code).
	authURL, pending, _ := si.Begin(ctx)
	callback := pickUser(t, authURL, "user-admin")
	pending.Nonce = "not-the-one-sent"
	if _, err := si.Complete(ctx, pending, callback); !errors.Is(err, signin.ErrNonceMismatch) {
		t.Errorf("nonce mismatch: %v", err)
	}
	if _, err := si.Token(ctx); err == nil {
		t.Error("a refused sign-in left an account behind")
	}
	// A verifier that does not match the challenge.
	authURL, pending, _ = si.Begin(ctx)
	callback = pickUser(t, authURL, "user-admin")
	pending.Verifier = signin.NewVerifier()
	if _, err := si.Complete(ctx, pending, callback); err == nil || !strings.Contains(err.Error(), "AADSTS501481") {
		t.Errorf("bad verifier: %v", err)
	}
}

func TestSignInWithoutOriginFailsAsInEntra(t *testing.T) {
	sb := graphtest.NewServer()
	defer sb.Close()
	sb.AllowRedirectURI(appURL)
	si, _ := newSignIn(t, sb, &browser{}, "organizations")
	ctx := context.Background()
	authURL, pending, err := si.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	_, err = si.Complete(ctx, pending, pickUser(t, authURL, "user-admin"))
	if err == nil || !strings.Contains(err.Error(), "AADSTS9002327") {
		t.Errorf("redeeming a SPA code without Origin: %v", err)
	}
}

// TestIncrementalConsent: sign-in does not ask for ReadScope; TokenFor it
// fails with NeedsConsent while consent is withheld, a declined consent
// changes nothing, and a sign-in that asks for it (and is accepted) lets
// TokenFor get it silently.
func TestIncrementalConsent(t *testing.T) {
	sb, _, si, cloud := sandboxSignIn(t)
	sb.WithholdConsent(graphtest.ReadScope)
	ctx := context.Background()

	authURL, pending, err := si.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(authURL, graph.ReadScope) {
		t.Errorf("the first sign-in asks for %s: %s", graph.ReadScope, authURL)
	}
	if _, err := si.Complete(ctx, pending, pickUser(t, authURL, "user-admin")); err != nil {
		t.Fatal(err)
	}
	if _, err := si.TokenFor(ctx, graph.LookupScope(cloud)); !signin.NeedsConsent(err) {
		t.Fatalf("TokenFor without consent: %v, want NeedsConsent", err)
	}

	authURL, pending, err = si.Begin(ctx, graph.LookupScope(cloud))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(authURL, url.QueryEscape(graph.LookupScope(cloud))) {
		t.Errorf("the consent sign-in does not ask for %s: %s", graph.ReadScope, authURL)
	}
	_, err = si.Complete(ctx, pending, pickUser(t, authURL, "decline"))
	var ae *signin.AuthorizeError
	if !errors.As(err, &ae) || ae.Code != "access_denied" || !strings.Contains(ae.Description, "AADSTS65004") {
		t.Errorf("declined consent: %v", err)
	}
	if _, err := si.TokenFor(ctx, graph.LookupScope(cloud)); !signin.NeedsConsent(err) {
		t.Errorf("TokenFor after a decline: %v, want NeedsConsent", err)
	}

	authURL, pending, _ = si.Begin(ctx, graph.LookupScope(cloud))
	if _, err := si.Complete(ctx, pending, pickUser(t, authURL, "user-admin")); err != nil {
		t.Fatal(err)
	}
	token, err := si.TokenFor(ctx, graph.LookupScope(cloud))
	if err != nil {
		t.Fatalf("TokenFor after consent: %v", err)
	}
	claims, _ := graph.DecodeToken(token)
	if !slices.Contains(claims.Scopes, graph.ReadScope) {
		t.Errorf("token scopes %v lack %s", claims.Scopes, graph.ReadScope)
	}
	if _, err := si.Token(ctx); err != nil {
		t.Errorf("the action's token after consent: %v", err)
	}
	if ms, _, err := graph.Lookup(ctx, &graph.Client{}, cloud, token, graphtest.ServicePrincipals[0].ObjectID); err != nil || len(ms) != 1 {
		t.Errorf("Look up with the consented token: %v %+v", err, ms)
	}
}
