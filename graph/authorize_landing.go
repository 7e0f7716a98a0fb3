package graph

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
	"synctoken/graph/internal/paste"
	"unicode/utf8"
)

// Landing is the vendor's answer to an Authorize, read from the address
// the vendor left the admin on (the landing address) or from a code pasted
// alone: what Authorize sends to Graph.
type Landing struct {
	Code        string // sent as Oauth2AuthorizationCode
	RedirectURI string // sent as Oauth2RedirectUri: the Authorization's, exactly
	State       string // the state the answer carried; "" for a code alone
	// Notes say what was checked and what was not (Info), and what looks
	// wrong (Warning), for the field.
	Notes []Problem
}

// Credentials are the two pairs Authorize sends, in the portal's order.
func (l Landing) Credentials() []Credential {
	return append([]Credential(nil), Credential{Key: KeyOauth2AuthorizationCode, Value: l.Code}, Credential{Key: KeyOauth2RedirectUri, Value: l.RedirectURI})
}

// ParseLanding reads what the admin pasted after Authorize: the whole
// landing address (https://portal.azure.com/TokenAuthorize?code=…&state=…),
// its query or fragment alone, or the code alone. a is the Authorize it
// answers; its RedirectURI is what the code was issued for.
//
// The code is taken from the query, else the fragment. The answer's state
// must equal a.State: when synctoken added the state, an answer without
// one is refused too, since vendors echo the state they receive; when the
// state was the URL's own (Amazon's fixed state=1), a missing one is only
// warned. A code alone carries no state: it is taken, and a note says the
// check could not be made. An error=… answer is returned as a *VendorError
// and no code is taken. Anything else gets a message for the field; the
// size is checked first, before anything is read.
func ParseLanding(pasted string, a Authorization) (Landing, error) {
	if len(pasted) > paste.MaxPasteBytes {
		return Landing{}, errors.New("Landing address field holds " + paste.SizeText(len(pasted)) + "; paste the address the vendor's page ended on, or the code alone.")
	}
	if a.RedirectURI == "" {
		return Landing{}, errText("Build the authorization URL first: the code is redeemable only with the redirect URI it was issued for.")
	}
	s := strings.TrimSpace(pasted)
	if s == "" {
		return Landing{}, errText("Landing address is required: paste the address the vendor's page ended on (it holds code=…), or the code alone.")
	}
	l := Landing{RedirectURI: a.RedirectURI}
	params, isAddress, err := landingParams(s, a, &l)
	if err != nil {
		return Landing{}, err
	}
	if !isAddress {
		if err := checkCode(s, "Landing address"); err != nil {
			return Landing{}, err
		}
		l.Code = s
		addProblem(&l.Notes, Info, "A code alone carries no state, so synctoken could not check that it answers this Authorize: paste the whole landing address to have it checked.")
		return l, nil
	}
	if e := params.Get("error"); e != "" {
		// A refusal is checked against the state like a code: one meant
		// for another Authorize is not this one's to report.
		l.State = params.Get("state")
		if err := checkState(&l, a, params.Has("state")); err != nil {
			return Landing{}, err
		}
		return Landing{}, &VendorError{Code: e, Description: params.Get("error_description"), URI: params.Get("error_uri")}
	}
	codes := params["code"]
	switch {
	case len(codes) == 0 && (params.Has("client_id") || params.Has("response_type")):
		return Landing{}, errText("This is an authorization URL, not the landing address: open it, sign in at the vendor and allow access, then paste the address the vendor's page ends on.")
	case len(codes) == 0:
		return Landing{}, errText("This address holds no code=…: paste the address the vendor's page ended on after you allowed access, or the code alone.")
	case len(codes) > 1 && codes[0] != codes[1]:
		return Landing{}, errText("This address holds two different codes: paste the address as the vendor left it.")
	}
	if err := checkCode(codes[0], "The landing address's code"); err != nil {
		return Landing{}, err
	}
	l.Code, l.State = codes[0], params.Get("state")
	if err := checkState(&l, a, params.Has("state")); err != nil {
		return Landing{}, err
	}
	return l, nil
}

// landingParams reads the query and fragment parameters of s when s is an
// address, a query or a fragment; isAddress is false for a bare value. A
// landing address that is not the redirect URI gets a warning in l.
func landingParams(s string, a Authorization, l *Landing) (params url.Values, isAddress bool, err error) {
	var query, fragment string
	switch {
	case strings.Contains(s, "://"):
		u, err := url.Parse(s)
		if err != nil {
			return nil, true, errors.New("Landing address is not a web address: " + parseProblem(err) + ".")
		}
		query, fragment = u.RawQuery, u.EscapedFragment()
		if lost, same := atRedirectURI(u, a.RedirectURI); !same {
			addProblem(&l.Notes, Warning, "This address is not the redirect URI "+a.RedirectURI+": a code the vendor sent elsewhere is redeemable only with that address, so Authorize may fail.")
		} else if lost != "" {
			addProblem(&l.Notes, Warning, "This address lacks "+paste.QuoteShort(lost)+", which the redirect URI "+a.RedirectURI+" holds and a vendor must keep: check that it answers this Authorize, or Authorize may fail.")
		}
	case strings.HasPrefix(s, "?"):
		query = s[1:]
		query, fragment, _ = strings.Cut(query, "#")
	case strings.HasPrefix(s, "#"):
		fragment = s[1:]
	case strings.Contains(s, "?"):
		_, query, _ = strings.Cut(s, "?")
		query, fragment, _ = strings.Cut(query, "#")
	case strings.Contains(s, "=") && (strings.Contains(s, "code=") || strings.Contains(s, "error=")):
		query = s
	default:
		return nil, false, nil
	}
	params, semi := parseQuery(query)
	if !params.Has("code") && !params.Has("error") {
		if f, fsemi := parseQuery(fragment); f.Has("code") || f.Has("error") {
			params, semi = f, fsemi
		}
	}
	if len(semi) > 0 {
		addProblem(&l.Notes, Warning, "The landing address holds \";\" unescaped (in "+strings.Join(semi, ", ")+"): synctoken read it as part of the value, as browsers do, not as a separator. If Authorize fails, Authorize again and paste the new address as the vendor left it.")
	}
	return params, true, nil
}

