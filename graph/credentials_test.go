package graph

import (
	"fmt"
	"strings"
	"synctoken/graph/internal/paste"
	"testing"
)

func TestCheckCredential(t *testing.T) {
	tests := []struct {
		name  string
		creds []Credential
		i     int
		want  []string // substrings, in order
		sev   []Severity
	}{
		{"known key", []Credential{{"BaseAddress", "https://x"}}, 0, nil, nil},
		{"empty value is a warning", []Credential{{"SecretToken", ""}}, 0, []string{"Value is empty"}, []Severity{Warning}},
		{"empty key", []Credential{{"", "v"}}, 0, []string{"Key is empty"}, []Severity{Error}},
		{"blank key", []Credential{{"   ", "v"}}, 0, []string{"Key is empty"}, []Severity{Error}},
		{"duplicate", []Credential{{"SecretToken", "a"}, {"BaseAddress", "b"}, {"SecretToken", "c"}}, 2,
			[]string{`"SecretToken" appears more than once (rows 1 and 3)`}, []Severity{Error}},
		{"not a name", []Credential{{"MyKey", "v"}}, 0, []string{`"MyKey" is not a synchronizationSecret name`}, []Severity{Error}},
		{"case differs", []Credential{{"secrettoken", "v"}}, 0, []string{`write "SecretToken"`}, []Severity{Error}},
		{"spaces", []Credential{{" BaseAddress", "v"}}, 0, []string{"leading or trailing spaces"}, []Severity{Error}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := checkCredential(tt.creds, tt.i)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d problems %v, want %d", len(got), got, len(tt.want))
			}
			for i, p := range got {
				if !strings.Contains(p.Message, tt.want[i]) || p.Severity != tt.sev[i] {
					t.Errorf("problem %d = %+v, want %q severity %v", i, p, tt.want[i], tt.sev[i])
				}
			}
		})
	}
}

