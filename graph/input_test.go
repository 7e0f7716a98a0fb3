package graph

import (
	"strings"
	"synctoken/graph/internal/paste"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzBadInput feeds anything to every function that reads what an admin
// typed or pasted: none may panic, change its input, or normalize to
// something it would not accept again unchanged.
func FuzzBadInput(f *testing.F) {
	for _, s := range []string{
		"", " ", "{", "}", "{}", "[]", `{"id":1}`, `{"value":[1]}`, `{"value":[{"id":"x"}]}`, "://", "https://",
		"4a3f1c2e-9b8d-4e7f-a6b5-c4d3e2f1a0b9", "{4A3F1C2E-9B8D-4E7F-A6B5-C4D3E2F1A0B9}",
		"https://portal.azure.com/#view/x/objectId/4a3f1c2e-9b8d-4e7f-a6b5-c4d3e2f1a0b9/appId/0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0",
		"https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0", "a@b", "@", "#@", "https://x/#@",
		"Bearer ", "Authorization: Bearer eyJ.a.b", "eyJ", "eyJ.", "eyJa.b.c.d.e.f", "\"\"", "\u201c\u201d",
		"-----BEGIN X-----\n-----END X-----", "\xff", "a\u200bb", "0.A", "EwB",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if id, _, _, err := extractObjectID(s); err == nil {
			if paste.CheckGUID(id) != nil || id != strings.ToLower(id) {
				t.Fatalf("extractObjectID(%q) = %q, not a lowercase GUID", s, id)
			}
			if again, _, note, err := extractObjectID(id); again != id || note != "" || err != nil {
				t.Fatalf("extractObjectID(%q) = %q, but that gives %q %q %v", s, id, again, note, err)
			}
		}
		if id, _, err := ExtractClientID(s); err == nil && paste.CheckGUID(id) != nil {
			t.Fatalf("ExtractClientID(%q) = %q", s, id)
		}
		if tenant, _, err := ExtractTenant(s); err == nil {
			if again, _, err := ExtractTenant(tenant); again != tenant || err != nil {
				t.Fatalf("ExtractTenant(%q) = %q, but that gives %q %v", s, tenant, again, err)
			}
		}
		if tok, _ := NormalizeToken(s); tok != "" {
			if again, _ := NormalizeToken(tok); again != tok {
				t.Fatalf("NormalizeToken(%q) = %q, but that gives %q", s, tok, again)
			}
		}
		creds := []Credential{{s, s}, {strings.ToLower(s), ""}}
		for i := range creds {
			for _, p := range checkCredential(creds, i) {
				if p.Message == "" || !utf8.ValidString(p.Message) && utf8.ValidString(s) {
					t.Fatalf("CheckCredential(%q) gave %+v", s, p)
				}
			}
		}
		if creds[0].Key != s || creds[0].Value != s {
			t.Fatal("CheckCredential changed its input")
		}
		if c, err := DecodeToken(s); err == nil {
			c.Check(Global, time.Unix(0, 0))
		}
		Input{ObjectID: s, Token: s, Credentials: creds}.Check()
	})
}
