package graph

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Claims are what an access token says about itself. They are decoded for
// display and early warnings only: the signature is not checked here, Graph
// checks it.
type Claims struct {
	Audience string
	Issuer   string
	TenantID string
	User     string // upn, preferred_username or unique_name
	AppID    string // appid or azp: the client the token was issued to
	Scopes   []string
	Roles    []string // app roles (app-only tokens)
	WIDs     []string // directory role template IDs of the user
	Expires  time.Time
	IssuedAt time.Time
}

// DecodeToken decodes the claims of a JWT access token.
func DecodeToken(token string) (Claims, error) {
	token, _ = NormalizeToken(token)
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return Claims{}, fmt.Errorf("not a JWT: a JWT has three parts separated by dots, this has %d", len(parts))
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return Claims{}, fmt.Errorf("not a JWT: its payload is not base64url: %v", err)
	}
	var raw struct {
		Aud        any      `json:"aud"`
		Iss        string   `json:"iss"`
		Tid        string   `json:"tid"`
		UPN        string   `json:"upn"`
		Preferred  string   `json:"preferred_username"`
		UniqueName string   `json:"unique_name"`
		AppID      string   `json:"appid"`
		Azp        string   `json:"azp"`
		Scp        string   `json:"scp"`
		Roles      []string `json:"roles"`
		WIDs       []string `json:"wids"`
		Exp        float64  `json:"exp"`
		Iat        float64  `json:"iat"`
	}
	if err := json.Unmarshal(payload, &raw); err != nil {
		return Claims{}, fmt.Errorf("not a JWT: its payload is not JSON: %v", err)
	}
	c := Claims{
		Issuer: raw.Iss, TenantID: raw.Tid, Roles: raw.Roles, WIDs: raw.WIDs,
		User:  firstOf(raw.UPN, raw.Preferred, raw.UniqueName),
		AppID: firstOf(raw.AppID, raw.Azp),
	}
	switch a := raw.Aud.(type) {
	case string:
		c.Audience = a
	case []any:
		if len(a) > 0 {
			c.Audience, _ = a[0].(string)
		}
	}
	if raw.Scp != "" {
		c.Scopes = strings.Fields(raw.Scp)
	}
	if raw.Exp > 0 {
		c.Expires = time.Unix(int64(raw.Exp), 0)
	}
	if raw.Iat > 0 {
		c.IssuedAt = time.Unix(int64(raw.Iat), 0)
	}
	return c, nil
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// Directory role template IDs that matter to acquireAccessToken.
const (
	RoleApplicationAdministrator      = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3"
	RoleCloudApplicationAdministrator = "158c047a-c907-4556-b7ef-446551a6b5f7"
	RoleHybridIdentityAdministrator   = "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2"
	RoleGlobalAdministrator           = "62e90394-69f5-4237-9190-012177145e10"
)

var roleNames = map[string]string{
	RoleApplicationAdministrator:           "Application Administrator",
	RoleCloudApplicationAdministrator:      "Cloud Application Administrator",
	RoleHybridIdentityAdministrator:        "Hybrid Identity Administrator",
	RoleGlobalAdministrator:                "Global Administrator",
	"b79fbf4d-3ef9-4689-8143-76b194e85509": "Member (default user role)",
	"f2ef992c-3afb-46b9-b7cf-a126ee74c451": "Global Reader",
	"e8611ab8-c189-46e8-94e1-60213ab1f814": "Privileged Role Administrator",
	"fe930be7-5e62-47db-91af-98c3a49a38b1": "User Administrator",
	"2b745bdf-0803-4d80-aa65-822c4493daac": "Office Apps Administrator",
}

// RoleName names a directory role template ID, or returns the ID.
func RoleName(wid string) string {
	if n, ok := roleNames[strings.ToLower(wid)]; ok {
		return n
	}
	return wid
}

// adminRoles are the roles that let a delegated caller run the action.
var adminRoles = []string{RoleApplicationAdministrator, RoleCloudApplicationAdministrator, RoleHybridIdentityAdministrator, RoleGlobalAdministrator}

// Delegated reports whether the token acts for a user (scp) rather than
// for an application alone (roles).
func (c Claims) Delegated() bool { return len(c.Scopes) > 0 || len(c.Roles) == 0 }

// Check returns warnings about sending acquireAccessToken with this token
// to cloud at now: wrong cloud, missing permission or role, expired.
func (c Claims) Check(cloud Cloud, now time.Time) []Problem {
	var ps []Problem
	warn := func(format string, a ...any) { ps = append(ps, Problem{Warning, fmt.Sprintf(format, a...)}) }
	if host := audienceHost(c.Audience); host != "" && !strings.EqualFold(host, cloud.GraphHost) {
		warn("This token is for %s, not %s: Graph in %s will refuse it (401).", host, cloud.GraphHost, cloud.Name)
	}
	if c.Delegated() {
		if !slices.Contains(c.Scopes, "Synchronization.ReadWrite.All") {
			warn("The token lacks the delegated permission Synchronization.ReadWrite.All (it has: %s).", listOrNone(c.Scopes))
		}
		if !slices.ContainsFunc(c.WIDs, func(w string) bool { return slices.Contains(adminRoles, strings.ToLower(w)) }) {
			warn("The signed-in user holds none of the roles this action needs (Application Administrator, Cloud Application Administrator, or Hybrid Identity Administrator for Cloud Sync); Graph will answer 403.")
		}
	} else if !slices.Contains(c.Roles, "Synchronization.ReadWrite.All") && !slices.Contains(c.Roles, "Application.ReadWrite.OwnedBy") {
		warn("This app-only token has neither Application.ReadWrite.OwnedBy nor Synchronization.ReadWrite.All (it has: %s).", listOrNone(c.Roles))
	}
	if !c.Expires.IsZero() && !now.Before(c.Expires) {
		warn("This token expired %s ago: Graph will refuse it (401). Get a new one.", now.Sub(c.Expires).Round(time.Second))
	}
	return ps
}

// audienceHost returns the host of an audience URI such as
// https://graph.microsoft.us; "" for Graph's app ID, which every cloud shares.
func audienceHost(aud string) string {
	u, err := url.Parse(aud)
	if err != nil || u.Scheme == "" {
		return ""
	}
	return u.Host
}

func listOrNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}