func TestBadInputCredentialKey(t *testing.T) {
	one := func(key string) []Credential { return []Credential{{key, "https://example.com/v"}} }
	tests := []struct {
		name  string
		creds []Credential
		i     int
		want  []string // substrings of each problem, in order
		sev   []Severity
	}{
		{"known", one("BaseAddress"), 0, nil, nil},
		{"empty", one(""), 0, []string{"Key is empty: choose one of Graph's synchronizationSecret names."}, []Severity{Error}},
		{"blank", one("  \t"), 0, []string{"Key is empty"}, []Severity{Error}},
		{"spaces around", one("BaseAddress "), 0, []string{"Key has leading or trailing spaces; Graph matches names exactly."}, []Severity{Error}},
		{"duplicate", []Credential{{"SecretToken", "a"}, {"BaseAddress", "b"}, {"SecretToken", "c"}}, 0,
			[]string{`Key "SecretToken" appears more than once (rows 1 and 3).`}, []Severity{Error}},
		{"three times", []Credential{{"Url", "https://a"}, {"Url", "https://b"}, {"Url", "https://c"}}, 1,
			[]string{`Key "Url" appears more than once (rows 1, 2 and 3).`}, []Severity{Error}},
		{"duplicate but for case, the right one", []Credential{{"SecretToken", "a"}, {"secretToken", "b"}}, 0,
			[]string{`Key "SecretToken" and row 2's "secretToken" differ only in case: they name the same secret; keep one.`}, []Severity{Error}},
		{"duplicate but for case, the wrong one", []Credential{{"SecretToken", "a"}, {"secretToken", "b"}}, 1,
			[]string{`Key "secretToken" and row 1's "SecretToken" differ only in case`, `write "SecretToken"`}, []Severity{Error, Error}},
		{"case", one("baseaddress"), 0,
			[]string{`Key "baseaddress" differs from "BaseAddress" only in case, and Graph's synchronizationSecret names are case-sensitive (it answers 400 "Requested value 'baseaddress' was not found."): write "BaseAddress".`}, []Severity{Error}},
		{"case, short name", one("URL"), 0, []string{`write "Url"`}, []Severity{Error}},
		{"number", one("5"), 0, []string{`Key "5" is the number of "BaseAddress" in Graph's enum: write the name, "BaseAddress".`}, []Severity{Error}},
		{"typo", one("BaseAdress"), 0,
			[]string{`Key "BaseAdress" is not a synchronizationSecret name: did you mean "BaseAddress"? Graph answers 400 "Requested value 'BaseAdress' was not found." to any other name.`}, []Severity{Error}},
		{"typo, case too", one("pasword"), 0, []string{`did you mean "Password"?`}, []Severity{Error}},
		{"transposition", one("Oauth2ClientSecert"), 0, []string{`did you mean "Oauth2ClientSecret"?`}, []Severity{Error}},
		{"plural", one("ClientSecrets"), 0, []string{`did you mean "ClientSecret"?`}, []Severity{Error}},
		{"not a name", one("MyKey"), 0,
			[]string{`Key "MyKey" is not a synchronizationSecret name: choose one of the names offered, a closed list (beta deprecates it). Graph answers 400 "Requested value 'MyKey' was not found." to any other name.`}, []Severity{Error}},
		{"workload identity's guess", one("WorkloadIdentityFederationEnabled"), 0, []string{`Key "WorkloadIdentityFederationEnabled" is not a synchronizationSecret name`}, []Severity{Error}},
		{"camelCase", one("baseAddress"), 0, []string{`write "BaseAddress"`}, []Severity{Error}},
		{"number outside the enum", one("999"), 0,
			[]string{`Key "999" is a number, and no synchronizationSecret has that number: write one of the names. Graph answers 400 "Requested value '999' was not found." to any other name.`}, []Severity{Error}},
		{"no-break space inside", one("Secret Token"), 0, []string{`U+00A0 (no-break space), at character 7; Graph matches names exactly: write "SecretToken"`}, []Severity{Error}},
		{"invisible", one("Base\u200bAddress"), 0,
			[]string{`Key "Base\u200bAddress" contains an invisible character, U+200B (zero width space), at character 5; Graph matches names exactly: write "BaseAddress".`}, []Severity{Error}},
		{"too long", one(strings.Repeat("A", paste.MaxKeyBytes+1)), 0,
			[]string{fmt.Sprintf("Key is %d bytes; Graph's synchronizationSecret names are at most %d characters (%s): paste the key alone.", paste.MaxKeyBytes+1, len("PerformInboundEntitlementGrants"), "PerformInboundEntitlementGrants")}, []Severity{Error}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := fmt.Sprintf("%#v", tt.creds)
			got := checkCredential(tt.creds, tt.i)
			if fmt.Sprintf("%#v", tt.creds) != before {
				t.Error("CheckCredential changed its input")
			}
			t.Logf("%-40s → %s", badInputShort(tt.creds[tt.i].Key), badInputMessages(got))
			if len(got) != len(tt.want) {
				t.Fatalf("got %d problems %v, want %d", len(got), got, len(tt.want))
			}
			for i, p := range got {
				if !strings.Contains(p.Message, tt.want[i]) || p.Severity != tt.sev[i] {
					t.Errorf("problem %d = %v %q, want %v %q", i, p.Severity, p.Message, tt.sev[i], tt.want[i])
				}
			}
		})
	}
	if k, ok := SuggestKey("baseAdress"); !ok || k != "BaseAddress" {
		t.Errorf("SuggestKey(baseAdress) = %q, %v", k, ok)
	}
	if k, ok := SuggestKey("BaseAddress"); ok {
		t.Errorf("SuggestKey of a known name suggested %q", k)
	}
	if k, ok := SuggestKey("Zebra"); ok {
		t.Errorf("SuggestKey(Zebra) = %q; nothing is close", k)
	}
}

