package graph

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// badInputShort renders an input for a case table's log: quoted so that
// invisible characters show, and cut to fit a column.
func badInputShort(s string) string {
	if len(s) > 200 {
		q := strconv.QuoteToASCII(s[:24])
		return fmt.Sprintf("%s… (%d bytes)", q[:len(q)-1], len(s))
	}
	q := strconv.QuoteToASCII(s)
	if utf8.RuneCountInString(q) > 40 {
		q = string([]rune(q)[:39]) + "…"
	}
	return q
}

// badInputMessages joins problems the way a case table prints them.
func badInputMessages(ps []Problem) string {
	if len(ps) == 0 {
		return "ok"
	}
	var parts []string
	for _, p := range ps {
		parts = append(parts, p.Severity.String()+": "+p.Message)
	}
	return strings.Join(parts, " | ")
}

func TestBadInputLimits(t *testing.T) {
	longest := ""
	for _, k := range SecretKeys() {
		if len(k.Name) > len(longest) {
			longest = k.Name
		}
	}
	checks := []struct {
		name string
		ok   bool
	}{
		{"MaxKeyBytes holds the longest synchronizationSecret name " + longest, MaxKeyBytes >= len(longest)},
		{"MaxCredentials holds every synchronizationSecret name once", MaxCredentials >= len(SecretKeys())},
		{"MaxTokenBytes is under MaxPasteBytes, so a token can be taken from a paste", MaxTokenBytes < MaxPasteBytes},
		{"MaxValueBytes is under MaxRequestBodyBytes", MaxValueBytes < MaxRequestBodyBytes},
		{"MaxCodeBytes and MaxRedirectURIBytes are under MaxValueBytes, so Authorize's pairs are sendable", MaxCodeBytes < MaxValueBytes && MaxRedirectURIBytes < MaxValueBytes},
	}
	for _, c := range checks {
		if !c.ok {
			t.Error(c.name)
		}
	}
	for _, l := range []struct {
		name string
		n    int
	}{
		{"MaxPasteBytes", MaxPasteBytes}, {"MaxCredentials", MaxCredentials}, {"MaxKeyBytes", MaxKeyBytes},
		{"MaxValueBytes", MaxValueBytes}, {"MaxTokenBytes", MaxTokenBytes}, {"MaxRequestBodyBytes", MaxRequestBodyBytes},
		{"MaxRedirectURIBytes", MaxRedirectURIBytes}, {"MaxCodeBytes", MaxCodeBytes}, {"MaxBody (response)", MaxBody},
	} {
		t.Logf("%-40s → %d", l.name, l.n)
	}
	t.Logf("%-40s → %s", "DefaultTimeout", DefaultTimeout)
}

func TestSizeText(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{
		{0, "0 bytes"}, {1, "1 byte"}, {1023, "1023 bytes"}, {1024, "1 KiB (1024 bytes)"},
		{65536, "64 KiB (65536 bytes)"}, {70000, "68.4 KiB (70000 bytes)"}, {1 << 20, "1 MiB (1048576 bytes)"},
	} {
		if got := sizeText(tt.n); got != tt.want {
			t.Errorf("sizeText(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestBadInputForm(t *testing.T) {
	const spID = "4a3f1c2e-9b8d-4e7f-a6b5-c4d3e2f1a0b9"
	const appID = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"
	portalSP := "https://portal.azure.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Overview/objectId/" + spID + "/appId/" + appID
	many := make([]Credential, MaxCredentials+1)
	for i := range many {
		many[i] = Credential{Key: fmt.Sprintf("Custom%d", i), Value: "v"}
	}
	big := []Credential{}
	for _, k := range SecretKeys()[:MaxRequestBodyBytes/MaxValueBytes+1] {
		big = append(big, Credential{Key: k.Name, Value: strings.Repeat("x", MaxValueBytes)})
	}
	tests := []struct {
		name  string
		edit  func(*Input)
		field func(Checked) []Problem
		want  string
		sev   Severity
	}{
		{"object ID from a portal URL", func(in *Input) { in.ObjectID = portalSP },
			func(c Checked) []Problem { return c.ObjectID }, "Took the object ID " + spID, Info},
		{"a service principal's URL, endpoint applications", func(in *Input) { in.ObjectID, in.Kind = portalSP, Applications },
			func(c Checked) []Problem { return c.ObjectID[1:] }, "is a service principal's, but the endpoint is Application (/applications): switch the endpoint to Service principal, or paste the application's object ID.", Warning},
		{"a Graph applications URL, endpoint servicePrincipals", func(in *Input) {
			in.ObjectID = "https://graph.microsoft.com/v1.0/applications/" + spID + "/synchronization/secrets"
		}, func(c Checked) []Problem { return c.ObjectID[1:] }, "is an application's, but the endpoint is Service principal", Warning},
		{"too many credentials", func(in *Input) { in.Credentials = many },
			func(c Checked) []Problem { return c.Form }, fmt.Sprintf("%d credentials; at most %d", MaxCredentials+1, MaxCredentials), Error},
		{"body too large", func(in *Input) { in.Credentials = big },
			func(c Checked) []Problem { return c.Form }, "the request body would be", Error},
		{"token from az JSON", func(in *Input) { in.Token = `{"accessToken": "` + testToken + `", "tokenType": "Bearer"}` },
			func(c Checked) []Problem { return c.Token }, `Took the access token from the pasted JSON's "accessToken"`, Info},
	}
	for _, tt := range tests {
		in := validInput()
		tt.edit(&in)
		before := fmt.Sprintf("%#v", in)
		ps := tt.field(in.Check())
		if after := fmt.Sprintf("%#v", in); after != before {
			t.Errorf("%s: Check changed its input", tt.name)
		}
		if len(ps) == 0 || !strings.Contains(ps[0].Message, tt.want) || ps[0].Severity != tt.sev {
			t.Errorf("%s: problems %v, want first %v %q", tt.name, ps, tt.sev, tt.want)
		}
		t.Logf("%-40s → %s", tt.name, badInputMessages(ps))
	}

	// What Check accepted is what Build sends.
	in := validInput()
	in.ObjectID = portalSP
	in.Token = `{"accessToken": "` + testToken + `"}`
	r, err := Build(in, "id")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.URL, "/servicePrincipals/"+spID+"/synchronization/") {
		t.Errorf("URL %q lacks the extracted object ID", r.URL)
	}
	if r.Header[0].Value != "Bearer "+testToken {
		t.Errorf("Authorization %q is not the extracted token", r.Header[0].Value)
	}
}
