package graph

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"basead", "baseadd", 1}, {"secert", "secret", 1},
		{"kitten", "sitting", 3}, {"ab", "ba", 1}, {"ca", "abc", 3},
	} {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

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
