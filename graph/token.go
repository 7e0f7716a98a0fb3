package graph

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"synctoken/graph/internal/paste"
	"time"
)

// Claims are what an access token says about itself. They are decoded for
// display and early warnings only: the signature is not checked here, Graph
// checks it.
//
// Entra issues Graph's tokens in the v1.0 shape even from its v2.0
// endpoints (Graph accepts v1.0 tokens only): iss https://sts.windows.net/{tid}/,
// the user in upn (unique_name for guests), the client in appid with its
// name in app_displayname. v2.0 tokens, which other APIs get and admins
// may paste, name the user in preferred_username and the client in azp.
// Both shapes decode to the same fields.
type Claims struct {
	Version   string // ver: "1.0" or "2.0"
	Audience  string
	Issuer    string
	TenantID  string
	User      string // upn, preferred_username or unique_name
	AppID     string // appid or azp: the client the token was issued to
	AppName   string // app_displayname (v1.0 only): the client's name
	Scopes    []string
	Roles     []string // app roles (app-only tokens)
	WIDs      []string // directory role template IDs of the user
	Expires   time.Time
	IssuedAt  time.Time
	NotBefore time.Time // nbf: Graph refuses the token before then
}

// DecodeToken decodes the claims of a JWT access token.
func DecodeToken(token string) (Claims, error) {
	token, _ = NormalizeToken(token)
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return Claims{}, errors.New("not a JWT: a JWT has three parts separated by dots, this has " + strconv.Itoa(len(parts)))
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return Claims{}, fmt.Errorf("not a JWT: its payload is not base64url: %v", err)
	}
	var raw struct {
		Ver        string   `json:"ver"`
		AppName    string   `json:"app_displayname"`
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
		Nbf        float64  `json:"nbf"`
	}
	if err := json.Unmarshal(payload, &raw); err != nil {
		return Claims{}, fmt.Errorf("not a JWT: its payload is not JSON: %v", err)
	}
	c := Claims{
		Version: raw.Ver, AppName: raw.AppName,
		Issuer: raw.Iss, TenantID: raw.Tid, Roles: raw.Roles, WIDs: raw.WIDs,
		User:  paste.FirstOf(raw.UPN, raw.Preferred, raw.UniqueName),
		AppID: paste.FirstOf(raw.AppID, raw.Azp),
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
	if raw.Nbf > 0 {
		c.NotBefore = time.Unix(int64(raw.Nbf), 0)
	}
	return c, nil
}

// clockSkew is how far this device's clock may be behind Entra's before a
// token that is not valid yet is warned about.
const clockSkew = 5 * time.Minute

// Check returns warnings about sending acquireAccessToken with this token
// to cloud at now: a token for another API or another cloud, an ID token,
// missing permission or role, expired or not valid yet. They are warnings,
// not errors: Graph decides, and this device's clock may be wrong.
func (c Claims) Check(cloud Cloud, now time.Time) []Problem {
	var ps []Problem
	if msg := c.audienceProblem(cloud); msg != "" {
		addProblem(&ps, Warning, msg)
	} else if c.Delegated() {
		if !c.HasSyncPermission() {
			addProblem(&ps, Warning, "The token lacks the delegated permission "+SyncScope+" (it has: "+paste.ListOrNone(c.Scopes)+").")
		}
		if !c.HoldsAdminRole() {
			addProblem(&ps, Warning, "The signed-in user holds none of the roles this action needs (Application Administrator, Cloud Application Administrator, or Hybrid Identity Administrator for Cloud Sync); Graph will answer 403.")
		}
	} else if !c.HasSyncPermission() {
		addProblem(&ps, Warning, "This app-only token has neither "+ownedByRole+" nor "+SyncScope+" (it has: "+paste.ListOrNone(c.Roles)+").")
	} else if c.ownedByOnly() {
		addProblem(&ps, Warning, "This app-only token relies on "+ownedByRole+" alone: "+ownedByReported)
	}
	if !c.Expires.IsZero() && !now.Before(c.Expires) {
		addProblem(&ps, Warning, "This token expired "+now.Sub(c.Expires).Round(time.Second).String()+" ago: Graph will refuse it (401). Get a new one.")
	}
	if c.NotBefore.After(now.Add(clockSkew)) {
		addProblem(&ps, Warning, "This token is valid only from "+c.NotBefore.UTC().Format("2006-01-02 15:04:05 UTC")+" (in "+c.NotBefore.Sub(now).Round(time.Second).String()+"): Graph will refuse it until then (401). Is this device's clock right?")
	}
	return ps
}

