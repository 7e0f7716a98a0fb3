package graphtest

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// A refreshGrant is an issued refresh token. A SPA's refresh tokens expire
// 24 hours after sign-in whatever is done with them: redeeming one gives a
// new one (rotation) with the same expiry.
type refreshGrant struct {
	user            user
	scope           string // as first requested, for a redemption without scope
	signedIn, until time.Time
}

// tokenResponse is Entra's successful token response, members in its order.
// MSAL Go requires access_token and expires_in (or expires_on), reads
// scope, refresh_token, id_token and client_info, and ignores the rest.
type tokenResponse struct {
	TokenType             string `json:"token_type"`
	Scope                 string `json:"scope"`
	ExpiresIn             int64  `json:"expires_in"`
	ExtExpiresIn          int64  `json:"ext_expires_in"`
	AccessToken           string `json:"access_token"`
	RefreshToken          string `json:"refresh_token,omitempty"`
	RefreshTokenExpiresIn int64  `json:"refresh_token_expires_in,omitempty"`
	IDToken               string `json:"id_token,omitempty"`
	ClientInfo            string `json:"client_info,omitempty"`
}

// A redemption is what a valid grant gives: whose tokens, for what, and the
// refresh token's fixed expiry.
type redemption struct {
	user            user
	scope           grant
	scopeParam      string
	nonce           string
	signedIn, until time.Time
}

// serveTokenEndpoint answers POST /{tenant}/oauth2/v2.0/token for the
// authorization_code and refresh_token grants of the SPA client. A page on
// any origin may read the answer (it is a CORS simple request); preflights
// never get here (see serveEntra).
func (s *Server) serveTokenEndpoint(w http.ResponseWriter, r *http.Request, tenant string, body []byte) {
	origin := r.Header.Get("Origin")
	if origin != "" {
		w.Header().Set("Access-Control-Allow-Origin", origin)
		w.Header().Add("Vary", "Origin")
	}
	if r.Method != http.MethodPost {
		s.writeOAuthError(w, r, http.StatusBadRequest, oauthError{"invalid_request", 900561,
			"The endpoint only accepts POST requests. Received a " + r.Method + " request."})
		return
	}
	if f, ok := s.nextFailure(); ok {
		status := f.Status
		if status == 0 {
			status = failureStatus(f.Code)
		}
		f.Description = strings.ReplaceAll(f.Description, "{origin}", origin)
		if f.NoCORS {
			dropCORS(w.Header())
		}
		s.writeTokenFailure(w, r, status, f)
		return
	}
	if !knownTenant(tenant) {
		e := unknownTenant(tenant)
		e.code = "invalid_request"
		s.writeOAuthError(w, r, http.StatusBadRequest, e)
		return
	}
	var form url.Values
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "application/x-www-form-urlencoded" {
		form, _ = url.ParseQuery(string(body))
	}
	if h := s.takeHold(form); h != nil {
		defer close(h.answered)
		if !h.wait(r, s.stop) {
			return
		}
	}
	red, err := s.redeem(form, origin)
	if err != nil {
		status := http.StatusBadRequest
		if err.code == "invalid_client" {
			status = http.StatusUnauthorized
		}
		s.writeOAuthError(w, r, status, *err)
		return
	}
	w.Header().Set("Pragma", "no-cache")
	writeJSON(w, s.tokens(red, form.Get("client_info") == "1"))
}

// failureStatus is the HTTP status Entra sends with an OAuth error code.
func failureStatus(code string) int {
	switch code {
	case "invalid_client":
		return http.StatusUnauthorized
	case "server_error":
		return http.StatusInternalServerError
	case "temporarily_unavailable":
		return http.StatusServiceUnavailable
	}
	return http.StatusBadRequest
}

// redeem checks a token request's client and grant.
func (s *Server) redeem(form url.Values, origin string) (redemption, *oauthError) {
	fail := func(e oauthError) (redemption, *oauthError) { return redemption{}, &e }
	grantType, clientID := form.Get("grant_type"), form.Get("client_id")
	switch {
	case grantType == "":
		return fail(missing("grant_type"))
	case clientID == "":
		return fail(missing("client_id"))
	case clientID != ClientID:
		return fail(unknownClient(clientID))
	case grantType == "authorization_code":
		return s.redeemCode(form, origin)
	case grantType == "refresh_token":
		return s.redeemRefresh(form, origin)
	}
	return fail(oauthError{"unsupported_grant_type", 70003,
		fmt.Sprintf("The app requested an unsupported grant type '%s'.", grantType)})
}

// spaOnly is Entra's refusal of a SPA's code or refresh token redeemed
// without an Origin header, i.e. not from a browser page.
var spaOnly = oauthError{"invalid_request", 9002327,
	"Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests."}

// malformed is Entra's answer to a code or refresh token it does not know.
var malformed = oauthError{"invalid_grant", 9002313, "Invalid request. Request is malformed or invalid."}

