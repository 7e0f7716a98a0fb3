package graph

import (
	"slices"
	"strings"
)

// Preset is a set of credential keys for one kind of connector, as the
// portal's Admin Credentials section sends them: what an admin chooses to
// fill the credential rows. The rows stay editable.
type Preset struct {
	ID    string // stable, for a <select>
	Label string // what the admin is configuring
	// For says in one line which of the portal's calls the keys are for:
	// Authorize (acquireAccessToken) or Test connection and Save
	// (validateCredentials, PUT secrets).
	For string
	// Assumed says what about the preset nobody has published, or "".
	Assumed string
	// Credentials are the keys in order, with the value a preset fills in
	// ("" for what the admin types).
	Credentials []Credential
}

// CustomPreset is the ID of the preset that keeps the rows as they are.
const CustomPreset = "custom"

// The SCIM and cross-tenant key sets are documented by Microsoft (the
// synchronization secrets and cross-tenant synchronization pages), the
// client-credentials set by two public ISV samples; the OAuth code and
// password key names are inferred from the secret key list, so their
// presets say so (Assumption) and every row stays editable.
var presets = []Preset{
	{
		ID:    "oauth-code",
		Label: "OAuth authorization code (Authorize)",
		For: "For Authorize: acquireAccessToken hands the provisioning service the vendor's authorization code, " +
			"which the service redeems with the vendor itself.",
		Assumed: "The key names are an assumption: no capture of the portal's Authorize call is published. " +
			"Oauth2RedirectUri must be the exact redirect_uri of the vendor's authorization URL.",
		Credentials: []Credential{{Key: KeyOauth2AuthorizationCode}, {Key: KeyOauth2RedirectUri}},
	},
	{
		ID:    "oauth-code-tenant",
		Label: "OAuth authorization code with a Tenant URL (Zoom, Slack, Workplace, Amazon Business)",
		For: "For Authorize: acquireAccessToken hands the provisioning service the vendor's authorization code, " +
			"with the Tenant URL (BaseAddress) that these connectors' tutorials ask for beside it.",
		Assumed: "The code's key names are an assumption: no capture of the portal's Authorize call is published. " +
			"Oauth2RedirectUri must be the exact redirect_uri of the vendor's authorization URL.",
		Credentials: []Credential{{Key: KeyBaseAddress}, {Key: KeyOauth2AuthorizationCode}, {Key: KeyOauth2RedirectUri}},
	},
	{
		ID:    "oauth-client-credentials",
		Label: "OAuth client credentials",
		For: "For Test connection and Save below (validateCredentials, then PUT secrets), not acquireAccessToken: " +
			"a client-credentials connector has no Authorize. Public samples saved exactly these keys and Test connection answered 204; " +
			"one sample also had to save Oauth2AccessToken and Oauth2AccessTokenCreationTime first (add them as rows if Test connection fails).",
		Assumed: "The portal's newer client-credentials fields (How credentials are sent, OAuth 2.0 scopes) and workload identity federation " +
			"have no public key names yet: Graph refuses the guessed ones, so synctoken cannot set them.",
		Credentials: []Credential{{Key: KeyBaseAddress}, {Key: KeyAuthenticationType, Value: "OAuth2ClientCredentialsGrant"},
			{Key: KeyOauth2TokenExchangeUri}, {Key: KeyOauth2ClientId}, {Key: KeyOauth2ClientSecret}},
	},
	{
		ID:    "scim-token",
		Label: "SCIM bearer token",
		For: "For Test connection and Save below (validateCredentials, then PUT secrets), not acquireAccessToken: " +
			"a token connector has no Authorize, so Send request is not its call.",
		Credentials: []Credential{{Key: KeyBaseAddress}, {Key: KeySecretToken}},
	},
	{
		ID:    "password",
		Label: "User name and password",
		For: "For Test connection and Save below (validateCredentials, then PUT secrets), not acquireAccessToken: " +
			"a password connector has no Authorize, so Send request is not its call.",
		Assumed:     "The key names are an assumption; some connectors take InstanceName instead of BaseAddress.",
		Credentials: []Credential{{Key: KeyBaseAddress}, {Key: KeyUserName}, {Key: KeyPassword}},
	},
	{
		ID:    "cross-tenant",
		Label: "Cross-tenant synchronization",
		For: "For Test connection and Save below (validateCredentials, then PUT secrets), not acquireAccessToken: " +
			"cross-tenant synchronization has no Authorize. CompanyId is the target tenant's ID.",
		Credentials: []Credential{{Key: KeyCompanyId}, {Key: KeyAuthenticationType, Value: "SyncPolicy"}},
	},
	{
		ID:    CustomPreset,
		Label: "Custom",
		For:   "Any keys of Graph's synchronizationSecret list: the rows are kept as they are.",
	},
}