// resources names the APIs whose tokens are pasted in place of Graph's,
// by audience host or app ID.
var resources = []pair{
	{"management.core.windows.net", "Azure Resource Manager"}, {"management.azure.com", "Azure Resource Manager"},
	{"management.usgovcloudapi.net", "Azure Resource Manager"}, {"management.core.usgovcloudapi.net", "Azure Resource Manager"},
	{"management.chinacloudapi.cn", "Azure Resource Manager"}, {"management.core.chinacloudapi.cn", "Azure Resource Manager"},
	{"797f4846-ba00-4fd7-ba43-dac1f8f63013", "Azure Resource Manager"},
	{"graph.windows.net", "Azure AD Graph, which is retired"}, {"graph.chinacloudapi.cn", "Azure AD Graph, which is retired"},
	{"00000002-0000-0000-c000-000000000000", "Azure AD Graph, which is retired"},
	{"vault.azure.net", "Azure Key Vault"}, {"cfa8b339-82a2-471a-a3c9-0fc0be7a4093", "Azure Key Vault"},
	{"storage.azure.com", "Azure Storage"}, {"database.windows.net", "Azure SQL Database"},
	{"outlook.office.com", "Exchange Online"}, {"outlook.office365.com", "Exchange Online"},
	{"00000002-0000-0ff1-ce00-000000000000", "Exchange Online"},
}

// issuer is a sign-in host and the clouds whose tokens it issues.
type issuer struct {
	host   string
	clouds []*Cloud
}

// issuerClouds are the sign-in hosts that issue tokens for one group of
// clouds only. sts.windows.net, the v1.0 issuer of Graph's tokens, issues
// Global's and (it is not settled here whether) US Gov's, never China's,
// which has its own (sts.chinacloudapi.cn). Global's v2.0 issuer
// (login.microsoftonline.com) is left out: a wrong warning is worse than none.
var issuerClouds = []issuer{
	{"sts.windows.net", []*Cloud{&Global, &USGovL4, &USGovL5}},
	{"login.microsoftonline.us", []*Cloud{&USGovL4, &USGovL5}},
	{"login.chinacloudapi.cn", []*Cloud{&China}},
	{"sts.chinacloudapi.cn", []*Cloud{&China}},
	{"login.partner.microsoftonline.cn", []*Cloud{&China}},
}

// audienceProblem says why Graph in cloud will not take a token with this
// audience and issuer, or "" when it may.
func (c Claims) audienceProblem(cloud Cloud) string {
	aud := strings.TrimSpace(c.Audience)
	get := ""
	if !cloud.IsSandbox() {
		cmd := cloud.AzCommand()
		get = " Get a token for " + cloud.GraphBase() + ", e.g. " + (cmd[strings.LastIndex(cmd, "&& ")+3:]) + "."
	}
	switch {
	case aud == "":
		return ""
	case strings.EqualFold(aud, graphAppID):
		u, err := url.Parse(c.Issuer)
		if err != nil || cloud.IsSandbox() {
			return ""
		}
		var from []*Cloud
		host := strings.ToLower(u.Host)
		for _, e := range issuerClouds {
			if e.host == host {
				from = e.clouds
			}
		}
		for _, f := range from {
			if f.ID == cloud.ID {
				return ""
			}
		}
		if from == nil {
			return ""
		}
		names := make([]string, len(from))
		for i, f := range from {
			names[i] = f.Name
		}
		return "This token was issued by " + u.Host + " (" + (strings.Join(names, " or ")) + "), not by " + cloud.Name + "'s sign-in: Graph in " + cloud.Name + " will refuse it (401)."
	case paste.CheckGUID(aud) == nil:
		if name, ok := valueOf(resources, strings.ToLower(aud)); ok {
			return "This token is for " + name + " (" + aud + "), not Microsoft Graph: Graph will refuse it (401)." + get
		}
		if len(c.Scopes) == 0 && len(c.Roles) == 0 {
			return "This looks like an ID token (addressed to the app " + aud + ", granting no permissions), not an access token: paste the access token for " + cloud.GraphHost + "."
		}
		return "This token is for the app " + aud + ", not Microsoft Graph: Graph will refuse it (401)." + get
	}
	host := audienceHost(aud)
	if host == "" || strings.EqualFold(host, cloud.GraphHost) {
		return "" // not a URL: Graph decides
	}
	for _, other := range Clouds() {
		if strings.EqualFold(host, other.GraphHost) {
			return "This token is for " + host + ", not " + cloud.GraphHost + ": Graph in " + cloud.Name + " will refuse it (401). Tokens from one cloud are not accepted by another: switch the cloud to " + other.Name + ", or sign in to " + cloud.Name + "."
		}
	}
	if name, ok := valueOf(resources, strings.ToLower(host)); ok {
		return "This token is for " + name + " (" + aud + "), not Microsoft Graph: Graph will refuse it (401)." + get
	}
	return "This token is for " + aud + ", not Microsoft Graph: Graph will refuse it (401)." + get
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

// NormalizeToken returns the bare access token in s, and the problems
// found (paste.NormalizeToken): a "Bearer " prefix, invisible characters,
// line breaks and the JSON or text around a pasted token are removed, and
// said when they matter. s is not changed.
func NormalizeToken(s string) (string, []Problem) { return paste.NormalizeToken(s) }