// checkState compares the answer's state with the Authorize's.
func checkState(l *Landing, a Authorization, has bool) error {
	switch {
	case a.State == "":
		addProblem(&l.Notes, Info, "There was no state to check the answer against.")
	case !has && a.StateAdded:
		return errText("The landing address carries no state, though synctoken sent one with this Authorize and vendors send it back: it may answer another Authorize. Authorize again, and paste the address the new page ends on.")
	case !has:
		addProblem(&l.Notes, Warning, "The landing address carries no state, though the authorization URL had one ("+paste.QuoteShort(a.State)+"): check that it answers this Authorize.")
	case l.State != a.State:
		return errors.New("The landing address's state " + paste.QuoteShort(l.State) + " is not this Authorize's (" + paste.QuoteShort(a.State) + "): it answers another Authorize, or was changed on the way. Authorize again, and paste the address the new page ends on.")
	case !a.StateAdded:
		addProblem(&l.Notes, Warning, "The state matches, but it is the authorization URL's own fixed state ("+paste.QuoteShort(a.State)+
			"), which every Authorize with that URL carries: it cannot tell this answer from another's. Check that it is the address of the window you opened last.")
	default:
		addProblem(&l.Notes, Info, "The state matches: this answer is for this Authorize.")
	}
	return nil
}

// checkCode refuses what cannot be a code: empty, too long, or holding
// spaces, line breaks or invisible characters. what starts the message.
func checkCode(code, what string) error {
	switch {
	case code == "":
		return errors.New(what + " is empty: Authorize again, and allow access at the vendor.")
	case len(code) > paste.MaxCodeBytes:
		return errors.New(what + " is " + paste.SizeText(len(code)) + ": a code is at most a few hundred characters; paste the address or the code alone.")
	case !utf8.ValidString(code):
		return errors.New(what + " is not text: copy it again.")
	}
	if at, name, ok := firstSpace(code); ok {
		return errors.New(what + " contains " + name + " at character " + strconv.Itoa(at) + ": a code has none. Paste the whole landing address, or the code alone, copied again.")
	}
	return nil
}

// VendorError is the vendor's refusal, sent back on the landing address
// as error=…&error_description=… instead of a code.
type VendorError struct {
	Code        string // the OAuth error, e.g. access_denied
	Description string // the vendor's words, may be empty
	URI         string // the vendor's error page, may be empty
}

// Error is the refusal in one line, for the field.
func (e *VendorError) Error() string {
	x := e.Explain()
	return x.Title + ": " + x.Cause
}

// Explain says what the vendor's refusal means and what to do, in an
// admin's words: access_denied is someone declining (Box's "Disabled by
// Administrator" is the Box admin not allowing unpublished apps); other
// codes are the vendor's, quoted.
func (e *VendorError) Explain() Explanation {
	said := ""
	if d := strings.TrimSpace(e.Description); d != "" {
		said = " The vendor's words: " + strconv.Quote(d) + "."
	}
	switch {
	case strings.Contains(strings.ToLower(e.Description), "disabled by administrator"):
		return why("The vendor's administrator has not allowed this app ("+e.Code+")",
			"The vendor refused because its administrator disabled this app for your account: Box, for one, answers so until its admin allows unpublished apps."+said,
			"Ask the vendor's administrator to enable the app (in Box: Admin Console > Apps > allow unpublished apps, or enable this one), then Authorize again.")
	case e.Code == "access_denied":
		return why("Access was declined (access_denied)",
			"You, or the vendor's policy, declined to let the provisioning service access the vendor: no code was issued."+said,
			"Authorize again and allow access; if you did allow it, ask the vendor's administrator whether a policy blocks the app.")
	case e.Code == "invalid_scope":
		return why("The vendor refused the scope (invalid_scope)", "The authorization URL asks for a scope the vendor does not grant to this app."+said,
			"Use the authorization URL exactly as the connector's documentation gives it, then Authorize again.")
	case e.Code == "unauthorized_client" || e.Code == "invalid_client":
		return why("The vendor does not accept this app ("+e.Code+")", "The client_id in the authorization URL is unknown to the vendor or not allowed this grant."+said,
			"Check the client_id against the connector's documentation, then Authorize again.")
	case e.Code == "server_error" || e.Code == "temporarily_unavailable":
		return why("The vendor failed ("+e.Code+")", "The vendor could not handle the Authorize; the URL itself may be fine."+said,
			"Wait a minute and Authorize again.")
	}
	return why("The vendor refused ("+e.Code+")", "The vendor sent back an error instead of a code."+said,
		"Read the vendor's words above; fix what they name, then Authorize again.")
}
