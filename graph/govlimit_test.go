package graph

import (
	"strings"
	"testing"
)

// TestUSGovCredentialsLimit: in the US Gov clouds the credentials (with
// the notification emails) are limited to 1 KB together: credentials
// over it get a warning next to them, in US Gov only, saying the size.
func TestUSGovCredentialsLimit(t *testing.T) {
	big := []Credential{{Key: "BaseAddress", Value: "https://scim.example.com/v2"}, {Key: "SecretToken", Value: strings.Repeat("t", 1000)}}
	small := []Credential{{Key: "BaseAddress", Value: "https://scim.example.com/v2"}, {Key: "SecretToken", Value: strings.Repeat("t", 900)}}
	for _, tc := range []struct {
		name  string
		cloud Cloud
		creds []Credential
		warn  bool
	}{
		{"L4 over", USGovL4, big, true},
		{"L5 over", USGovL5, big, true},
		{"L4 under", USGovL4, small, false},
		{"Global over", Global, big, false},
		{"China over", China, big, false},
	} {
		in := Input{Cloud: tc.cloud, Version: V1, Kind: ServicePrincipals, ObjectID: "5a7c0b3e-1d2f-4e6a-9b8c-7d6e5f4a3b2c", Credentials: tc.creds}
		c := in.Check()
		var got []Problem
		for _, p := range c.Form {
			if strings.Contains(p.Message, "1 KB") {
				got = append(got, p)
			}
		}
		if (len(got) > 0) != tc.warn {
			t.Errorf("%s: form problems %+v, want a 1 KB warning: %v", tc.name, c.Form, tc.warn)
			continue
		}
		if tc.warn && (got[0].Severity != Warning || !strings.Contains(got[0].Message, "1049 bytes") || !strings.Contains(got[0].Message, "notification email")) {
			t.Errorf("%s: %+v", tc.name, got[0])
		}
		if ps := usGovCredentialsProblems(tc.cloud, tc.creds); (len(ps) > 0) != tc.warn {
			t.Errorf("%s: usGovCredentialsProblems = %+v", tc.name, ps)
		}
	}
}
