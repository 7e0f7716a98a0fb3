package graph

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
)

// Store keeps strings for the life of the browser tab (sessionStorage).
// Sign-in keeps its round-trip state and MSAL's cache there, nothing else.
type Store interface {
	Get(key string) (string, bool)
	Set(key, value string)
	Delete(key string)
}

// SignInConfig is what an admin gives to sign in: not secret, and
// remembered per cloud.
type SignInConfig struct {
	Cloud       Cloud
	Tenant      string // tenant ID, domain, or "organizations"
	ClientID    string // the app registration's Application (client) ID
	RedirectURI string // this page's URL, registered as a Single-page application redirect URI
}

// Scopes returns what synctoken asks for in cloud: Synchronization.ReadWrite.All
// on that cloud's Graph, plus openid profile offline_access for an account
// and a refresh token.
func Scopes(cloud Cloud) []string {
	return append(msalScopes(cloud), "openid", "profile", "offline_access")
}

// msalScopes are the scopes given to MSAL, which appends openid, profile
// and offline_access to every request itself, and counts a scope it was
// given but Entra does not list back as declined (an error).
func msalScopes(cloud Cloud) []string {
	return []string{"https://" + cloud.GraphHost + "/Synchronization.ReadWrite.All"}
}

// SignIn signs an admin in with MSAL Go's public client: authorization code
// with PKCE, the only grant a static page may use with Entra ID.
type SignIn struct {
	cfg    SignInConfig
	client public.Client
	doer   *signinDoer
	store  Store
}

// NewSignIn returns a sign-in for cfg whose requests go through c and whose
// MSAL cache lives in store.
func NewSignIn(cfg SignInConfig, c Doer, store Store) (*SignIn, error) {
	tenant, err := ParseTenant(cfg.Tenant)
	if err != nil {
		return nil, err
	}
	clientID, err := ParseClientID(cfg.ClientID)
	if err != nil {
		return nil, err
	}
	cfg.Tenant, cfg.ClientID = tenant, clientID
	d := newSigninDoer(c, cfg.Cloud)
	client, err := public.New(clientID,
		public.WithAuthority("https://"+cfg.Cloud.LoginHost+"/"+tenant),
		public.WithInstanceDiscovery(false),
		public.WithHTTPClient(d),
		public.WithCache(&sessionCache{store: store, key: cacheKey(cfg)}),
	)
	if err != nil {
		return nil, fmt.Errorf("sign-in could not start: %w", err)
	}
	return &SignIn{cfg: cfg, client: client, doer: d, store: store}, nil
}

func cacheKey(cfg SignInConfig) string {
	return "synctoken.msal." + cfg.Cloud.ID + "." + cfg.ClientID
}

// Pending is a sign-in under way: what must survive the round trip to the
// sign-in page, kept in sessionStorage only until the answer comes back.
type Pending struct {
	State       string `json:"state"`
	Nonce       string `json:"nonce"`
	Verifier    string `json:"verifier"`
	CloudID     string `json:"cloud"`
	Tenant      string `json:"tenant"`
	ClientID    string `json:"clientId"`
	RedirectURI string `json:"redirectUri"`
}

// Begin returns the URL to open for the sign-in page in this tab (a
// full-page redirect), and the pending state to keep until the answer.
// MSAL's AuthCodeURL has no option for state, nonce or PKCE, so they are
// added here. Extra scopes (such as LookupScope) are asked for on top of
// Scopes, for incremental consent; the code is still redeemed for the
// Graph scope only, and TokenFor then gets a token for the extra one with
// the refresh token.
//
// The answer comes back in the redirect URI's fragment
// (response_mode=fragment, as MSAL.js asks for it): a fragment is never
// sent to the host, so the code reaches neither the site's logs nor a
// proxy's; Entra supports it for the authorization code flow of a
// single-page application.
func (s *SignIn) Begin(ctx context.Context, extra ...string) (string, Pending, error) {
	return s.begin(ctx, false, extra)
}

