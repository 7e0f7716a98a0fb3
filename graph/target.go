package graph

import (
	"errors"
	"strconv"
	"strings"
)

// Version is the Graph API version in the URL.
type Version string

// The versions that carry acquireAccessToken.
const (
	V1   Version = "v1.0"
	Beta Version = "beta"
)

// Versions lists the API versions, the default first.
func Versions() []Version { return append([]Version(nil), V1, Beta) }

// Deprecation is a notice from Graph's metadata (Org.OData.Core.V1.Revisions).
type Deprecation struct {
	Date, RemovalDate string // YYYY-MM-DD
	Description       string
	Successors        []string // what the metadata names instead
	// NotCallable says that the successors cannot be called yet, so that
	// an admin does not go looking for them: the call deprecated is still
	// the one to make.
	NotCallable string
}

// The calls whose beta deprecation notices Version.DeprecatedCall gives,
// named as the metadata's annotation targets name them.
const (
	AcquireAccessTokenCall  = "acquireAccessToken"      // Send, Authorize
	ValidateCredentialsCall = "validateCredentials"     // Test connection
	SecretsCall             = "synchronization/secrets" // Save
)

// notCallable is the same for every notice: the successors are named, not
// published.
const notCallable = "Neither connectivityParameters nor validateConnectivity is in Graph's metadata yet " +
	"(only the bare type connectivityParameterEntry is), so they cannot be called: this call remains the one to make."

// Deprecated returns the notice the beta metadata carries for
// acquireAccessToken and its secrets (version
// 2026-02/SynchronizationSecret_Deprecation); v1.0 carries none yet.
// Its text is checked against the metadata by the tests.
func (v Version) Deprecated() (Deprecation, bool) { return v.DeprecatedCall(AcquireAccessTokenCall) }

// DeprecatedCall returns the notice the beta metadata carries for call
// (one of the *Call constants): each in the metadata's own words, with the
// same dates; v1.0 carries none yet, and neither does an unknown call.
func (v Version) DeprecatedCall(call string) (Deprecation, bool) {
	if v != Beta {
		return Deprecation{}, false
	}
	d := Deprecation{Date: "2026-02-06", RemovalDate: "2027-07-06", NotCallable: notCallable}
	switch call {
	case AcquireAccessTokenCall:
		d.Description = "This action acquires an access token via Oauth Code Grant Flow. Code Grant will be completely deprecated so this action will be obsolete."
		d.Successors = []string{"connectivityParameters", "SynchronizationJobSettings", "validateConnectivity"}
	case ValidateCredentialsCall:
		d.Description = "Use validateConnectivity instead. This action will be removed."
		d.Successors = []string{"validateConnectivity"}
	case SecretsCall:
		d.Description = "Use connectivityParameters for oauth flows and scim endpoint connectivity. Use SynchronizationJobSettings for job-specific settings This property will be removed."
		d.Successors = []string{"connectivityParameters", "SynchronizationJobSettings"}
	default:
		return Deprecation{}, false
	}
	return d, true
}

// Kind is the collection the object lives in.
type Kind string

// The two collections that expose synchronization.
const (
	ServicePrincipals Kind = "servicePrincipals"
	Applications      Kind = "applications"
)

// Kinds lists the collections, the usual one first.
func Kinds() []Kind { return append([]Kind(nil), ServicePrincipals, Applications) }

// Label is the name admins see for k.
func (k Kind) Label() string {
	if k == Applications {
		return "Application"
	}
	return "Service principal"
}

// graphAppID is Microsoft Graph's appId, the same in every cloud: the
// audience of some Graph tokens, and an ID admins paste by mistake.
const graphAppID = "00000003-0000-0000-c000-000000000000"

// ParseObjectID returns the object ID in s as a canonical lowercase GUID:
// ExtractObjectID without its note. It trims spaces and accepts any case
// and surrounding braces, and takes the ID out of a pasted URL or JSON when
// that is unambiguous; otherwise the error says exactly what is wrong, in
// words meant for the field it came from.
func ParseObjectID(s string) (string, error) {
	id, _, _, err := extractObjectID(s)
	return id, err
}

// ExtractObjectID returns the object ID in s, a canonical lowercase GUID,
// and a note for the field saying what was done to get it, "" when s was
// the ID itself. s is what the admin typed or pasted, and is not changed:
//
//   - an ID in any case, with braces, quotes or spaces around it: taken
//     without a note;
//   - an ID with invisible characters or typographic dashes: cleaned, and
//     the note says so;
//   - a portal or Graph URL, Graph Explorer JSON or a line of text that
//     holds the ID: the ID labelled as an object ID (objectId/…,
//     servicePrincipals/…, applications/…, a JSON "id") is taken when
//     there is exactly one, else the one GUID there is when it has no
//     label; the note names it and what was ignored.
//
// Otherwise the error explains, e.g. that the URL holds only an appId, or
// lists the IDs a paste holds.
func ExtractObjectID(s string) (id, note string, err error) {
	id, _, note, err = extractObjectID(s)
	return id, note, err
}