// redeemCode checks an authorization_code grant and uses the code up.
func (s *Server) redeemCode(form url.Values, origin string) (redemption, *oauthError) {
	fail := func(e oauthError) (redemption, *oauthError) { return redemption{}, &e }
	code, redirectURI, verifier := form.Get("code"), form.Get("redirect_uri"), form.Get("code_verifier")
	if code == "" {
		return fail(missing("code"))
	}
	now := s.now()
	s.entra.mu.Lock()
	defer s.entra.mu.Unlock()
	c := s.entra.codes[code]
	switch {
	case c == nil:
		return fail(malformed)
	case origin == "":
		return fail(spaOnly)
	case c.redeemed:
		return fail(oauthError{"invalid_grant", 54005, "OAuth2 Authorization code was already redeemed, please " +
			"retry with a new valid code or use an existing refresh token."})
	case now.Sub(c.issued) > codeLifetime:
		return fail(oauthError{"invalid_grant", 70008, "The provided authorization code or refresh token has " +
			"expired due to inactivity. Send a new interactive authorization request for this user and resource."})
	case redirectURI == "":
		return fail(missing("redirect_uri"))
	case redirectURI != c.redirectURI:
		return fail(oauthError{"invalid_grant", 500112, fmt.Sprintf("The reply address '%s' does not match the "+
			"reply address '%s' provided when requesting Authorization code.", redirectURI, c.redirectURI)})
	case verifier == "":
		return fail(missing("code_verifier"))
	case !pkceMatches(verifier, c.challenge, c.method):
		return fail(oauthError{"invalid_grant", 501481,
			"The Code_Verifier does not match the code_challenge supplied in the authorization request."})
	}
	param := form.Get("scope")
	if param == "" {
		param = c.scope
	}
	g, err := s.parseScope(param)
	if err != nil {
		return redemption{}, err
	}
	c.redeemed = true
	return redemption{user: c.user, scope: g, scopeParam: param, nonce: c.nonce,
		signedIn: now, until: now.Add(refreshLifetime)}, nil
}

// pkceMatches checks a verifier against the authorize request's challenge.
func pkceMatches(verifier, challenge, method string) bool {
	if method == "plain" {
		return verifier == challenge
	}
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:]) == challenge
}

// redeemRefresh checks a refresh_token grant and retires the token: a
// redeemed refresh token is not accepted again.
func (s *Server) redeemRefresh(form url.Values, origin string) (redemption, *oauthError) {
	fail := func(e oauthError) (redemption, *oauthError) { return redemption{}, &e }
	token := form.Get("refresh_token")
	if token == "" {
		return fail(missing("refresh_token"))
	}
	now := s.now()
	s.entra.mu.Lock()
	defer s.entra.mu.Unlock()
	rt := s.entra.refresh[token]
	switch {
	case rt == nil:
		return fail(malformed)
	case origin == "":
		return fail(spaOnly)
	case !now.Before(rt.until):
		delete(s.entra.refresh, token)
		return fail(oauthError{"invalid_grant", 700084, fmt.Sprintf("The refresh token was issued to a single "+
			"page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. "+
			"It is now expired and a new sign in request must be sent by the SPA to the sign in page. The token "+
			"was issued on %s.", rt.signedIn.UTC().Format("2006-01-02T15:04:05.0000000Z"))})
	}
	param := form.Get("scope")
	if param == "" {
		param = rt.scope
	}
	g, err := s.parseScope(param)
	if err != nil {
		return redemption{}, err
	}
	if s.unconsented(g) != "" {
		return fail(oauthError{"invalid_grant", 65001, fmt.Sprintf("The user or administrator has not consented to use "+
			"the application with ID '%s' named '%s'. Send an interactive authorization request for this user and resource.", ClientID, clientName)})
	}
	delete(s.entra.refresh, token)
	return redemption{user: rt.user, scope: g, scopeParam: param, signedIn: rt.signedIn, until: rt.until}, nil
}

// tokens issues what a redemption gives: always an access token for Graph;
// a refresh token if offline_access was asked; an id token if openid was.
func (s *Server) tokens(red redemption, clientInfo bool) tokenResponse {
	now, lifetime := s.now(), s.tokenLifetime()
	resp := tokenResponse{TokenType: "Bearer", Scope: red.scope.grantedScope(),
		ExpiresIn: int64(lifetime / time.Second), ExtExpiresIn: int64(lifetime / time.Second),
		AccessToken: s.sign(s.accessClaims(red.user, strings.Join(red.scope.scp, " "), lifetime))}
	if red.scope.offline {
		var b [64]byte
		rand.Read(b[:])
		resp.RefreshToken = "1.A" + base64.RawURLEncoding.EncodeToString(b[:])
		resp.RefreshTokenExpiresIn = int64(red.until.Sub(now) / time.Second)
		s.entra.mu.Lock()
		if s.entra.refresh == nil {
			s.entra.refresh = map[string]*refreshGrant{}
		}
		s.entra.refresh[resp.RefreshToken] = &refreshGrant{user: red.user, scope: red.scopeParam,
			signedIn: red.signedIn, until: red.until}
		s.entra.mu.Unlock()
	}
	if red.scope.openid {
		resp.IDToken = s.sign(s.idClaims(red, now))
	}
	if clientInfo {
		data, _ := json.Marshal(map[string]string{"uid": red.user.oid, "utid": TenantID})
		resp.ClientInfo = base64.RawURLEncoding.EncodeToString(data)
	}
	return resp
}

// idClaims are the claims of a v2.0 id token for the client. As in Entra,
// the profile scope adds the user's names and object id, and email the
// email; nonce comes back only on the authorization code's redemption.
func (s *Server) idClaims(red redemption, now time.Time) map[string]any {
	c := map[string]any{"aud": ClientID, "iss": s.issuer(), "iat": now.Unix(), "nbf": now.Unix(),
		"exp": now.Add(time.Hour).Unix(), "sub": pairwiseSub(red.user.oid, ClientID), "tid": TenantID,
		"uti": newUTI(), "ver": "2.0"}
	if red.scope.profile {
		c["name"], c["preferred_username"], c["oid"] = red.user.name, red.user.upn, red.user.oid
	}
	if red.scope.email {
		c["email"] = red.user.upn
	}
	if red.nonce != "" {
		c["nonce"] = red.nonce
	}
	return c
}

// pairwiseSub is the sub claim: Entra's is the user's id as seen by one
// application, stable for the pair and different across applications.
func pairwiseSub(oid, clientID string) string {
	sum := sha256.Sum256([]byte(oid + "|" + clientID))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}