// BeginPopup is Begin for a sign-in in a popup window. Its state says so
// (see PopupAnswer): the app loaded in the popup with the answer then knows
// to hand it to the tab that asked instead of redeeming it, without
// window.opener, which a sign-in page's Cross-Origin-Opener-Policy cuts.
func (s *SignIn) BeginPopup(ctx context.Context, extra ...string) (string, Pending, error) {
	return s.begin(ctx, true, extra)
}

// popupState starts the state of a sign-in begun with BeginPopup. The rest
// is base64url, which has no dot, so no other state starts with it.
const popupState = "popup."

func (s *SignIn) begin(ctx context.Context, popup bool, extra []string) (string, Pending, error) {
	u, err := s.client.AuthCodeURL(ctx, s.cfg.ClientID, s.cfg.RedirectURI, append(Scopes(s.cfg.Cloud), extra...))
	if err != nil {
		return "", Pending{}, explainSignInError(err)
	}
	p := Pending{
		State: randomString(24), Nonce: randomString(24), Verifier: NewVerifier(),
		CloudID: s.cfg.Cloud.ID, Tenant: s.cfg.Tenant, ClientID: s.cfg.ClientID, RedirectURI: s.cfg.RedirectURI,
	}
	if popup {
		p.State = popupState + p.State
	}
	parsed, err := url.Parse(u)
	if err != nil {
		return "", Pending{}, err
	}
	q := parsed.Query()
	q.Set("state", p.State)
	q.Set("nonce", p.Nonce)
	q.Set("code_challenge", Challenge(p.Verifier))
	q.Set("code_challenge_method", "S256")
	q.Set("response_mode", "fragment")
	q.Set("prompt", "select_account")
	parsed.RawQuery = q.Encode()
	return s.doer.plainURL(parsed.String()), p, nil
}

// AuthorizeError is an error the sign-in page sent back (error=…).
type AuthorizeError struct {
	Code        string // e.g. access_denied
	Description string // often starts with an AADSTS code
}

func (e *AuthorizeError) Error() string {
	if e.Description == "" {
		return "Sign-in failed: " + e.Code
	}
	return "Sign-in failed: " + e.Code + ": " + e.Description
}

// Errors of a sign-in answer that does not belong to a sign-in of this tab.
var (
	ErrNoPendingSignIn = errors.New("A sign-in answer arrived, but this tab started no sign-in: it was ignored.")
	ErrStateMismatch   = errors.New("The sign-in answer does not match the sign-in this tab started (state differs): it was refused.")
	ErrNonceMismatch   = errors.New("The ID token does not carry the nonce this tab sent: the sign-in was refused.")
)

// IsCallback reports whether u carries a sign-in answer, in its fragment
// or its query (see answer).
func IsCallback(u *url.URL) bool { return isAnswer(answer(u)) }

// AnswerState is the state of the answer u carries (see IsCallback), read
// where IsCallback reads the answer; "" when it carries none. The page
// tells a sign-in's answer from a vendor's answer to Authorize by it.
func AnswerState(u *url.URL) string {
	a := answer(u)
	if !isAnswer(a) {
		return ""
	}
	return a.Get("state")
}

// PopupAnswer reports whether u carries the answer to a sign-in begun with
// BeginPopup, and that sign-in's state.
func PopupAnswer(u *url.URL) (state string, ok bool) {
	a := answer(u)
	state = a.Get("state")
	return state, isAnswer(a) && strings.HasPrefix(state, popupState) && len(state) > len(popupState)
}

// answer returns the parameters of the sign-in answer in u: its fragment,
// where Begin asks Entra to put them, else its query. The query is still
// read so that a sign-in begun by an earlier version of the page (which
// asked for response_mode=query) can finish after an update, and for
// errors Entra sends there when it cannot honour the mode asked for;
// reading it exposes nothing more, since a query answer has already
// reached the host by the time the page reads it, and a code is worth
// nothing without this tab's PKCE verifier.
func answer(u *url.URL) url.Values {
	if u.Fragment != "" {
		if f, err := url.ParseQuery(u.EscapedFragment()); err == nil && isAnswer(f) {
			return f
		}
	}
	return u.Query()
}