// extractObjectID is ExtractObjectID that also says whose ID it is, when
// the paste shows it (a servicePrincipals URL, a service principal's JSON).
func extractObjectID(s string) (string, Kind, string, error) {
	if len(s) > MaxPasteBytes {
		return "", "", "", errors.New("Object ID field holds " + sizeText(len(s)) + "; paste the object ID alone.")
	}
	t, notes := cleanID(s)
	if t == "" {
		return "", "", "", errText("Object ID is required: the object ID (a GUID) of the application or service principal.")
	}
	if id, ok := bareGUID(t); ok {
		if err := usableObjectID(id); err != nil {
			return "", "", "", err
		}
		return id, "", strings.Join(notes, " "), nil
	}
	if _, ok := bareGUID(strings.TrimPrefix(t, "{")); ok && t[0] == '{' {
		return "", "", "", errText("Object ID has an unmatched brace.")
	}
	if _, ok := bareGUID(strings.TrimSuffix(t, "}")); ok && t[len(t)-1] == '}' {
		return "", "", "", errText("Object ID has an unmatched brace.")
	}
	src := pasteKind(t)
	if src == "JSON" {
		v, n, ok := jsonMember(t, "id")
		if id, isID := bareGUID(v); ok && isID {
			if err := usableObjectID(id); err != nil {
				return "", "", "", err
			}
			addText(&notes, "Took the object ID "+id+` (its "id") from the pasted JSON.`)
			return id, kindOfPaste(t, ""), strings.Join(notes, " "), nil
		}
		switch {
		case n == 0:
			return "", "", "", errText("This JSON lists no objects: paste the object ID of the application or service principal.")
		case n > 1:
			return "", "", "", errors.New("This JSON lists " + strconv.Itoa(n) + ` objects; paste the "id" of the one you mean.`)
		}
	}
	p := pickGUID(t, roleObject)
	switch {
	case p.id != "":
		if err := usableObjectID(p.id); err != nil {
			return "", "", "", err
		}
		addText(&notes, tookNote("object ID", p, src))
		return p.id, kindOfPaste(t, p.label), strings.Join(notes, " "), nil
	case p.many != nil:
		return "", "", "", errors.New("This " + src + " holds " + countIDs(len(p.many)) + ": " + describeIDs(p.many) + "; paste the object ID alone.")
	case p.only != nil && p.only.role == roleClient:
		return "", "", "", errors.New("This " + src + " holds only an appId (" + p.only.id + `), the application (client) ID; the endpoint needs the object ID, which differs: copy Object ID from the app's Overview page, or GET /servicePrincipals(appId='` + p.only.id + `') and use its "id".`)
	case p.only != nil:
		return "", "", "", errors.New("This " + src + " holds only a tenant ID (" + p.only.id + "); paste the object ID of the application or service principal.")
	case src == "URL":
		return "", "", "", errText("This URL holds no object ID (a GUID): paste the object ID of the application or service principal.")
	case src == "JSON":
		return "", "", "", errText(`This JSON holds no object ID: paste the object ID of the application or service principal, or its JSON with its "id".`)
	}
	if strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}") {
		t = t[1 : len(t)-1]
	}
	msg := "Object ID " + notGUID(t)
	if strings.Contains(t, " ") {
		msg += " " + quoteShort(t) + " looks like a display name: copy the Object ID from the app's Overview page."
	}
	return "", "", "", errors.New(msg)
}

// usableObjectID refuses the GUIDs that cannot be the object ID wanted.
func usableObjectID(id string) error {
	switch id {
	case "00000000-0000-0000-0000-000000000000":
		return errText("Object ID is all zeros, a placeholder: paste the object ID of the application or service principal.")
	case graphAppID:
		return errors.New("Object ID " + id + " is Microsoft Graph's own appId: paste the object ID of your application or service principal.")
	}
	return nil
}

// kindOfPaste says whose object ID a paste holds, when it shows it: by the
// ID's label (servicePrincipals/…), the portal blade in a URL, or the
// OData context or type of Graph's JSON. "" when it does not say.
func kindOfPaste(t, label string) Kind {
	switch strings.ToLower(label) {
	case "serviceprincipals":
		return ServicePrincipals
	case "applications":
		return Applications
	}
	switch {
	case strings.Contains(t, "ManagedAppMenuBlade"), strings.Contains(t, "#servicePrincipals"),
		strings.Contains(t, "#microsoft.graph.servicePrincipal"), strings.Contains(t, `"servicePrincipalType"`):
		return ServicePrincipals
	case strings.Contains(t, "ApplicationMenuBlade"), strings.Contains(t, "Microsoft_AAD_RegisteredApps"),
		strings.Contains(t, "#applications"), strings.Contains(t, "#microsoft.graph.application"):
		return Applications
	}
	return ""
}
