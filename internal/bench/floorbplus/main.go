// Command floorbplus is floor (b+) of synctoken's bench, the one its
// budgets are set against: floor (b)'s page plus the rest of what any
// go-app app that signs in with MSAL Go as synctoken does must carry. Its
// public client has synctoken's options (an authority, no instance
// discovery, requests through synctoken/graph's fetch client, a cache kept
// in sessionStorage), and its buttons reach the three calls synctoken
// makes: the sign-in URL with PKCE, redeeming the code with the verifier,
// and a silent refresh for the cached account. Floor (b) only builds the
// URL, so it never links MSAL's token, cache and account code; a floor
// without them would charge that code to synctoken.
//
// The first render is floor (b)'s, one labelled input and buttons: the
// calls run on clicks only, so what the bench times at load is the same
// page with more wasm to download and compile. Nothing here needs to
// succeed offline: the bench never clicks.
//
// In the browser it runs the page; natively, `floorbplus build -o DIR`
// writes its static site from web/app.wasm, as synctoken's build does.
package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"os"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/cache"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
	"synctoken/internal/bench/floorsite"
)

// scopes are a Graph scope, as synctoken redeems and refreshes for.
var scopes = []string{"https://graph.microsoft.com/Synchronization.ReadWrite.All"}

// keyVerifier keeps the PKCE verifier in sessionStorage across the trip
// to the sign-in page, as synctoken keeps its pending sign-in.
const keyVerifier = "floorbplus.verifier"

// page is one labelled input (a client ID) and three buttons: sign in
// (the authorize URL), redeem (the code in this page's URL) and refresh.
type page struct {
	app.Compo
	clientID, result string
}

func (p *page) Render() app.UI {
	return app.Main().Body(
		app.Label().For("client-id").Text("Client ID"),
		app.Input().ID("client-id").Value(p.clientID).OnInput(p.ValueTo(&p.clientID)),
		app.Button().ID("sign-in").Text("Sign-in URL").OnClick(p.onSignIn),
		app.Button().ID("redeem").Text("Redeem").OnClick(p.onRedeem),
		app.Button().ID("refresh").Text("Refresh").OnClick(p.onRefresh),
		app.P().ID("result").Text(p.result),
	)
}

// onSignIn builds the authorize URL with a PKCE challenge and keeps the
// verifier for the redeem.
func (p *page) onSignIn(ctx app.Context, e app.Event) {
	clientID := p.clientID
	p.call(ctx, func(c public.Client, store app.BrowserStorage) (string, error) {
		u, err := c.AuthCodeURL(context.Background(), clientID, redirectURI(), scopes)
		if err != nil {
			return "", err
		}
		verifier := newVerifier()
		parsed, err := url.Parse(u)
		if err != nil {
			return "", err
		}
		q := parsed.Query()
		q.Set("code_challenge", challenge(verifier))
		q.Set("code_challenge_method", "S256")
		parsed.RawQuery = q.Encode()
		store.Set(keyVerifier, verifier)
		return parsed.String(), nil
	})
}

// onRedeem redeems the code the sign-in page sent back to this page's URL
// with the kept verifier: MSAL caches the tokens and the account.
func (p *page) onRedeem(ctx app.Context, e app.Event) {
	code := app.Window().URL().Query().Get("code")
	p.call(ctx, func(c public.Client, store app.BrowserStorage) (string, error) {
		var verifier string
		store.Get(keyVerifier, &verifier)
		res, err := c.AcquireTokenByAuthCode(context.Background(), code, redirectURI(), scopes, public.WithChallenge(verifier))
		if err != nil {
			return "", err
		}
		store.Del(keyVerifier)
		return "signed in as " + res.Account.PreferredUsername, nil
	})
}

// onRefresh gets a token for the cached account, from the cache or with
// the refresh token.
func (p *page) onRefresh(ctx app.Context, e app.Event) {
	p.call(ctx, func(c public.Client, store app.BrowserStorage) (string, error) {
		accounts, err := c.Accounts(context.Background())
		if err != nil {
			return "", err
		}
		if len(accounts) == 0 {
			return "", errors.New("not signed in")
		}
		res, err := c.AcquireTokenSilent(context.Background(), scopes, public.WithSilentAccount(accounts[0]))
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("token of %d characters", len(res.AccessToken)), nil
	})
}

// call creates the client as synctoken does and runs fn off the event
// loop: a blocking fetch in a handler would deadlock the wasm.
func (p *page) call(ctx app.Context, fn func(public.Client, app.BrowserStorage) (string, error)) {
	clientID, store := p.clientID, ctx.SessionStorage()
	ctx.Async(func() {
		var result string
		c, err := public.New(clientID,
			public.WithAuthority("https://login.microsoftonline.com/organizations"),
			public.WithInstanceDiscovery(false),
			public.WithHTTPClient(&graph.Client{}),
			public.WithCache(&sessionCache{store: store, key: "floorbplus.msal." + clientID}))
		if err == nil {
			result, err = fn(c, store)
		}
		if err != nil {
			result = err.Error()
		}
		ctx.Dispatch(func(ctx app.Context) { p.result = result })
	})
}

// sessionCache keeps MSAL's cache in sessionStorage, as synctoken's does.
type sessionCache struct {
	store app.BrowserStorage
	key   string
}

func (c *sessionCache) Replace(ctx context.Context, u cache.Unmarshaler, _ cache.ReplaceHints) error {
	var v string
	if err := c.store.Get(c.key, &v); err != nil || v == "" {
		return nil
	}
	return u.Unmarshal([]byte(v))
}

func (c *sessionCache) Export(ctx context.Context, m cache.Marshaler, _ cache.ExportHints) error {
	b, err := m.Marshal()
	if err != nil {
		return err
	}
	return c.store.Set(c.key, string(b))
}

// redirectURI is this page's address without its query: where the
// sign-in page sends the code.
func redirectURI() string {
	u := *app.Window().URL()
	u.RawQuery, u.Fragment = "", ""
	return u.String()
}

// newVerifier is a PKCE code verifier: 32 random bytes, base64url.
func newVerifier() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// challenge is the S256 challenge of verifier.
func challenge(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

func main() {
	app.Route("/", &page{})
	app.RunWhenOnBrowser()
	if app.IsServer {
		if err := floorsite.Main("floorbplus", os.Args[1:]); err != nil {
			fmt.Fprintln(os.Stderr, "floorbplus:", err)
			os.Exit(2)
		}
	}
}