func isAnswer(q url.Values) bool {
	return q.Has("code") || q.Has("error") || (q.Has("state") && q.Has("session_state"))
}

// Account is who is signed in.
type Account struct {
	UPN      string
	Name     string
	TenantID string
}

// Complete redeems the answer at callback for p's sign-in: it checks the
// state, surfaces an error from the sign-in page as it is, redeems the
// code with the PKCE verifier and checks the ID token's nonce.
func (s *SignIn) Complete(ctx context.Context, p Pending, callback *url.URL) (Account, error) {
	q := answer(callback)
	if p.State == "" {
		return Account{}, ErrNoPendingSignIn
	}
	if q.Get("state") != p.State {
		return Account{}, ErrStateMismatch
	}
	if e := q.Get("error"); e != "" {
		return Account{}, &AuthorizeError{Code: e, Description: q.Get("error_description")}
	}
	code := q.Get("code")
	if code == "" {
		return Account{}, errors.New("The sign-in answer carries neither a code nor an error.")
	}
	res, err := s.client.AcquireTokenByAuthCode(ctx, code, p.RedirectURI, msalScopes(s.cfg.Cloud), public.WithChallenge(p.Verifier))
	if err != nil {
		return Account{}, explainSignInError(err)
	}
	if idTokenNonce(res.IDToken.RawToken) != p.Nonce {
		s.SignOut(ctx)
		return Account{}, ErrNonceMismatch
	}
	s.keepOnly(ctx, res.Account)
	return Account{UPN: res.Account.PreferredUsername, Name: res.IDToken.Name, TenantID: res.IDToken.TenantID}, nil
}

// Token returns an access token for Graph from MSAL's cache, refreshed with
// the refresh token when it is about to expire.
func (s *SignIn) Token(ctx context.Context) (string, error) {
	return s.silent(ctx, msalScopes(s.cfg.Cloud))
}

// TokenFor returns an access token for one other scope of the same Graph,
// such as LookupScope, from the cache or with the refresh token. It fails
// with an error for which NeedsConsent is true when the admin has not
// consented to scope yet: Begin with it as an extra scope then.
func (s *SignIn) TokenFor(ctx context.Context, scope string) (string, error) {
	return s.silent(ctx, []string{scope})
}

// silent gets a token for scopes from MSAL's cache, or with the refresh
// token, for the signed-in account.
func (s *SignIn) silent(ctx context.Context, scopes []string) (string, error) {
	acct, err := s.account(ctx)
	if err != nil {
		return "", err
	}
	res, err := s.client.AcquireTokenSilent(ctx, scopes, public.WithSilentAccount(acct))
	if err != nil {
		return "", explainSignInError(err)
	}
	return res.AccessToken, nil
}

// NeedsConsent reports whether err is Entra asking for the admin's
// consent or another interactive sign-in (AADSTS65001, consent_required,
// interaction_required), which only the sign-in page can give.
func NeedsConsent(err error) bool {
	if err == nil {
		return false
	}
	var se *SignInError
	if !errors.As(err, &se) {
		return false
	}
	msg := se.Err.Error()
	for _, mark := range []string{"AADSTS65001", "consent_required", "interaction_required", "AADSTS50076", "AADSTS50079"} {
		if strings.Contains(msg, mark) {
			return true
		}
	}
	return false
}

