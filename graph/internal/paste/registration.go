package paste

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// The app registration an admin signs in with, as typed or pasted: its
// tenant and its Application (client) ID. graph/signin builds the authority
// from them; they are read here, beside the other IDs taken out of pastes,
// since nothing in them needs MSAL Go.

// ParseTenant returns the tenant of an authority: a tenant ID (GUID), a
// verified domain such as contoso.onmicrosoft.com, or "organizations".
// "common" and "consumers" are refused: synchronization is for work or
// school accounts of one directory. It is ExtractTenant without its note,
// so a pasted sign-in URL works too.
func ParseTenant(s string) (string, error) {
	tenant, _, err := ExtractTenant(s)
	return tenant, err
}

// loginHosts are the hosts of Entra sign-in URLs and token issuers, whose
// path starts with the tenant. US Gov also answers on
// login.usgovcloudapi.net: Entra's instance discovery metadata, as MSAL Go
// v1.10.1 carries it (known_metadata.go), lists it as an alias of
// login.microsoftonline.us (../shared/reference/README.md "Clouds").
var loginHosts = []string{
	"login.microsoftonline.com", "login.microsoft.com", "login.windows.net", "sts.windows.net",
	"login.microsoftonline.us", "login.usgovcloudapi.net", "login.chinacloudapi.cn", "login.partner.microsoftonline.cn",
	"sts.chinacloudapi.cn",
}

// ExtractTenant returns the tenant in s, lowercased, and a note for the
// field saying what was done to get it. s may be the tenant as typed, or a
// paste holding it: a sign-in or issuer URL (https://login.microsoftonline.com/{tenant}/v2.0),
// a portal URL (https://portal.azure.com/#@{domain}/…, …/tenantId/{id}), or
// a user name (admin@contoso.com, whose domain is taken). "organizations"
// is accepted with a note: it works only for a multitenant app
// registration. "common" and "consumers" are errors: they admit personal
// Microsoft accounts, and this API is for work or school accounts only.
func ExtractTenant(s string) (tenant, note string, err error) {
	if len(s) > MaxPasteBytes {
		return "", "", errors.New("Tenant field holds " + SizeText(len(s)) + "; paste the tenant ID or domain alone.")
	}
	t, notes := cleanID(s)
	if t == "" {
		return "", "", errText("Tenant is required: a tenant ID (GUID), a domain such as contoso.onmicrosoft.com, or organizations.")
	}
	add := func(tenant, note string, err error) (string, string, error) {
		if err != nil {
			return "", "", err
		}
		if note != "" {
			AddText(&notes, note)
		}
		return tenant, strings.Join(notes, " "), nil
	}
	if pasteKind(t) != "URL" {
		if user, domain, ok := strings.Cut(t, "@"); ok && user != "" && !strings.ContainsAny(user, " /") {
			tenant, _, err := parseTenantName(domain, "")
			if err != nil {
				return "", "", err
			}
			return add(tenant, "Took the domain of the user name: "+tenant+".", nil)
		}
		tenant, note, err := parseTenantName(t, "")
		if err != nil {
			// A line of text holding the tenant ID: "Directory (tenant) ID: …".
			p := pickGUID(t, roleTenant)
			if p.id != "" && p.label != "" {
				return add(p.id, tookNote("tenant ID", p, "text"), nil)
			}
			if p.only != nil {
				return "", "", notTenant("text", *p.only)
			}
		}
		return add(tenant, note, err)
	}
	raw := t
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", "", fmt.Errorf("Tenant is not a URL that can be read (%v): paste the tenant ID or domain alone.", err)
	}
	host := strings.ToLower(u.Hostname())
	if slices.Contains(loginHosts, host) || IsLoopback(u.Host) {
		seg, _, _ := strings.Cut(strings.TrimPrefix(u.Path, "/"), "/")
		if seg == "" {
			return "", "", errText("This sign-in URL names no tenant: paste the tenant ID (GUID) or a domain such as contoso.onmicrosoft.com.")
		}
		tenant, note, err := parseTenantName(seg, " (from the URL)")
		if err != nil {
			return "", "", err
		}
		if note == "" {
			note = "Took the tenant " + tenant + " from the sign-in URL (" + host + ")."
		}
		return add(tenant, note, nil)
	}
	if rest, ok := strings.CutPrefix(u.Fragment, "@"); ok {
		domain, _, _ := strings.Cut(rest, "/")
		tenant, _, err := parseTenantName(domain, " (from the URL)")
		if err != nil {
			return "", "", err
		}
		return add(tenant, "Took the tenant "+tenant+" from the portal URL.", nil)
	}
	p := pickGUID(t, roleTenant)
	if p.id != "" && p.label != "" {
		return add(p.id, tookNote("tenant ID", p, "URL"), nil)
	}
	if p.only != nil {
		return "", "", notTenant("URL", *p.only)
	}
	return "", "", errText("This URL names no tenant: paste the tenant ID (GUID) or a domain such as contoso.onmicrosoft.com.")
}

// notTenant explains that a paste holds an appId or an object ID only.
func notTenant(src string, f foundID) error {
	what := "an object ID"
	if f.role == roleClient {
		what = "an appId"
	}
	return errors.New("This " + src + " holds only " + what + " (" + f.id + "), not a tenant ID: paste the Directory (tenant) ID or a domain such as contoso.onmicrosoft.com.")
}