// Presets returns the presets in the order a chooser lists them: the
// default first, Custom last.
func Presets() []Preset {
	// append(s[:0:0], s...) is slices.Clone written out: the generic
	// function would be instantiated twice, more bytes of wasm.
	out := append(presets[:0:0], presets...)
	for i := range out {
		out[i].Credentials = append(out[i].Credentials[:0:0], out[i].Credentials...)
	}
	return out
}

// DefaultPreset is the preset a fresh form starts with: acquireAccessToken
// is Authorize's call, so the OAuth authorization-code keys.
func DefaultPreset() Preset { return Presets()[0] }

// PresetByID returns the preset with the given ID.
func PresetByID(id string) (Preset, bool) {
	for _, p := range Presets() {
		if p.ID == id {
			return p, true
		}
	}
	return Preset{}, false
}

// MatchPreset returns the preset whose keys are exactly the keys of
// credentials, in any order (values do not matter), or Custom when none
// is: what a chooser shows after the admin has edited the keys.
func MatchPreset(credentials []Credential) Preset {
	keys := make([]string, len(credentials))
	for i, c := range credentials {
		keys[i] = strings.TrimSpace(c.Key)
	}
	slices.Sort(keys)
	for _, p := range Presets() {
		if p.ID == CustomPreset {
			continue
		}
		want := make([]string, len(p.Credentials))
		for i, c := range p.Credentials {
			want[i] = c.Key
		}
		slices.Sort(want)
		if slices.Equal(keys, want) {
			return p
		}
	}
	p, _ := PresetByID(CustomPreset)
	return p
}

// Apply returns the rows the preset makes of current. Custom keeps
// current as it is. Any other preset gives its keys, in its order, each
// with the value typed for it in current, else the value set aside for it
// earlier, else the preset's own value: switching presets must not lose
// anything typed. The values of keys the preset drops go into setAside
// (when it is not nil), by key, to come back if a later preset has that
// key again. setAside lives in the page's memory like the rows themselves.
func (p Preset) Apply(current []Credential, setAside map[string]string) []Credential {
	if p.ID == CustomPreset {
		return append(current[:0:0], current...)
	}
	typed := map[string]string{}
	for _, c := range current {
		k := strings.TrimSpace(c.Key)
		if _, seen := typed[k]; !seen || typed[k] == "" {
			typed[k] = c.Value
		}
	}
	out := make([]Credential, len(p.Credentials))
	kept := map[string]bool{}
	for i, c := range p.Credentials {
		out[i] = c
		kept[c.Key] = true
		switch {
		case typed[c.Key] != "":
			out[i].Value = typed[c.Key]
		case setAside[c.Key] != "":
			out[i].Value = setAside[c.Key]
		}
		delete(setAside, c.Key)
	}
	if setAside != nil {
		for k, v := range typed {
			if !kept[k] && v != "" {
				setAside[k] = v
			}
		}
	}
	return out
}

// portalLabels are the names the Entra admin center's Admin Credentials
// section gives the fields behind these keys (the connector tutorials and
// "How to set up client credentials"), so that an admin who follows a
// tutorial finds its field.
var portalLabels = []pair{
	{KeyBaseAddress, "Tenant URL"},
	{KeySecretToken, "Secret Token"},
	{KeyAuthenticationType, "Authentication Method"},
	{KeyOauth2TokenExchangeUri, "Token Endpoint"},
	{KeyOauth2ClientId, "Client Identifier"},
	{KeyOauth2ClientSecret, "Client Secret"},
	{KeyOauth2AuthorizationUri, "Authorization Endpoint"},
	{KeyCompanyId, "Tenant Id"},
}

// PortalLabel returns the admin center's label for the field behind key,
// or "" when it shows none: the page writes it beside the key.
func PortalLabel(key string) string {
	label, _ := valueOf(portalLabels, key)
	return label
}