// Account returns the signed-in account from MSAL's cache, if any.
func (s *SignIn) Account(ctx context.Context) (Account, bool) {
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
func accountKey(cfg SignInConfig) string { return cacheKey(cfg) + ".account" }

// account is the cached account of the last sign-in. MSAL lists cached
// accounts in no particular order, so with two of them (a second sign-in
// as someone else) the first of the list could be either: the page would
// show one user and send another's token. Complete keeps only the account
// that signed in last and remembers its home account ID; a cache written
// before it remembered one is used only while it holds a single account.
func (s *SignIn) account(ctx context.Context) (public.Account, error) {
	accounts, err := s.client.Accounts(ctx)
	if err != nil {
		return public.Account{}, err
	}
	id, ok := s.store.Get(accountKey(s.cfg))
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
func (s *SignIn) keepOnly(ctx context.Context, acct public.Account) {
	if accounts, err := s.client.Accounts(ctx); err == nil {
		for _, a := range accounts {
			if a.HomeAccountID != acct.HomeAccountID || a.Environment != acct.Environment {
				s.client.RemoveAccount(ctx, a)
			}
		}
	}
	s.store.Set(accountKey(s.cfg), acct.HomeAccountID)
}

// SignOut removes the accounts from MSAL's cache and the cache from the store.
func (s *SignIn) SignOut(ctx context.Context) {
	if accounts, err := s.client.Accounts(ctx); err == nil {
		for _, a := range accounts {
			s.client.RemoveAccount(ctx, a)
		}
	}
	s.store.Delete(cacheKey(s.cfg))
	s.store.Delete(accountKey(s.cfg))
}

// SignInError is a failed token request, with Entra's error code when it
// sent one (AADSTS…).
type SignInError struct {
	Message string
	Err     error
}

func (e *SignInError) Error() string { return e.Message }
func (e *SignInError) Unwrap() error { return e.Err }

// tokenUnreadable explains a token request that the browser answered
// with a failed fetch. Entra's token endpoint sends some refusals (401s)
// without CORS headers, so the page cannot tell a refusal from a network
// failure: it says both, and what to check for a refusal.
const tokenUnreadable = "The sign-in service could not be reached, or Entra ID may have refused the sign-in: " +
	"it sends some refusals (such as 401) without the headers that let a page read them, and the browser reports both " +
	"the same way. If you are online, check that this page's address is registered as a redirect URI of the app " +
	"registration under the Single-page application platform (not Web), that consent to Synchronization.ReadWrite.All " +
	"was granted, and that Tenant names the app registration's tenant. Otherwise the browser is offline, or a proxy " +
	"or an extension blocked the request."

func explainSignInError(err error) error {
	var se *SendError
	if errors.As(err, &se) {
		return &SignInError{Message: "The sign-in service could not be reached: " + se.Message, Err: err}
	}
	msg := err.Error()
	// MSAL does not always wrap the client's error: match its text too.
	if errors.Is(err, errTokenUnreadable) || strings.Contains(msg, errTokenUnreadable.Error()) {
		return &SignInError{Message: tokenUnreadable, Err: err}
	}
	if isFetchFailure(err) {
		return &SignInError{Message: "The sign-in service could not be reached: the browser got no answer (offline, blocked by a proxy or extension, or the host is down).", Err: err}
	}
	if i := strings.Index(msg, errForeignHost.Error()); i >= 0 {
		return &SignInError{Message: msg[i:], Err: err}
	}
	if i := strings.Index(msg, "AADSTS"); i >= 0 {
		msg = msg[i:]
		// The description sits in raw JSON: it ends at an escaped line
		// break (before "Trace ID") or at the closing quote.
		for _, end := range []string{`\r\n`, `"`} {
			if j := strings.Index(msg, end); j > 0 {
				msg = msg[:j]
			}
		}
		return &SignInError{Message: "Entra ID refused: " + msg, Err: err}
	}
	return &SignInError{Message: "Sign-in failed: " + msg, Err: err}
}

// idTokenNonce reads the nonce claim of an ID token. MSAL Go decodes ID
// tokens into fixed fields only, nonce not among them.
func idTokenNonce(raw string) string {
	parts := strings.Split(raw, ".")
	if len(parts) != 3 {
		return ""
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return ""
	}
	var claims struct {
		Nonce string `json:"nonce"`
	}
	json.Unmarshal(payload, &claims)
	return claims.Nonce
}
