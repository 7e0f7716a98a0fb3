package graph

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// PortalRedirectURI is the address a vendor sends the admin back to after
// Authorize, for c: the portal's TokenAuthorize landing page of the cloud,
// or the sandbox's own landing page. synctoken sets it as redirect_uri of
// the vendor's authorization URL and sends it as Oauth2RedirectUri, since
// OAuth redeems a code only with the redirect URI it was issued for.
//
// These are [inferred] assumptions: vendors register
// https://portal.azure.com/TokenAuthorize for the Entra connector (seen),
// and the other clouds' portals are taken to have the same page on their
// own host (portal.azure.us for both US Gov clouds, portal.azure.cn for
// China). A vendor confirms one by accepting it; one that refuses it
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

// CheckRedirectURI says what is wrong with a redirect URI the admin typed
// for cloud, in words for the field; nil when it can be used. It must be an
// absolute https URL (OAuth sends codes only to https, RFC 6749 §3.1.2.1),
// or http on loopback when cloud is the sandbox, without a fragment (which
// OAuth forbids in a redirect URI) or user name. It is not trimmed: the
// vendor compares it character for character.
func CheckRedirectURI(uri string, cloud Cloud) error {
	if len(uri) > MaxRedirectURIBytes {
		return fmt.Errorf("Redirect URI is %s: a redirect URI is one address of a few dozen characters; type it alone.", sizeText(len(uri)))
	}
	if uri == "" {
		return fmt.Errorf("Redirect URI is required: the address the vendor sends you back to, such as %s.", firstOf(cloud.PortalRedirectURI(), Global.PortalRedirectURI()))
	}
	if at, what, ok := firstSpace(uri); ok {
		return fmt.Errorf("Redirect URI contains %s at character %d: the vendor compares it exactly; remove it.", what, at)
	}
	u, err := url.Parse(uri)
	if err != nil {
		return fmt.Errorf("Redirect URI is not a web address: %s.", parseProblem(err))
	}
	if err := checkScheme("Redirect URI", u, cloud); err != nil {
		return err
	}
	switch {
	case u.Host == "":
		return fmt.Errorf("Redirect URI has no host: write the whole address, such as %s.", firstOf(cloud.PortalRedirectURI(), Global.PortalRedirectURI()))
	case u.User != nil:
		return fmt.Errorf("Redirect URI holds a user name before its host (…@): no redirect URI has one.")
	case strings.Contains(uri, "#"):
		return fmt.Errorf("Redirect URI has a fragment (#…): OAuth forbids one in a redirect URI; remove it.")
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
		if cloud.IsSandbox() && isLoopback(u.Host) {
			return nil
		}
		return fmt.Errorf("%s starts with http://: it must be https://, so that the vendor's code travels encrypted.", field)
	case "":
		return fmt.Errorf("%s has no scheme: write the whole address, starting with https://.", field)
	case "javascript", "data", "vbscript", "file", "blob":
		return fmt.Errorf("%s is a %s: address, not a web page: paste the https:// address itself.", field, strings.ToLower(u.Scheme))
	}
	return fmt.Errorf("%s starts with %s:, not https://: paste the vendor's web address.", field, u.Scheme)
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
			return pos, whitespaceName(r), true
		case isInvisible(r):
			return pos, runeName(r), true
		}
	}
	return 0, "", false
}