// parseTenantName checks one tenant name: a GUID, a domain, or one of
// Entra's keywords. from says where it came from, for messages.
func parseTenantName(s, from string) (tenant, note string, err error) {
	t := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(s), "/"))
	switch t {
	case "":
		return "", "", errText("Tenant is required: a tenant ID (GUID), a domain such as contoso.onmicrosoft.com, or organizations.")
	case "organizations":
		return t, "organizations works only if your app registration accepts accounts in any organizational directory (multitenant); otherwise Entra answers AADSTS50194: use your tenant ID or domain.", nil
	case "common":
		return "", "", errText(`Tenant "common" also signs in personal Microsoft accounts, which cannot use this API (work or school accounts only): use your tenant ID, your domain, or organizations.`)
	case "consumers":
		return "", "", errText(`Tenant "consumers" signs in personal Microsoft accounts only, and this API needs a work or school account: use your tenant ID, your domain, or organizations.`)
	}
	if id, ok := bareGUID(t); ok {
		if id == "00000000-0000-0000-0000-000000000000" {
			return "", "", errText("Tenant ID is all zeros, a placeholder: paste your tenant ID (Directory (tenant) ID on the Entra overview page).")
		}
		return id, "", nil
	}
	if strings.Count(t, "-") == 4 {
		msg := notGUID(t)
		if detail, ok := strings.CutPrefix(msg, "must be a GUID: "); ok {
			return "", "", errors.New("Tenant looks like a tenant ID but is not a GUID: " + detail)
		}
		return "", "", errors.New("Tenant ID " + msg)
	}
	if len(t) == 32 && isHex(t) {
		return "", "", errors.New("Tenant ID " + notGUID(t))
	}
	if isDomain(t) {
		return t, "", nil
	}
	return "", "", errors.New("Tenant " + QuoteShort(strings.TrimSpace(s)) + from + " is neither a tenant ID (GUID), a domain such as contoso.onmicrosoft.com, nor organizations.")
}

// isDomain reports whether t (lowercase) is written as a DNS domain name of
// at least two labels: letters, digits and inner hyphens, a letter TLD.
func isDomain(t string) bool {
	labels := strings.Split(t, ".")
	if len(labels) < 2 || len(t) > 253 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			if !isAlnum(l[i]) && l[i] != '-' {
				return false
			}
		}
	}
	tld := labels[len(labels)-1]
	for i := 0; i < len(tld); i++ {
		if !('a' <= tld[i] && tld[i] <= 'z') && !strings.HasPrefix(tld, "xn--") {
			return false
		}
	}
	return len(tld) >= 2
}

// ParseClientID returns the Application (client) ID of the app
// registration, a GUID: ExtractClientID without its note.
func ParseClientID(s string) (string, error) {
	id, _, err := ExtractClientID(s)
	return id, err
}

// ExtractClientID returns the Application (client) ID in s, a lowercase
// GUID, and a note for the field saying what was done to get it. As
// ObjectID, it takes the ID out of a pasted URL (…/appId/{id},
// ?client_id={id}), JSON (its "appId") or text when that is unambiguous,
// and otherwise explains.
func ExtractClientID(s string) (id, note string, err error) {
	if len(s) > MaxPasteBytes {
		return "", "", errors.New("Client ID field holds " + SizeText(len(s)) + "; paste the Application (client) ID alone.")
	}
	t, notes := cleanID(s)
	if t == "" {
		return "", "", errText("Client ID is required: the Application (client) ID of your app registration.")
	}
	took := func(id, note string) (string, string, error) {
		switch id {
		case "00000000-0000-0000-0000-000000000000":
			return "", "", errText("Client ID is all zeros, a placeholder: paste the Application (client) ID of your app registration.")
		case GraphAppID:
			return "", "", errors.New("Client ID " + id + " is Microsoft Graph's own appId: use the Application (client) ID of your app registration.")
		}
		if note != "" {
			AddText(&notes, note)
		}
		return id, strings.Join(notes, " "), nil
	}
	if id, ok := bareGUID(t); ok {
		return took(id, "")
	}
	src := pasteKind(t)
	if src == "JSON" {
		if v, _, ok := jsonMember(t, "appId"); ok {
			if id, ok := bareGUID(v); ok {
				return took(id, `Took the client ID `+id+` (its "appId") from the pasted JSON.`)
			}
		}
	}
	p := pickGUID(t, roleClient)
	switch {
	case p.id != "":
		return took(p.id, tookNote("client ID", p, src))
	case p.many != nil:
		return "", "", errors.New("This " + src + " holds " + countIDs(len(p.many)) + ": " + describeIDs(p.many) + "; paste the Application (client) ID alone.")
	case p.only != nil && p.only.role == roleObject:
		return "", "", errors.New(`This ` + src + ` holds only an object ID (` + p.only.id + `); the client ID is the app's Application (client) ID, its "appId".`)
	case p.only != nil:
		return "", "", errors.New("This " + src + " holds only a tenant ID (" + p.only.id + "); the client ID is the app's Application (client) ID.")
	case src != "text":
		return "", "", errors.New("This " + src + " holds no client ID (a GUID): paste the Application (client) ID of your app registration.")
	}
	if strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}") {
		t = t[1 : len(t)-1]
	}
	return "", "", errors.New("Client ID " + notGUID(t))
}
