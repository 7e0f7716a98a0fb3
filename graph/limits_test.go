package graph

import (
	"fmt"
	"strconv"
	"strings"
	"synctoken/graph/internal/paste"
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
		{"MaxKeyBytes holds the longest synchronizationSecret name " + longest, paste.MaxKeyBytes >= len(longest)},
		{"MaxCredentials holds every synchronizationSecret name once", paste.MaxCredentials >= len(SecretKeys())},
		{"MaxTokenBytes is under paste.MaxPasteBytes, so a token can be taken from a paste", paste.MaxTokenBytes < paste.MaxPasteBytes},
		{"MaxValueBytes is under paste.MaxRequestBodyBytes", paste.MaxValueBytes < paste.MaxRequestBodyBytes},
		{"MaxCodeBytes and paste.MaxRedirectURIBytes are under paste.MaxValueBytes, so Authorize's pairs are sendable", paste.MaxCodeBytes < paste.MaxValueBytes && paste.MaxRedirectURIBytes < paste.MaxValueBytes},
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
		{"MaxPasteBytes", paste.MaxPasteBytes}, {"MaxCredentials", paste.MaxCredentials}, {"MaxKeyBytes", paste.MaxKeyBytes},
		{"MaxValueBytes", paste.MaxValueBytes}, {"MaxTokenBytes", paste.MaxTokenBytes}, {"MaxRequestBodyBytes", paste.MaxRequestBodyBytes},
		{"MaxRedirectURIBytes", paste.MaxRedirectURIBytes}, {"MaxCodeBytes", paste.MaxCodeBytes}, {"MaxBody (response)", maxBody},
	} {
		t.Logf("%-40s → %d", l.name, l.n)
	}
	t.Logf("%-40s → %s", "DefaultTimeout", DefaultTimeout)
}

func TestBadInputForm(t *testing.T) {
	const spID = "4a3f1c2e-9b8d-4e7f-a6b5-c4d3e2f1a0b9"
	const appID = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"
	portalSP := "https://portal.azure.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Overview/objectId/" + spID + "/appId/" + appID
	many := make([]Credential, paste.MaxCredentials+1)
	for i := range many {
		many[i] = Credential{Key: fmt.Sprintf("Custom%d", i), Value: "v"}
	}
	big := []Credential{}
	for _, k := range SecretKeys()[:paste.MaxRequestBodyBytes/paste.MaxValueBytes+1] {
		big = append(big, Credential{Key: k.Name, Value: strings.Repeat("x", paste.MaxValueBytes)})
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
			func(c Checked) []Problem { return c.Form }, fmt.Sprintf("%d credentials; at most %d", paste.MaxCredentials+1, paste.MaxCredentials), Error},
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

// TestHugePasteIsRefusedBySize pastes 20 MiB into every field: each says
// the size and reads no further, and neither the form's check nor the
// preview encodes it (they run at every keystroke).
func TestHugePasteIsRefusedBySize(t *testing.T) {
	huge := strings.Repeat("4a3f1c2e-9b8d-4e7f-a6b5-c4d3e2f1a0b9.", 20<<20/37+1)[:20<<20]
	const size = "20 MiB (20971520 bytes)"
	msg := func(_ string, err error) string {
		if err == nil {
			return ""
		}
		return err.Error()
	}
	first := func(ps []Problem) string {
		if len(ps) == 0 {
			return ""
		}
		return ps[0].Message
	}
	_, tokenPs := NormalizeToken(huge)
	for _, f := range []struct{ field, got string }{
		{"object ID", msg(ParseObjectID(huge))},
		{"tenant", msg(paste.ParseTenant(huge))},
		{"client ID", msg(paste.ParseClientID(huge))},
		{"token", first(tokenPs)},
		{"credential key", first(checkCredential([]Credential{{Key: huge, Value: "v"}}, 0))},
		{"credential value", first(checkCredential([]Credential{{Key: "SecretToken", Value: huge}}, 0))},
	} {
		if !strings.Contains(f.got, size) {
			t.Errorf("%s: a 20 MiB paste gives %q, which does not say its size", f.field, f.got)
		}
		t.Logf("%-18s 20 MiB → %s", f.field, f.got)
	}
	in := validInput()
	in.Credentials = append(in.Credentials, Credential{Key: huge, Value: huge})
	c := in.Check()
	for _, p := range c.Form {
		if strings.Contains(p.Message, "request body would be") {
			t.Errorf("the check encoded the 20 MiB row into a body: %s", p.Message)
		}
	}
	if c.OK() {
		t.Error("a 20 MiB row does not block sending")
	}
	body := string(Draft(in, "id").Body)
	if len(body) > 4<<10 || !strings.Contains(body, "{value of 20 MiB, too large}") || !strings.Contains(body, "{key of 20 MiB, too long}") {
		t.Errorf("the preview of a 20 MiB row is %d bytes: %.200s", len(body), body)
	}
}

// TestGUIDChainIsReadInOnePass pastes GUIDs joined by dots, hyphens and
// underscores, up to the paste limit, into each ID field, and each field
// says what the paste holds (paste's TestGUIDChainLabelSearchIsBounded
// checks that it is read in one pass).
func TestGUIDChainIsReadInOnePass(t *testing.T) {
	for _, sep := range []string{".", "-", "_"} {
		var b strings.Builder
		for i := 0; b.Len()+37 <= paste.MaxPasteBytes; i++ {
			fmt.Fprintf(&b, "%08x-9b8d-4e7f-a6b5-c4d3e2f1a0b9%s", i, sep)
		}
		chain := b.String()
		for _, f := range []struct {
			field string
			err   error
			want  string
		}{
			{"object ID", second(ParseObjectID(chain)), "holds 1771 IDs"},
			{"tenant", second(paste.ParseTenant(chain)), "Tenant"},
			{"client ID", second(paste.ParseClientID(chain)), "holds 1771 IDs"},
		} {
			if f.err == nil || !strings.Contains(f.err.Error(), f.want) {
				t.Errorf("%q chain in %s: %v, want %q", sep, f.field, f.err, f.want)
			}
		}
		if tok, ps := NormalizeToken(chain); tok != "" || len(ps) == 0 || ps[0].Severity != Error {
			t.Errorf("%q chain as a token: %q, %v", sep, tok, ps)
		}
		for _, cred := range []Credential{{Key: chain, Value: "v"}, {Key: "SecretToken", Value: chain}} {
			if ps := checkCredential([]Credential{cred}, 0); len(ps) == 0 || ps[0].Severity != Error {
				t.Errorf("%q chain as a credential: %v", sep, ps)
			}
		}
	}
}

func second[T any](_ T, err error) error { return err }