func TestBadInputCredentialValue(t *testing.T) {
	pem := "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUe\n-----END CERTIFICATE-----"
	tests := []struct {
		key, value string
		want       string // substring; "" for no problem
		sev        Severity
	}{
		{"SecretToken", "s3cr3t", "", 0},
		{"SecretToken", "s3cr3t-välue", "", 0},
		{"Password", "密码Пароль", "", 0},
		{"SecretToken", "", "Value is empty: Graph accepts an empty value, but an empty SecretToken is nearly always a mistake.", Warning},
		{"SecretToken", "   ", "Value is only spaces or line breaks.", Warning},
		{"SecretToken", "s3cr3t\n", "Value ends with a line break: it is sent too, as part of the value. Remove it unless the value really ends with one.", Warning},
		{"SecretToken", "s3cr3t\r\n", "Value ends with a line break", Warning},
		{"SecretToken", " s3cr3t", "Value starts with a space: it is sent too", Warning},
		{"SecretToken", "s3cr3t\t", "Value ends with a tab", Warning},
		{"SecretToken", "line one\nline two", "Value has 2 lines; only a few values (a PEM certificate or key) span lines: check that you pasted the value alone.", Warning},
		{"Password", pem, "", 0},
		{"Password", pem + "\n", "Value ends with a line break", Warning},
		{"SecretToken", "s3cr\u200b3t", "Value contains an invisible character, U+200B (zero width space), at character 5: it is sent too, and rarely belongs in a value. Paste the value from its source again, or type it.", Warning},
		{"SecretToken", "a\u200bb\u200dc", "Value contains 2 invisible characters, the first U+200B (zero width space) at character 2", Warning},
		{"Password", "pass\u00a0word", "U+00A0 (no-break space), at character 5", Warning},
		{"Password", "pass\x07word", "U+0007 (control character)", Warning},
		{"Password", "\u202eword", "U+202E (right-to-left override)", Warning},
		{"Password", "\u201cs3cr3t\u201d", "Value contains a typographic quote or dash (\u201c at character 1): word processors and chat apps put these in place of \" ' and -. If it is a secret, paste it from its source again.", Warning},
		{"Password", "a\u2013b", "typographic quote or dash (\u2013 at character 2)", Warning},
		{"SecretToken", `"s3cr3t"`, "Value is wrapped in quotes: they are sent as part of the value.", Warning},
		{"SecretToken", "'s3cr3t'", "Value is wrapped in quotes", Warning},
		{"SecretToken", "caf\ufffd", "Value contains U+FFFD (replacement character)", Warning},
		{"SyncNotificationSettings", `{"Enabled":true,"Recipients":"admin@contoso.com"}`, "Value is JSON text: it is sent as one string, escaped inside the body, which is right when the target reads JSON from it.", Info},
		{"SecretToken", "<!DOCTYPE html><html><body>Sign in</body></html>", "Value looks like HTML (an error or sign-in page copied instead of the value?); it is sent as text.", Warning},
		{"BaseAddress", "https://scim.example.com/scim/v2", "", 0},
		{"BaseAddress", "scim.example.com/scim", "BaseAddress is usually an absolute URL such as https://example.com/scim; this value is not one.", Warning},
		{"SecretToken", strings.Repeat("x", paste.MaxValueBytes), "", 0},
		{"SecretToken", strings.Repeat("x", 64<<10), "Value is 64 KiB (65536 bytes), over the 32 KiB limit for one value: paste the value alone.", Error},
		{"SecretToken", "\xff\xfe", "Value is not valid UTF-8 text: it cannot be sent as typed.", Error},
	}
	for _, tt := range tests {
		creds := []Credential{{tt.key, tt.value}}
		got := checkCredential(creds, 0)
		t.Logf("%-40s → %s", badInputShort(tt.value), badInputMessages(got))
		if tt.want == "" {
			if len(got) != 0 {
				t.Errorf("%s=%q: problems %v, want none", tt.key, tt.value, got)
			}
			continue
		}
		if len(got) != 1 || !strings.Contains(got[0].Message, tt.want) || got[0].Severity != tt.sev {
			t.Errorf("%s=%q: problems %v, want one %v %q", tt.key, tt.value, got, tt.sev, tt.want)
		}
		if tt.value != "" && len(tt.value) > 3 && strings.Contains(got[0].Message, tt.value) {
			t.Errorf("%s=%q: the message repeats the value, which may be a secret", tt.key, tt.value)
		}
	}
}
