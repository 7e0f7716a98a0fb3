// Package signin signs an admin in to Entra ID with MSAL Go's public
// client: authorization code with PKCE, the only grant a static page may
// use with Entra ID. It holds everything that imports MSAL Go — the
// authority, PKCE, state and nonce, the CORS-simple transport MSAL sends
// through, the session cache in the tab's sessionStorage, and the popup and
// redirect hand-off of the answer — so that package graph, which builds and
// sends the Graph calls, stays free of it. It imports graph for clouds,
// tenant and client ID parsing, and the fetch client; graph never imports it.
package signin

import (
	"context"
	"errors"
	"fmt"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"

	"synctoken/graph"
)

// Config is what an admin gives to sign in: not secret, and
// remembered per cloud.
type Config struct {
	Cloud graph.Cloud
	// Registration is the app registration signed in with, its tenant and
	// client ID parsed once by graph.ParseRegistration.
	Registration graph.Registration
	RedirectURI  string // this page's URL, registered as a Single-page application redirect URI
}

// Scopes returns what synctoken asks for in cloud: Synchronization.ReadWrite.All
// on that cloud's Graph, plus openid profile offline_access for an account
// and a refresh token.
func Scopes(cloud graph.Cloud) []string {
	return append(msalScopes(cloud), "openid", "profile", "offline_access")
}

// msalScopes are the scopes given to MSAL, which appends openid, profile
// and offline_access to every request itself, and counts a scope it was
// given but Entra does not list back as declined (an error).
func msalScopes(cloud graph.Cloud) []string {
	return []string{"https://" + cloud.GraphHost + "/" + graph.SyncScope}
}

// Client signs an admin in with MSAL Go's public client: authorization code
// with PKCE, the only grant a static page may use with Entra ID.
type Client struct {
	cfg    Config
	client public.Client
	doer   *transport
	cache  *sessionCache // the store as MSAL sees it, until the client is closed
}

// New returns a sign-in client for cfg whose requests go through c and whose
// MSAL cache lives in store.
func New(cfg Config, c graph.Doer, store Store) (*Client, error) {
	if cfg.Registration.IsZero() {
		return nil, ErrNoRegistration
	}
	tenant, clientID := cfg.Registration.Tenant(), cfg.Registration.ClientID()
	d := newTransport(c, cfg.Cloud)
	sc := &sessionCache{store: store, key: cacheKey(cfg)}
	client, err := public.New(clientID,
		public.WithAuthority("https://"+cfg.Cloud.LoginHost+"/"+tenant),
		public.WithInstanceDiscovery(false),
		public.WithHTTPClient(d),
		public.WithCache(sc),
	)
	if err != nil {
		return nil, fmt.Errorf("sign-in could not start: %w", err)
	}
	return &Client{cfg: cfg, client: client, doer: d, cache: sc}, nil
}

func cacheKey(cfg Config) string {
	return "synctoken.msal." + cfg.Cloud.ID + "." + cfg.Registration.ClientID()
}

// Account is who is signed in.
type Account struct {
	UPN      string
	Name     string
	TenantID string
}

// Token returns an access token for Graph from MSAL's cache, refreshed with
// the refresh token when it is about to expire.
func (s *Client) Token(ctx context.Context) (string, error) {
	return s.silent(ctx, msalScopes(s.cfg.Cloud))
}

// TokenFor returns an access token for one other scope of the same Graph,
// such as graph.LookupScope, from the cache or with the refresh token. It fails
// with an error for which NeedsConsent is true when the admin has not
// consented to scope yet: Begin with it as an extra scope then.
func (s *Client) TokenFor(ctx context.Context, scope string) (string, error) {
	return s.silent(ctx, []string{scope})
}

// silent gets a token for scopes from MSAL's cache, or with the refresh
// token, for the signed-in account.
func (s *Client) silent(ctx context.Context, scopes []string) (string, error) {
	acct, err := s.account(ctx)
	if err != nil {
		return "", err
	}
	res, err := s.client.AcquireTokenSilent(ctx, scopes, public.WithSilentAccount(acct))
	if err != nil {
		return "", explainError(err)
	}
	if s.cache.isClosed() { // closed while the refresh was on the wire
		return "", ErrSessionEnded
	}
	return res.AccessToken, nil
}

