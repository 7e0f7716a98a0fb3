package graph

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"synctoken/graph/internal/paste"
)

// Cloud is one national cloud: where admins sign in and where its Graph lives.
// Tokens from one cloud are not accepted by another's Graph.
type Cloud struct {
	ID        string   // stable identifier, used in storage and URLs of the page
	Name      string   // as admins know it
	LoginHost string   // sign-in (Entra ID) host
	GraphHost string   // Microsoft Graph host
	Aliases   []string // other sign-in hosts of the cloud

	// base, when set, is the scheme://host[:port] that requests really go
	// to. Only the sandbox has one: it speaks plain http on loopback.
	base string
}

// The national clouds where acquireAccessToken exists.
//
// China signs in at login.partner.microsoftonline.cn, with
// login.chinacloudapi.cn as its alias: Microsoft's national-cloud page
// (docs.azure.cn, entra/identity-platform/authentication-national-cloud)
// names login.partner.microsoftonline.cn as China's Entra authentication
// endpoint, and its authorize and token URLs there; Entra's instance
// discovery metadata, as the MSAL libraries carry it (MSAL Go v1.10.1's
// known_metadata.go among them), lists China's aliases as
// [login.partner.microsoftonline.cn, login.chinacloudapi.cn] with the
// former as preferred_network; MSAL Go's trusted hosts call it "new" and
// login.chinacloudapi.cn "legacy" (Graph's deployments page still names
// the legacy one). Whichever of the two serves a China tenant's OpenID
// configuration, its issuer is on login.partner.microsoftonline.cn (v1
// tokens: sts.chinacloudapi.cn), while its authorize and token endpoints
// name the host that was asked (MSAL.js's recorded metadata;
// ../shared/reference/README.md "Clouds"). So the authority chosen is
// where sign-in's requests go: with login.partner.microsoftonline.cn, all
// of them go there, to the host the issuer names. With
// login.chinacloudapi.cn they would stay on it (MSAL Go accepts the other
// issuer because it trusts that host). The alias is kept among
// SignInHosts all the same, so that a configuration naming it is followed
// rather than refused.
var (
	Global    = Cloud{ID: "global", Name: "Global", LoginHost: "login.microsoftonline.com", GraphHost: "graph.microsoft.com"}
	USGovL4   = Cloud{ID: "usgov", Name: "US Gov L4 (GCC High)", LoginHost: "login.microsoftonline.us", GraphHost: "graph.microsoft.us"}
	USGovL5   = Cloud{ID: "usgovdod", Name: "US Gov L5 (DoD)", LoginHost: "login.microsoftonline.us", GraphHost: "dod-graph.microsoft.us"}
	China     = Cloud{ID: "china", Name: "China (21Vianet)", LoginHost: "login.partner.microsoftonline.cn", GraphHost: "microsoftgraph.chinacloudapi.cn", Aliases: []string{"login.chinacloudapi.cn"}}
	sandboxID = "sandbox"
)

// SignInHosts are the hosts sign-in may send requests to: LoginHost, then
// the aliases. An OpenID configuration may name its endpoints on any of
// them; a request to another host is refused.
func (c Cloud) SignInHosts() []string {
	return append([]string{c.LoginHost}, c.Aliases...)
}

// SignInOrigins are SignInHosts as origins (scheme://host), for a
// Content-Security-Policy: https, or the sandbox's own scheme.
func (c Cloud) SignInOrigins() []string {
	scheme := "https://"
	if c.base != "" {
		scheme, _, _ = strings.Cut(c.base, "://")
		scheme += "://"
	}
	var out []string
	for _, h := range c.SignInHosts() {
		paste.AddText(&out, scheme+h)
	}
	return out
}

// Clouds returns the real clouds, Global first.
func Clouds() []Cloud { return []Cloud{Global, USGovL4, USGovL5, China} }

