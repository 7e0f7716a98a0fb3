package graph

import (
	"fmt"
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
func Versions() []Version { return []Version{V1, Beta} }

// Deprecation is a notice from Graph's metadata (Org.OData.Core.V1.Revisions).
type Deprecation struct {
	Date, RemovalDate string // YYYY-MM-DD
	Description       string
	Successors        []string // what the metadata names instead
}

// Deprecated returns the notice the beta metadata carries for
// acquireAccessToken and its secrets (version
// 2026-02/SynchronizationSecret_Deprecation); v1.0 carries none yet.
// Its text is checked against the metadata by the tests.
func (v Version) Deprecated() (Deprecation, bool) {
	if v != Beta {
		return Deprecation{}, false
	}
	return Deprecation{
		Date:        "2026-02-06",
		RemovalDate: "2027-07-06",
		Description: "This action acquires an access token via Oauth Code Grant Flow. Code Grant will be completely deprecated so this action will be obsolete.",
		Successors:  []string{"connectivityParameters", "SynchronizationJobSettings", "validateConnectivity"},
	}, true
}

// Kind is the collection the object lives in.
type Kind string

// The two collections that expose synchronization.
const (
	ServicePrincipals Kind = "servicePrincipals"
	Applications      Kind = "applications"
)

// Kinds lists the collections, the usual one first.
func Kinds() []Kind { return []Kind{ServicePrincipals, Applications} }

// Label is the name admins see for k.
func (k Kind) Label() string {
	if k == Applications {
		return "Application"
	}
	return "Service principal"
}

// ParseObjectID returns s as a canonical lowercase GUID. It trims spaces and
// accepts any case and surrounding braces; otherwise the error says exactly
// what is wrong, in words meant for the field it came from.
func ParseObjectID(s string) (string, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return "", fmt.Errorf("Object ID is required: the object ID (a GUID) of the application or service principal.")
	}
	if strings.HasPrefix(t, "{") != strings.HasSuffix(t, "}") {
		return "", fmt.Errorf("Object ID has an unmatched brace.")
	}
	t = strings.TrimSuffix(strings.TrimPrefix(t, "{"), "}")
	if err := checkGUID(t); err != nil {
		return "", fmt.Errorf("Object ID %s", err)
	}
	return strings.ToLower(t), nil
}

// checkGUID explains why t is not 8-4-4-4-12 hexadecimal digits.
func checkGUID(t string) error {
	groups := strings.Split(t, "-")
	want := []int{8, 4, 4, 4, 12}
	if len(groups) != len(want) {
		if len(t) == 32 && isHex(t) {
			return fmt.Errorf("needs hyphens: a GUID is written 8-4-4-4-12, like 00000000-0000-0000-0000-000000000000.")
		}
		return fmt.Errorf("must be a GUID (8-4-4-4-12 hexadecimal digits, like 00000000-0000-0000-0000-000000000000); got %d characters in %d groups.", len(t), len(groups))
	}
	for i, g := range groups {
		if len(g) != want[i] {
			return fmt.Errorf("must be a GUID: group %d has %d characters, not %d.", i+1, len(g), want[i])
		}
		if !isHex(g) {
			for _, r := range g {
				if !isHex(string(r)) {
					return fmt.Errorf("must be a GUID: %q is not a hexadecimal digit.", r)
				}
			}
		}
	}
	return nil
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
