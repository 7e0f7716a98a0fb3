package graphtest

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// tokenPath is where the demo page gets tokens.
const tokenPath = "/_sandbox/token"

// A TokenOption changes the claims of a token before it is signed.
type TokenOption func(claims map[string]any)

// WithScope sets the scp claim (space-separated delegated permissions).
func WithScope(scp string) TokenOption {
	return func(c map[string]any) { c["scp"] = scp }
}

// WithExpiry sets the exp claim; a time in the past gives an expired token.
func WithExpiry(t time.Time) TokenOption {
	return func(c map[string]any) { c["exp"] = t.Unix() }
}

// WithAudience sets the aud claim, e.g. to Graph's real
// "https://graph.microsoft.com" to get an "Invalid audience" failure.
func WithAudience(aud string) TokenOption {
	return func(c map[string]any) { c["aud"] = aud }
}

// WithoutRoles leaves only DefaultUser in wids, as in the token of a user
// who holds no administrator role.
func WithoutRoles() TokenOption {
	return func(c map[string]any) { c["wids"] = []string{DefaultUser} }
}

// WithClaim sets any claim; a nil value removes it. An app-only token, for
// instance, has no scp and carries application permissions in roles.
func WithClaim(name string, value any) TokenOption {
	return func(c map[string]any) {
		if value == nil {
			delete(c, name)
		} else {
			c[name] = value
		}
	}
}

// Token returns an RS256 access token for this sandbox's Graph, signed with
// a key made by NewServer, in the name of the seeded admin (AdminUPN), with
// scope Scope and the Application Administrator role, valid for an hour,
// in Graph's v1.0 shape (see accessClaims).
func (s *Server) Token(opts ...TokenOption) string {
	claims := s.accessClaims(users[0], Scope, time.Hour)
	for _, opt := range opts {
		opt(claims)
	}
	return s.sign(claims)
}

// accessIssuer is the iss claim of the sandbox's access tokens: Entra's
// v1.0 issuer, literally, as Global's Graph tokens name it.
func accessIssuer() string { return "https://sts.windows.net/" + TenantID + "/" }

// accessClaims are the claims of an access token for Graph in the name of
// u, with the delegated permissions in scp, as Entra issues Graph's tokens:
// in the v1.0 shape even from the v2.0 endpoints, since Graph's app
// registration accepts v1.0 tokens only. So the issuer is sts.windows.net,
// the user is in upn and unique_name (no preferred_username), the client in
// appid (no azp) with its name in app_displayname.
func (s *Server) accessClaims(u user, scp string, lifetime time.Duration) map[string]any {
	now := s.now()
	return map[string]any{
		"aud": s.Audience(), "iss": accessIssuer(), "iat": now.Unix(), "nbf": now.Unix(), "exp": now.Add(lifetime).Unix(),
		"acct": 0, "acr": "1", "amr": []string{"pwd", "mfa"}, "app_displayname": clientName, "appid": ClientID, "appidacr": "0",
		"idtyp": "user", "ipaddr": "127.0.0.1", "name": u.name, "oid": u.oid, "platf": "3", "scp": scp,
		"sub": pairwiseSub(u.oid, ClientID), "tenant_region_scope": "EU", "tid": TenantID, "unique_name": u.upn,
		"upn": u.upn, "uti": newUTI(), "ver": "1.0", "wids": slices.Clone(u.wids),
	}
}

// newUTI returns a token identifier in the shape of Entra's uti claim. It
// also makes two tokens issued in the same second differ.
func newUTI() string {
	var b [16]byte
	rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// sign signs claims with the sandbox's key, naming the key in kid as Entra
// does, so that a client can find it in the JWKS.
func (s *Server) sign(claims map[string]any) string {
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.MapClaims(claims))
	tok.Header["kid"] = s.kid
	signed, err := tok.SignedString(s.key)
	if err != nil {
		panic("graphtest: signing token: " + err.Error())
	}
	return signed
}

