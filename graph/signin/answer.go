package signin

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/url"
	"strings"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
)

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
// added here. Extra scopes (such as graph.LookupScope) are asked for on top of
// Scopes, for incremental consent; the code is still redeemed for the
// Graph scope only, and TokenFor then gets a token for the extra one with
// the refresh token.
//
// The answer comes back in the redirect URI's fragment
// (response_mode=fragment, as MSAL.js asks for it): a fragment is never
// sent to the host, so the code reaches neither the site's logs nor a
// proxy's; Entra supports it for the authorization code flow of a
// single-page application.
func (s *Client) Begin(ctx context.Context, extra ...string) (string, Pending, error) {
	return s.begin(ctx, false, extra)
}

// BeginPopup is Begin for a sign-in in a popup window. Its state says so
// (see PopupAnswer): the app loaded in the popup with the answer then knows
// to hand it to the tab that asked instead of redeeming it, without
// window.opener, which a sign-in page's Cross-Origin-Opener-Policy cuts.
func (s *Client) BeginPopup(ctx context.Context, extra ...string) (string, Pending, error) {
	return s.begin(ctx, true, extra)
}

// popupState starts the state of a sign-in begun with BeginPopup. The rest
// is base64url, which has no dot, so no other state starts with it.
const popupState = "popup."

func (s *Client) begin(ctx context.Context, popup bool, extra []string) (string, Pending, error) {
	u, err := s.client.AuthCodeURL(ctx, s.cfg.Registration.ClientID(), s.cfg.RedirectURI, append(Scopes(s.cfg.Cloud), extra...))
	if err != nil {
		return "", Pending{}, explainError(err)
	}
	p := Pending{
		State: randomString(24), Nonce: randomString(24), Verifier: NewVerifier(),
		CloudID: s.cfg.Cloud.ID, Tenant: s.cfg.Registration.Tenant(), ClientID: s.cfg.Registration.ClientID(), RedirectURI: s.cfg.RedirectURI,
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
	ErrNoPending     = errors.New("A sign-in answer arrived, but this tab started no sign-in: it was ignored.")
	ErrStateMismatch = errors.New("The sign-in answer does not match the sign-in this tab started (state differs): it was refused.")
	ErrNonceMismatch = errors.New("The ID token does not carry the nonce this tab sent: the sign-in was refused.")
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
// where Begin asks Entra to put them, else its query. The query is read
// too, for errors Entra sends there when it cannot honour the mode asked
// for, and so that a sign-in begun on a page that asked for
// response_mode=query can finish after the site is updated under it;
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

// Complete redeems the answer at callback for p's sign-in: it checks the
// state, surfaces an error from the sign-in page as it is, redeems the
// code with the PKCE verifier and checks the ID token's nonce.
func (s *Client) Complete(ctx context.Context, p Pending, callback *url.URL) (Account, error) {
	q := answer(callback)
	if p.State == "" {
		return Account{}, ErrNoPending
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
		return Account{}, explainError(err)
	}
	if s.cache.isClosed() { // the session ended while the code was redeemed: MSAL's write was dropped
		return Account{}, ErrSessionEnded
	}
	if idTokenNonce(res.IDToken.RawToken) != p.Nonce {
		s.SignOut(ctx)
		return Account{}, ErrNonceMismatch
	}
	s.keepOnly(ctx, res.Account)
	return Account{UPN: res.Account.PreferredUsername, Name: res.IDToken.Name, TenantID: res.IDToken.TenantID}, nil
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
