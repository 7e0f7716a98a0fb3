package graph

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
	"synctoken/graph/internal/paste"
)

// PortalRedirectURI is the address a vendor sends the admin back to after
// Authorize, for c: the portal's TokenAuthorize landing page of the cloud,
// or the sandbox's own landing page. synctoken sets it as redirect_uri of
// the vendor's authorization URL and sends it as Oauth2RedirectUri, since
// OAuth redeems a code only with the redirect URI it was issued for.
//
// Only Global's is seen: vendors register
// https://portal.azure.com/TokenAuthorize for the Entra connector. The
// US Gov and China ones are unverified [inferred] assumptions, which no
// public source shows (PortalRedirectNote says so in the field): the same
// page on their own portal's host (portal.azure.us for both US Gov clouds,
// portal.azure.cn for China). A vendor confirms one by accepting it; one that refuses it
// answers redirect_uri_mismatch on its own page, and the admin can type
// another (see CheckRedirectURI). "" for a cloud synctoken does not know.
func (c Cloud) PortalRedirectURI() string {
	switch c.ID {
	case Global.ID:
		return "https://portal.azure.com/TokenAuthorize"
	case USGovL4.ID, USGovL5.ID:
		return "https://portal.azure.us/TokenAuthorize"
	case China.ID:
		return "https://portal.azure.cn/TokenAuthorize"
	}
	if c.IsSandbox() && c.base != "" {
		return c.base + "/TokenAuthorize"
	}
	return ""
}

// PortalRedirectNote says, for the field offering PortalRedirectURI, how
// much is known of c's landing address, as plainly as the presets say it
// of the key names: Global's is seen (vendors register it for Entra's
// connector); the US Gov and China ones are unverified, since no public
// source shows either (../shared/reference/provisioning-credentials.md,
// "[inferred] The portal's landing address differs per cloud"). "" for a
// cloud without one.
func (c Cloud) PortalRedirectNote() string {
	uri := c.PortalRedirectURI()
	confirm := " A vendor confirms an address by accepting it; one it does not know, it refuses on its own page (redirect_uri_mismatch): then choose another."
	switch c.ID {
	case Global.ID:
		return "Vendors register " + uri + " for Entra's connector (seen in their setup guides)." + confirm
	case USGovL4.ID, USGovL5.ID, China.ID:
		return "Unverified: no public source shows " + c.Name + "'s landing address; " + uri + " is an assumption, made from the Global portal's " +
			Global.PortalRedirectURI() + " (the only one seen) and " + c.Name + "'s portal host." + confirm
	}
	if uri != "" {
		return "The sandbox's own landing page, standing for the portal's." + confirm
	}
	return ""
}

// CheckRedirectURI says what is wrong with a redirect URI the admin typed
// for cloud, in words for the field; nil when it can be used. It must be an
// absolute https URL (OAuth sends codes only to https, RFC 6749 §3.1.2.1),
// or http on loopback when cloud is the sandbox, without a fragment (which
// OAuth forbids in a redirect URI) or user name. It is not trimmed: the
// vendor compares it character for character.
func CheckRedirectURI(uri string, cloud Cloud) error {
	if len(uri) > paste.MaxRedirectURIBytes {
		return errors.New("Redirect URI is " + paste.SizeText(len(uri)) + ": a redirect URI is one address of a few dozen characters; type it alone.")
	}
	if uri == "" {
		return errors.New("Redirect URI is required: the address the vendor sends you back to, such as " + paste.FirstOf(cloud.PortalRedirectURI(), Global.PortalRedirectURI()) + ".")
	}
	if at, what, ok := firstSpace(uri); ok {
		return errors.New("Redirect URI contains " + what + " at character " + strconv.Itoa(at) + ": the vendor compares it exactly; remove it.")
	}
	u, err := url.Parse(uri)
	if err != nil {
		return errors.New("Redirect URI is not a web address: " + parseProblem(err) + ".")
	}
	if err := checkScheme("Redirect URI", u, cloud); err != nil {
		return err
	}
	switch {
	case u.Host == "":
		return errors.New("Redirect URI has no host: write the whole address, such as " + paste.FirstOf(cloud.PortalRedirectURI(), Global.PortalRedirectURI()) + ".")
	case u.User != nil:
		return errText("Redirect URI holds a user name before its host (…@): no redirect URI has one.")
	case strings.Contains(uri, "#"):
		return errText("Redirect URI has a fragment (#…): OAuth forbids one in a redirect URI; remove it.")
	}
	return nil
}

// checkScheme refuses any scheme but https, and http but on loopback in
// the sandbox. field starts the message.
func checkScheme(field string, u *url.URL, cloud Cloud) error {
	switch strings.ToLower(u.Scheme) {
	case "https":
		return nil
	case "http":
		if cloud.IsSandbox() && paste.IsLoopback(u.Host) {
			return nil
		}
		return errors.New(field + " starts with http://: it must be https://, so that the vendor's code travels encrypted.")
	case "":
		return errors.New(field + " has no scheme: write the whole address, starting with https://.")
	case "javascript", "data", "vbscript", "file", "blob":
		return errors.New(field + " is a " + strings.ToLower(u.Scheme) + ": address, not a web page: paste the https:// address itself.")
	}
	return errors.New(field + " starts with " + u.Scheme + ":, not https://: paste the vendor's web address.")
}

// parseProblem is url.Parse's complaint without the URL, which may be a
// whole paste.
func parseProblem(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return err.Error()
}

// firstSpace finds the first space, line break or invisible character in
// s: its position (1-based, in characters) and name.
func firstSpace(s string) (at int, what string, ok bool) {
	pos := 0
	for _, r := range s {
		pos++
		switch {
		case r == ' ':
			return pos, "a space", true
		case r == '\t' || r == '\n' || r == '\r':
			return pos, paste.WhitespaceName(r), true
		case paste.IsInvisible(r):
			return pos, paste.RuneName(r), true
		}
	}
	return 0, "", false
}