// authorize checks the bearer token as Graph would: first that it is a valid
// token for this Graph (401 InvalidAuthenticationToken, with a message),
// then that it grants p: 403 Authorization_RequestDenied, or on the
// synchronization API 401 UnknownError with an empty message.
func (s *Server) authorize(r *http.Request, p permission) *apiError {
	scheme, raw, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	raw = strings.TrimSpace(raw)
	if !strings.EqualFold(scheme, "Bearer") || raw == "" {
		return unauthorized("Access token is empty.")
	}
	tok, err := jwt.Parse(raw, func(*jwt.Token) (any, error) { return &s.key.PublicKey, nil },
		jwt.WithValidMethods([]string{"RS256"}), jwt.WithAudience(s.Audience()),
		jwt.WithIssuer(accessIssuer()), jwt.WithExpirationRequired(), jwt.WithTimeFunc(s.now))
	if err != nil {
		return unauthorized(tokenFailure(err, raw))
	}
	if !p.grantedBy(tok.Claims.(jwt.MapClaims)) {
		if p.synchronization {
			return &apiError{http.StatusUnauthorized, "UnknownError", ""}
		}
		return &apiError{http.StatusForbidden, "Authorization_RequestDenied",
			"Insufficient privileges to complete the operation."}
	}
	return nil
}

// tokenFailure words a validation error the way Graph does.
func tokenFailure(err error, raw string) string {
	switch {
	case errors.Is(err, jwt.ErrTokenMalformed) && !strings.Contains(raw, "."):
		return "IDX14100: JWT is not well formed, there are no dots (.)."
	case errors.Is(err, jwt.ErrTokenMalformed):
		return "CompactToken parsing failed with error code: 80049217"
	case errors.Is(err, jwt.ErrTokenSignatureInvalid):
		return "Access token validation failure. Invalid signature."
	case errors.Is(err, jwt.ErrTokenInvalidAudience):
		return "Access token validation failure. Invalid audience."
	case errors.Is(err, jwt.ErrTokenExpired):
		return "Lifetime validation failed, the token is expired."
	case errors.Is(err, jwt.ErrTokenNotValidYet):
		return "Lifetime validation failed, the token is not yet valid."
	case errors.Is(err, jwt.ErrTokenInvalidIssuer):
		return "Access token validation failure. Invalid issuer."
	}
	return "Access token validation failure."
}

// A permission is what a Graph call requires of a token: a delegated token
// (one with scp) needs one of delegated, and an administrator role if
// adminRole is set; an app-only token (no scp) needs one of application in
// its roles. The synchronization API refuses a token without it, or a user
// without the role, not with Graph's usual 403 but with 401 UnknownError
// and an empty message (seen from real tenants, not documented), which
// synchronization marks.
type permission struct {
	delegated       []string
	adminRole       bool
	application     []string
	synchronization bool
}

// The permissions of the calls the sandbox serves, as Microsoft's
// documentation lists them for each API.
var (
	actionPermission = permission{delegated: []string{Scope}, adminRole: true,
		application: []string{Scope, "Application.ReadWrite.OwnedBy"}, synchronization: true}
	// Reading applications and service principals is open to any member
	// user with a read permission: no role is needed.
	readPermission = permission{delegated: []string{ReadScope, "Application.ReadWrite.All", "Directory.Read.All"},
		application: []string{ReadScope, "Application.ReadWrite.All", "Directory.Read.All"}}
	jobsPermission = permission{delegated: []string{JobsScope, Scope}, adminRole: true,
		application: []string{"Application.ReadWrite.OwnedBy", JobsScope, Scope}, synchronization: true}
)

// grantedBy reports whether the claims grant p.
func (p permission) grantedBy(c jwt.MapClaims) bool {
	if scp, ok := c["scp"].(string); ok {
		return slices.ContainsFunc(strings.Fields(scp), func(s string) bool { return slices.Contains(p.delegated, s) }) &&
			(!p.adminRole || holdsAny(c["wids"], adminRoles))
	}
	return holdsAny(c["roles"], p.application)
}

// holdsAny reports whether the JSON array claim contains one of want.
func holdsAny(claim any, want []string) bool {
	list, _ := claim.([]any)
	for _, v := range list {
		if s, ok := v.(string); ok && slices.Contains(want, s) {
			return true
		}
	}
	return false
}

// serveToken hands out a fresh token so that the demo page, which has no
// Entra to sign in to, can call the sandbox. ?scope= sets the token's scp
// (space-separated short names), e.g. "Synchronization.ReadWrite.All
// Application.Read.All" for a token that can also look objects up.
func (s *Server) serveToken(w http.ResponseWriter, r *http.Request) {
	setCORS(w.Header(), r)
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	var opts []TokenOption
	if scp := strings.Join(strings.Fields(r.URL.Query().Get("scope")), " "); scp != "" {
		opts = append(opts, WithScope(scp))
	}
	body, _ := json.Marshal(map[string]any{"access_token": s.Token(opts...), "token_type": "Bearer", "expires_in": 3600})
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(body)
}
