package graph

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"synctoken/graph/internal/paste"
)

// Authorization is one Authorize: the vendor's authorization URL as the
// admin's browser opens it, and what the vendor's answer must match.
// AuthorizationURL makes it; ParseLanding checks the answer against it.
type Authorization struct {
	// URL is the address to open: the pasted URL with redirect_uri set to
	// RedirectURI and, when it had none, a state added. Every other
	// parameter is exactly as pasted, order and encoding included: vendors
	// (Amazon Business, Google) publish whole URLs whose scope and other
	// parameters must reach them unchanged.
	URL string
	// RedirectURI is the redirect_uri in URL. The code the vendor issues is
	// redeemable only with it, so it is sent as Oauth2RedirectUri.
	RedirectURI string
	// State is the URL's state, which the vendor sends back: synctoken's
	// own random one when StateAdded, else the one the URL already had
	// (Amazon Business publishes URLs with a fixed state=1).
	State      string
	StateAdded bool
	// Notes say what was done to the pasted URL (Info) and what looks
	// wrong in it (Warning), for the field.
	Notes []Problem
}

// AuthorizationURL builds the Authorize of a vendor authorization URL the
// admin pasted whole, with redirectURI as its redirect_uri (see
// Cloud.PortalRedirectURI). The URL must be https; for the sandbox cloud an
// http loopback address is accepted too. The error says, for the field,
// what is wrong: too long (checked first, before reading anything), not a
// web address, javascript: or data:, http, no host, spaces inside it, or a
// redirectURI that CheckRedirectURI refuses.
//
// redirect_uri is replaced where it stands, or added at the end; a
// redirect_uri already equal to redirectURI is kept as written. A state is
// kept; when there is none (or an empty one), a random state from
// crypto/rand is set, so that the answer can be tied to this Authorize.
func AuthorizationURL(pasted, redirectURI string, cloud Cloud) (Authorization, error) {
	if len(pasted) > paste.MaxPasteBytes {
		return Authorization{}, errors.New("Authorization URL field holds " + paste.SizeText(len(pasted)) + "; paste the vendor's authorization URL alone.")
	}
	s := strings.TrimSpace(pasted)
	if s == "" {
		return Authorization{}, errText("Authorization URL is required: paste the vendor's authorization URL, from the connector's documentation or the vendor's admin console.")
	}
	if at, what, ok := firstSpace(s); ok {
		return Authorization{}, errors.New("Authorization URL contains " + what + " at character " + strconv.Itoa(at) + ": a URL has none. Copy it again in one piece (an email or chat may have wrapped it).")
	}
	u, err := url.Parse(s)
	if err != nil {
		return Authorization{}, errors.New("Authorization URL is not a web address: " + parseProblem(err) + ".")
	}
	if err := checkScheme("Authorization URL", u, cloud); err != nil {
		return Authorization{}, err
	}
	if u.Host == "" || u.Opaque != "" {
		return Authorization{}, errText("Authorization URL has no host: paste the whole address, starting with https:// and the vendor's host.")
	}
	if err := CheckRedirectURI(redirectURI, cloud); err != nil {
		return Authorization{}, err
	}

	base, fragment, hasFragment := strings.Cut(s, "#")
	path, rawQuery, _ := strings.Cut(base, "?")
	a := Authorization{RedirectURI: redirectURI}
	var pairs []string
	redirectSet, responseType, responseMode := false, "", ""
	for pair := range strings.SplitSeq(rawQuery, "&") {
		if pair == "" {
			continue
		}
		rawName, rawValue, _ := strings.Cut(pair, "=")
		name, _ := url.QueryUnescape(rawName)
		value, err := url.QueryUnescape(rawValue)
		if err != nil {
			value = rawValue
		}
		switch name {
		case "redirect_uri":
			switch {
			case redirectSet:
				addProblem(&a.Notes, Info, "Removed a second redirect_uri from the URL: the vendor must see one.")
				continue
			case value != redirectURI:
				addProblem(&a.Notes, Info, "Replaced the URL's redirect_uri "+paste.QuoteShort(value)+" with "+redirectURI+".")
				pair = "redirect_uri=" + url.QueryEscape(redirectURI)
			}
			redirectSet = true
		case "state":
			if a.State != "" || a.StateAdded {
				break
			}
			if value == "" {
				a.State, a.StateAdded = newState(), true
				pair = "state=" + a.State
				addProblem(&a.Notes, Info, "Filled the URL's empty state with a random one, to check the vendor's answer against.")
				break
			}
			a.State = value
			addProblem(&a.Notes, Warning, "Kept the URL's own state "+paste.QuoteShort(value)+", which the vendor's answer must carry back. "+
				"It is fixed in the published URL, so it cannot tell this Authorize's answer from another's (another tab's, an older window's): "+
				"paste only the landing address of the window you opened last.")
		case "response_type":
			responseType = value
		case "response_mode":
			responseMode = value
		}
		paste.AddText(&pairs, pair)
	}
	if !redirectSet {
		paste.AddText(&pairs, "redirect_uri="+url.QueryEscape(redirectURI))
		addProblem(&a.Notes, Info, "Added redirect_uri="+redirectURI+".")
	}
	if a.State == "" {
		a.State, a.StateAdded = newState(), true
		paste.AddText(&pairs, "state="+a.State)
		addProblem(&a.Notes, Info, "Added a random state, to check that the vendor's answer is for this Authorize.")
	}
	if u.User != nil {
		addProblem(&a.Notes, Warning, "The URL names something before its host (…@): the browser goes to "+u.Hostname()+", not to what comes before the @. Check that this is the vendor's address.")
	}
	// No client_id or response_type is no sign of a wrong URL: Amazon
	// Business's published URLs name the app as applicationId and imply
	// the code grant. Another grant asked for outright is refused: a token
	// or ID token would come back in the landing address's fragment, a
	// bearer secret in the browser's history, and Authorize redeems codes
	// only. form_post would have the vendor POST the code to the redirect
	// URI, where neither the portal's landing page nor this page can read
	// it, and a host logs a POST's body more readily than a fragment.
	if responseType != "" && responseType != "code" {
		return Authorization{}, errors.New("Authorization URL asks for response_type=" + paste.QuoteShort(responseType) +
			": Authorize needs the authorization code grant, response_type=code. Another grant would put a token, not a code, in the landing address. Use the URL the connector's documentation gives.")
	}
	if strings.EqualFold(responseMode, "form_post") {
		return Authorization{}, errText("Authorization URL asks for response_mode=form_post: the vendor would post the code to the redirect URI, where neither the portal's landing page nor this page can read it. Remove response_mode, or use the connector's documented URL.")
	}
	a.URL = path + "?" + strings.Join(pairs, "&")
	if hasFragment {
		a.URL += "#" + fragment
	}
	return a, nil
}

// newState returns 128 random bits, URL-safe as they are, so the state
// needs no escaping in the URL and reads back the same.
func newState() string {
	var b [16]byte
	rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}
