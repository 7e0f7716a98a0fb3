package graphtest

import (
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"strings"
)

// keyID names the signing key in the kid header of every token and in the
// JWKS, as Entra names its keys: 27 base64url characters.
func keyID(pub *rsa.PublicKey) string {
	der, _ := x509.MarshalPKIXPublicKey(pub)
	sum := sha256.Sum256(der)
	return base64.RawURLEncoding.EncodeToString(sum[:20])
}

// discoveryDoc is Entra's v2.0 OpenID configuration. MSAL Go requires
// authorization_endpoint, token_endpoint and issuer, and accepts the
// authority only if the issuer has the authority's scheme and host.
type discoveryDoc struct {
	TokenEndpoint                string   `json:"token_endpoint"`
	TokenEndpointAuthMethods     []string `json:"token_endpoint_auth_methods_supported"`
	JWKSURI                      string   `json:"jwks_uri"`
	ResponseModes                []string `json:"response_modes_supported"`
	SubjectTypes                 []string `json:"subject_types_supported"`
	IDTokenSigningAlgs           []string `json:"id_token_signing_alg_values_supported"`
	ResponseTypes                []string `json:"response_types_supported"`
	Scopes                       []string `json:"scopes_supported"`
	Issuer                       string   `json:"issuer"`
	RequestURIParameterSupported bool     `json:"request_uri_parameter_supported"`
	AuthorizationEndpoint        string   `json:"authorization_endpoint"`
	HTTPLogoutSupported          bool     `json:"http_logout_supported"`
	FrontchannelLogoutSupported  bool     `json:"frontchannel_logout_supported"`
	EndSessionEndpoint           string   `json:"end_session_endpoint"`
	ClaimsSupported              []string `json:"claims_supported"`
	CodeChallengeMethods         []string `json:"code_challenge_methods_supported"`
	TenantRegionScope            string   `json:"tenant_region_scope"`
	CloudInstanceName            string   `json:"cloud_instance_name"`
	CloudGraphHostName           string   `json:"cloud_graph_host_name"`
	MSGraphHost                  string   `json:"msgraph_host"`
	RBACURL                      string   `json:"rbac_url"`
}

// discovery builds the document for the tenant segment of the URL, asked
// on the host asked (see endpointHost). For a
// specific tenant (id or domain) Entra writes the tenant id into every
// endpoint; for organizations and common it keeps that segment in the
// endpoints and puts a literal "{tenantid}" in the issuer.
func (s *Server) discovery(tenant, asked string) discoveryDoc {
	base := "https://" + s.endpointHost(asked) + "/"
	seg, issuer := TenantID, s.issuer()
	if t := strings.ToLower(tenant); t == "organizations" || t == "common" {
		seg, issuer = t, "https://"+s.host+"/{tenantid}/v2.0"
	}
	return discoveryDoc{
		TokenEndpoint:               base + seg + "/oauth2/v2.0/token",
		TokenEndpointAuthMethods:    []string{"client_secret_post", "private_key_jwt", "client_secret_basic"},
		JWKSURI:                     base + seg + "/discovery/v2.0/keys",
		ResponseModes:               []string{"query", "fragment", "form_post"},
		SubjectTypes:                []string{"pairwise"},
		IDTokenSigningAlgs:          []string{"RS256"},
		ResponseTypes:               []string{"code", "id_token", "code id_token", "id_token token"},
		Scopes:                      []string{"openid", "profile", "email", "offline_access"},
		Issuer:                      issuer,
		AuthorizationEndpoint:       base + seg + "/oauth2/v2.0/authorize",
		HTTPLogoutSupported:         true,
		FrontchannelLogoutSupported: true,
		EndSessionEndpoint:          base + seg + "/oauth2/v2.0/logout",
		ClaimsSupported: []string{"sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name",
			"msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver",
			"at_hash", "c_hash", "email"},
		CodeChallengeMethods: []string{"plain", "S256"},
		TenantRegionScope:    "EU",
		CloudInstanceName:    "microsoftonline.com",
		CloudGraphHostName:   "graph.windows.net",
		MSGraphHost:          s.host,
		RBACURL:              "https://pas.windows.net",
	}
}

// publicGET starts the answer to a tenant's public document: any origin
// may read it, errors included, as from Entra. It reports false, having
// answered, for another method or an unknown tenant.
func (s *Server) publicGET(w http.ResponseWriter, r *http.Request, tenant string) bool {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	if !s.getOnly(w, r) {
		return false
	}
	if !knownTenant(tenant) {
		s.writeOAuthError(w, r, http.StatusBadRequest, unknownTenant(tenant))
		return false
	}
	return true
}

// serveDiscovery answers GET /{tenant}/v2.0/.well-known/openid-configuration.
func (s *Server) serveDiscovery(w http.ResponseWriter, r *http.Request, tenant string) {
	if !s.publicGET(w, r, tenant) {
		return
	}
	writeJSON(w, s.discovery(tenant, r.Host))
}

// jwk is one RSA signing key as the JWKS lists it.
type jwk struct {
	KTY    string `json:"kty"`
	Use    string `json:"use"`
	KID    string `json:"kid"`
	N      string `json:"n"`
	E      string `json:"e"`
	Issuer string `json:"issuer"`
}

// serveKeys answers GET /{tenant}/discovery/v2.0/keys with the one key that
// signs every token of this sandbox.
func (s *Server) serveKeys(w http.ResponseWriter, r *http.Request, tenant string) {
	if !s.publicGET(w, r, tenant) {
		return
	}
	pub := &s.key.PublicKey
	k := jwk{KTY: "RSA", Use: "sig", KID: s.kid, Issuer: s.issuer(),
		N: base64.RawURLEncoding.EncodeToString(pub.N.Bytes()),
		E: base64.RawURLEncoding.EncodeToString(big.NewInt(int64(pub.E)).Bytes())}
	writeJSON(w, map[string][]jwk{"keys": {k}})
}

// getOnly refuses methods other than GET as Entra does, and reports
// whether the request may go on.
func (s *Server) getOnly(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	s.writeOAuthError(w, r, http.StatusBadRequest, oauthError{"invalid_request", 900561,
		"The endpoint only accepts GET requests. Received a " + r.Method + " request."})
	return false
}

// writeJSON sends v with status 200, uncached.
func writeJSON(w http.ResponseWriter, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store, no-cache")
	w.Write(data)
}
