package graph

import (
	"slices"
	"strings"
	"testing"
)

func TestPlanSave(t *testing.T) {
	saved := []Credential{{"BaseAddress", "https://old.example"}, {"SecretToken", "*"}, {"Oauth2AccessToken", "*"}, {"SyncAll", "false"}}
	for _, tc := range []struct {
		name     string
		rows     []Credential
		changes  []Change
		body     []string // keys sent
		problems []string // each in a problem, in order
		errors   int
	}{
		{"set and replace", []Credential{{"BaseAddress", "https://new.example"}, {"UserName", "ann"}},
			[]Change{{"BaseAddress", ChangeReplace}, {"UserName", ChangeSet}}, []string{"BaseAddress", "UserName"}, nil, 0},
		{"delete a saved key", []Credential{{"SecretToken", ""}},
			[]Change{{"SecretToken", ChangeDelete}}, []string{"SecretToken"}, []string{"deletes the saved SecretToken"}, 0},
		{"delete an unsaved key", []Credential{{"Password", ""}},
			[]Change{{"Password", ChangeDelete}}, []string{"Password"}, []string{"changes nothing"}, 0},
		{"code row dropped", []Credential{{"Oauth2AuthorizationCode", "abc"}, {"Oauth2RedirectUri", "https://portal.azure.com/TokenAuthorize"}},
			[]Change{{"Oauth2RedirectUri", ChangeSet}}, []string{"Oauth2RedirectUri"}, []string{"Row 1, Oauth2AuthorizationCode, is not saved"}, 0},
		{"empty code row dropped too", []Credential{{"Oauth2AuthorizationCode", ""}}, nil, nil, []string{"not saved"}, 0},
		{"empty Oauth2 refused", []Credential{{"Oauth2AccessToken", ""}, {"Oauth2ClientId", ""}, {"SyncAll", "true"}},
			[]Change{{"SyncAll", ChangeReplace}}, []string{"SyncAll"}, []string{"delete the saved Oauth2AccessToken", "delete the saved Oauth2ClientId"}, 2},
		{"mask refused", []Credential{{"SecretToken", "*"}}, nil, nil, []string{`replace the secret with "*"`}, 1},
		{"no key", []Credential{{" ", "x"}}, nil, nil, []string{"Row 1 has no key"}, 1},
		{"duplicate", []Credential{{"UserName", "a"}, {"UserName", "b"}}, []Change{{"UserName", ChangeSet}}, []string{"UserName"}, []string{"rows 1 and 2"}, 1},
		{"nothing", nil, nil, nil, nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := PlanSave(saved, tc.rows)
			if !slices.Equal(d.Changes, tc.changes) {
				t.Errorf("Changes = %+v, want %+v", d.Changes, tc.changes)
			}
			var keys []string
			for _, c := range d.Body {
				keys = append(keys, c.Key)
				if c.Key == "Oauth2AuthorizationCode" {
					t.Error("the code row is in the Save body")
				}
			}
			if !slices.Equal(keys, tc.body) {
				t.Errorf("Body keys = %q, want %q", keys, tc.body)
			}
			if len(d.Problems) != len(tc.problems) {
				t.Fatalf("Problems = %+v, want %d", d.Problems, len(tc.problems))
			}
			errors := 0
			for i, p := range d.Problems {
				if !strings.Contains(p.Message, tc.problems[i]) {
					t.Errorf("problem %d = %q, want %q", i, p.Message, tc.problems[i])
				}
				if p.Severity == Error {
					errors++
				}
			}
			if errors != tc.errors {
				t.Errorf("%d errors, want %d", errors, tc.errors)
			}
			if _, err := SaveSecretsRequest(adminTarget(V1), d, snippetRequestID); (err == nil) != (tc.errors == 0 && len(tc.changes) > 0) {
				t.Errorf("SaveSecretsRequest error %v, with %d errors and %d changes", err, tc.errors, len(tc.changes))
			}
		})
	}
}

func TestSaveReflectedIn(t *testing.T) {
	d := PlanSave([]Credential{{"SecretToken", "*"}, {"Password", "*"}},
		[]Credential{{"BaseAddress", "https://new.example"}, {"SecretToken", "new"}, {"Password", ""}})
	for _, tc := range []struct {
		name string
		got  []Credential
		want bool
	}{
		{"applied", []Credential{{"BaseAddress", "https://new.example"}, {"SecretToken", "*"}}, true},
		{"applied, other keys too", []Credential{{"SyncAll", "false"}, {"SecretToken", "*"}, {"BaseAddress", "https://new.example"}}, true},
		{"old read", []Credential{{"SecretToken", "*"}, {"Password", "*"}}, false},
		{"deleted key still there", []Credential{{"BaseAddress", "https://new.example"}, {"SecretToken", "*"}, {"Password", "*"}}, false},
		{"old visible value", []Credential{{"BaseAddress", "https://old.example"}, {"SecretToken", "*"}}, false},
		{"set key missing", []Credential{{"BaseAddress", "https://new.example"}}, false},
		{"nothing saved", nil, false},
	} {
		if got := d.ReflectedIn(tc.got); got != tc.want {
			t.Errorf("%s: ReflectedIn = %v, want %v", tc.name, got, tc.want)
		}
	}
	if SaveSettle != 30*1e9 || SaveRecheck <= 0 || SaveRecheck >= SaveSettle {
		t.Errorf("SaveRecheck %s, SaveSettle %s", SaveRecheck, SaveSettle)
	}
}
