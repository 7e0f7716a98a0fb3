package graph

import "synctoken/graph/internal/paste"

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

// graphAppID is Microsoft Graph's appId (paste.GraphAppID).
const graphAppID = paste.GraphAppID

// ParseObjectID returns the object ID in s as a canonical lowercase GUID:
// extractObjectID without its note. It trims spaces and accepts any case
// and surrounding braces, and takes the ID out of a pasted URL or JSON when
// that is unambiguous; otherwise the error says exactly what is wrong, in
// words meant for the field it came from.
func ParseObjectID(s string) (string, error) {
	id, _, _, err := extractObjectID(s)
	return id, err
}

// extractObjectID returns the object ID in s, a canonical lowercase GUID,
// whose it is when the paste shows it (a servicePrincipals URL, a service
// principal's JSON), and a note for the field saying what was done to get
// it (paste.ObjectID).
func extractObjectID(s string) (string, Kind, string, error) {
	id, owner, note, err := paste.ObjectID(s)
	return id, Kind(owner), note, err
}