// Account returns the signed-in account from MSAL's cache, if any.
func (s *Client) Account(ctx context.Context) (Account, bool) {
	a, err := s.account(ctx)
	if err != nil {
		return Account{}, false
	}
	return Account{UPN: a.PreferredUsername, TenantID: a.Realm}, true
}

// errNotSignedIn is silent's answer when the cache holds no account of
// this tab's last sign-in.
var errNotSignedIn = errors.New("Not signed in.")

// accountKey is where the home account ID of the last sign-in is kept,
// next to MSAL's cache: it is not secret (the user's and the tenant's
// object IDs), and it names the one account this tab uses.
func accountKey(cfg Config) string { return cacheKey(cfg) + ".account" }

// account is the cached account of the last sign-in. MSAL lists cached
// accounts in no particular order, so with two of them (a second sign-in
// as someone else) the first of the list could be either: the page would
// show one user and send another's token. Complete keeps only the account
// that signed in last and remembers its home account ID; a cache that
// names no account is used only while it holds a single account, where
// there is no choice to get wrong.
func (s *Client) account(ctx context.Context) (public.Account, error) {
	accounts, err := s.client.Accounts(ctx)
	if err != nil {
		return public.Account{}, err
	}
	id, ok := s.cache.get(accountKey(s.cfg))
	if !ok || id == "" {
		if len(accounts) == 1 {
			return accounts[0], nil
		}
		return public.Account{}, errNotSignedIn
	}
	for _, a := range accounts {
		if a.HomeAccountID == id {
			return a, nil
		}
	}
	return public.Account{}, errNotSignedIn
}

// keepOnly makes acct, which has just signed in, the tab's only account:
// every other account is removed from MSAL's cache with its tokens.
func (s *Client) keepOnly(ctx context.Context, acct public.Account) {
	if accounts, err := s.client.Accounts(ctx); err == nil {
		for _, a := range accounts {
			if a.HomeAccountID != acct.HomeAccountID || a.Environment != acct.Environment {
				s.client.RemoveAccount(ctx, a)
			}
		}
	}
	s.cache.set(accountKey(s.cfg), acct.HomeAccountID)
}

// ErrSessionEnded is what a closed client answers for a token or a
// sign-in that was under way when its session ended.
var ErrSessionEnded = errors.New("The session this was asked for has ended (signed out, another cloud or another sign-in): its answer was dropped.")

// ErrNoRegistration is what New answers for a Config without a parsed app
// registration: the tenant and client ID are parsed once, by
// graph.ParseRegistration, whose error says what is wrong with each.
var ErrNoRegistration = errors.New("Sign-in needs the app registration's tenant and Application (client) ID: fill both in above.")

// SignOut closes the client (see Close) and removes MSAL's cache and the
// account from the store: a refresh still on the wire writes nothing back.
func (s *Client) SignOut(ctx context.Context) {
	s.cache.close(cacheKey(s.cfg), accountKey(s.cfg))
	if accounts, err := s.client.Accounts(ctx); err == nil { // MSAL's memory: empty once closed
		for _, a := range accounts {
			s.client.RemoveAccount(ctx, a)
		}
	}
}

// Discard ends a sign-in whose session ended before its answer was
// taken (the admin signed out, switched cloud or signed in again
// meanwhile): the client is closed and what it stored removed, unless
// live, the client signed in now, keeps its session under the same keys
// (the same cloud and app registration). Then the store holds live's
// session, written after this one's, and removing it would sign the
// admin out of the session they just began at the next reload.
func (s *Client) Discard(ctx context.Context, live *Client) {
	if live != nil && live != s && cacheKey(live.cfg) == cacheKey(s.cfg) {
		s.Close()
		return
	}
	s.SignOut(ctx)
}

// Close makes the client inert, for a session that ended without signing
// out (a cloud switch, another sign-in): it leaves the store as it is, but
// never writes to it again, whatever MSAL still has on the wire, reads no
// account from it, and gives no token.
func (s *Client) Close() { s.cache.close() }