// Sandbox returns the cloud of a local simulator reached at base, such as
// "http://127.0.0.1:8001". The base is fixed when the site is served or
// built and never read from the page URL, so a crafted link cannot send an
// admin's secrets elsewhere. ok is false when base is not a loopback http(s)
// origin.
func Sandbox(base string) (c Cloud, ok bool) {
	base = strings.TrimRight(base, "/")
	scheme, host, found := strings.Cut(base, "://")
	if !found || (scheme != "http" && scheme != "https") || host == "" || strings.ContainsAny(host, "/?#@") {
		return Cloud{}, false
	}
	if !paste.IsLoopback(host) {
		return Cloud{}, false
	}
	c = Cloud{ID: sandboxID, Name: "Sandbox (local simulator)", LoginHost: host, GraphHost: host, base: base}
	if alias := loopbackAlias(host); alias != "" {
		c.Aliases = []string{alias}
	}
	return c, true
}

// loopbackAlias is the other name of a loopback host and port,
// "localhost:PORT" for "127.0.0.1:PORT" and back, or "" when there is
// none. A sandbox asked on it names its sign-in endpoints on it, as a
// China tenant's configuration follows the host asked; graphtest's
// UseAliasHost names them there whatever the host asked.
func loopbackAlias(hostport string) string {
	host, port, found := strings.Cut(hostport, ":")
	switch {
	case !found || strings.Contains(port, ":"):
		return ""
	case host == "127.0.0.1":
		return "localhost:" + port
	case host == "localhost":
		return "127.0.0.1:" + port
	}
	return ""
}

// IsSandbox reports whether c is a local simulator rather than a real cloud.
func (c Cloud) IsSandbox() bool { return c.ID == sandboxID }

// PlainHTTP reports whether c's hosts really listen on plain http: only a
// sandbox on loopback started without TLS. Sign-in names such a sandbox
// with https, as MSAL requires of authorities, and sends to it over http.
func (c Cloud) PlainHTTP() bool { return c.IsSandbox() && strings.HasPrefix(c.base, "http://") }

// GraphBase is the origin that Graph requests for c are sent to.
func (c Cloud) GraphBase() string {
	if c.base != "" {
		return c.base
	}
	return "https://" + c.GraphHost
}

// CloudByID finds a real cloud, or the sandbox when sandbox has its ID.
func CloudByID(id string, sandbox Cloud) (Cloud, bool) {
	if id == sandboxID && sandbox.IsSandbox() {
		return sandbox, true
	}
	for _, c := range Clouds() {
		if c.ID == id {
			return c, true
		}
	}
	return Cloud{}, false
}

// sandboxScope is what the demo token carries: the action's permission and
// Look up's, so the demo works without signing in.
const sandboxScope = SyncScope + "%20" + ReadScope

// SandboxToken asks a sandbox for a fresh access token, as the `make run`
// demo offers. It refuses any cloud but a sandbox.
func SandboxToken(ctx context.Context, c Doer, cloud Cloud) (string, error) {
	if !cloud.IsSandbox() {
		return "", errText("only the sandbox hands out tokens")
	}
	req, err := http.NewRequestWithContext(ctx, "GET", cloud.GraphBase()+"/_sandbox/token?scope="+sandboxScope, nil)
	if err != nil {
		return "", err
	}
	resp, err := c.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var body struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxBody)).Decode(&body); err != nil || body.AccessToken == "" {
		return "", errors.New("unexpected answer " + resp.Status)
	}
	return body.AccessToken, nil
}

// AzCommand is the Azure CLI command that prints a Graph token for c, for
// admins who paste one. DoD's Graph is not az's ms-graph resource type, so
// it is named by URL.
func (c Cloud) AzCommand() string {
	get := "az account get-access-token --resource-type ms-graph --query accessToken -o tsv"
	switch c.ID {
	case USGovL4.ID:
		return "az cloud set --name AzureUSGovernment && az login && " + get
	case USGovL5.ID:
		return "az cloud set --name AzureUSGovernment && az login && az account get-access-token --resource https://dod-graph.microsoft.us --query accessToken -o tsv"
	case China.ID:
		return "az cloud set --name AzureChinaCloud && az login && " + get
	}
	return "az cloud set --name AzureCloud && az login && " + get
}
