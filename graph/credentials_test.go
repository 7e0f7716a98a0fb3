package graph

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestSecretKeysMatchMetadata(t *testing.T) {
	keys := SecretKeys()
	if len(keys) != 45 {
		t.Fatalf("got %d keys, want the 45 of the synchronizationSecret enum", len(keys))
	}
	for _, file := range []string{"testdata/metadata-v1.0-excerpt.xml", "testdata/metadata-beta-excerpt.xml"} {
		xml, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range keys {
			member := `<Member Name="` + k.Name + `" Value="` + strconv.Itoa(k.Value) + `" />`
			if !strings.Contains(string(xml), member) {
				t.Errorf("%s lacks %s", file, member)
			}
		}
		if n := strings.Count(string(xml), "<Member Name="); n != len(keys) {
			t.Errorf("%s has %d enum members, the embedded list %d", file, n, len(keys))
		}
	}
	if keys[0].Name != "None" || keys[len(keys)-1].Name != "ConnectionString" {
		t.Errorf("order changed: first %q, last %q", keys[0].Name, keys[len(keys)-1].Name)
	}
}

func TestCheckCredential(t *testing.T) {
	tests := []struct {
		name  string
		creds []Credential
		i     int
		want  []string // substrings, in order
		sev   []Severity
	}{
		{"known key", []Credential{{"BaseAddress", "https://x"}}, 0, nil, nil},
		{"empty value is fine", []Credential{{"SecretToken", ""}}, 0, nil, nil},
		{"empty key", []Credential{{"", "v"}}, 0, []string{"Key is empty"}, []Severity{Error}},
		{"blank key", []Credential{{"   ", "v"}}, 0, []string{"Key is empty"}, []Severity{Error}},
		{"duplicate", []Credential{{"SecretToken", "a"}, {"BaseAddress", "b"}, {"SecretToken", "c"}}, 2,
			[]string{`"SecretToken" appears more than once (rows 1 and 3)`}, []Severity{Error}},
		{"custom", []Credential{{"MyKey", "v"}}, 0, []string{`"MyKey" is a custom key`}, []Severity{Warning}},
		{"case differs", []Credential{{"secrettoken", "v"}}, 0, []string{`did you mean "SecretToken"`}, []Severity{Warning}},
		{"spaces", []Credential{{" BaseAddress", "v"}}, 0, []string{"leading or trailing spaces"}, []Severity{Error}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CheckCredential(tt.creds, tt.i)
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
