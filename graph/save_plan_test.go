package graph

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// TestPlanSave goes through every branch of the plan: set, replace, a row
// refused by the key or value checks (the same as Send's), the code under
// any spelling, an empty row left out (saved or not), the mask, a
// deletion chosen on the plan (saved, not saved, Oauth2*, with a value on
// a row too), and nothing at all.
func TestPlanSave(t *testing.T) {
	saved := []Credential{{"BaseAddress", "https://old.example"}, {"SecretToken", "*"}, {"Oauth2AccessToken", "*"}, {"SyncAll", "false"}}
	for _, tc := range []struct {
		name     string
		rows     []Credential
		deletes  []string
		changes  []Change
		body     []Credential // what is sent
		problems []string     // each in a problem, in order
		errors   int
	}{
		{"set and replace", []Credential{{"BaseAddress", "https://new.example"}, {"UserName", "ann"}}, nil,
			[]Change{{"BaseAddress", ChangeReplace}, {"UserName", ChangeSet}}, []Credential{{"BaseAddress", "https://new.example"}, {"UserName", "ann"}}, nil, 0},
		{"empty saved row left out", []Credential{{"SecretToken", ""}, {"SyncAll", "true"}}, nil,
			[]Change{{"SyncAll", ChangeReplace}}, []Credential{{"SyncAll", "true"}}, []string{"Row 1, SecretToken, is empty: left out of the Save, and the saved SecretToken is kept"}, 0},
		{"empty unsaved row left out", []Credential{{"Password", ""}}, nil, nil, nil, []string{"Password is not saved, so nothing changes"}, 0},
		{"empty Oauth2 row left out", []Credential{{"Oauth2AccessToken", ""}, {"Oauth2ClientId", ""}, {"SyncAll", "true"}}, nil,
			[]Change{{"SyncAll", ChangeReplace}}, []Credential{{"SyncAll", "true"}}, []string{"saved Oauth2AccessToken is kept", "Oauth2ClientId is not saved"}, 0},
		{"delete chosen", nil, []string{"SecretToken"},
			[]Change{{"SecretToken", ChangeDelete}}, []Credential{{"SecretToken", ""}}, nil, 0},
		{"delete chosen, its row empty", []Credential{{"SecretToken", ""}}, []string{"SecretToken"},
			[]Change{{"SecretToken", ChangeDelete}}, []Credential{{"SecretToken", ""}}, nil, 0},
		{"delete chosen, its row has a value", []Credential{{"SecretToken", "new"}}, []string{"SecretToken"},
			nil, nil, []string{"Row 1: SecretToken has a value and is chosen for deletion too"}, 1},
		{"delete an Oauth2 key warns", nil, []string{"Oauth2AccessToken"},
			[]Change{{"Oauth2AccessToken", ChangeDelete}}, []Credential{{"Oauth2AccessToken", ""}}, []string{"Deleting Oauth2AccessToken removes what Authorize obtained"}, 0},
		{"delete a key not saved", nil, []string{"Password"}, nil, nil, []string{"Password is not saved (any more)"}, 0},
		{"code row dropped", []Credential{{"Oauth2AuthorizationCode", "abc"}, {"Oauth2RedirectUri", "https://portal.azure.com/TokenAuthorize"}}, nil,
			[]Change{{"Oauth2RedirectUri", ChangeSet}}, []Credential{{"Oauth2RedirectUri", "https://portal.azure.com/TokenAuthorize"}}, []string{"Row 1, Oauth2AuthorizationCode, is not saved"}, 0},
		{"code row dropped under any spelling", []Credential{{" oauth2authorizationcode", "abc"}, {"OAUTH2AUTHORIZATION\u200bCODE", "def"}}, nil,
			nil, nil, []string{"Row 1, oauth2authorizationcode, is not saved", "Row 2, OAUTH2AUTHORIZATION\u200bCODE, is not saved"}, 0},
		{"empty code row dropped too", []Credential{{"Oauth2AuthorizationCode", ""}}, nil, nil, nil, []string{"not saved"}, 0},
		{"mask refused", []Credential{{"SecretToken", "*"}}, nil, nil, nil, []string{`replace the secret with "*"`}, 1},
		{"no key", []Credential{{" ", "x"}}, nil, nil, nil, []string{"Row 1: Key is empty"}, 1},
		{"duplicate", []Credential{{"UserName", "a"}, {"UserName", "b"}}, nil, nil, nil, []string{"Row 1: Key \"UserName\" appears more than once", "Row 2: Key \"UserName\" appears more than once"}, 2},
		{"wrong case", []Credential{{"baseaddress", "https://x.example"}}, nil, nil, nil, []string{`Row 1: Key "baseaddress" differs from "BaseAddress" only in case`}, 1},
		{"spaces", []Credential{{" BaseAddress", "https://x.example"}}, nil, nil, nil, []string{"Row 1: Key has leading or trailing spaces"}, 1},
		{"number", []Credential{{"5", "x"}}, nil, nil, nil, []string{`Row 1: Key "5" is the number of`}, 1},
		{"unknown", []Credential{{"TenantId", "x"}}, nil, nil, nil, []string{`Row 1: Key "TenantId" is not a synchronizationSecret name`}, 1},
		{"not UTF-8", []Credential{{"SecretToken", "ab\xffc"}}, nil, nil, nil, []string{"Row 1: Value is not valid UTF-8"}, 1},
		{"nothing", nil, nil, nil, nil, nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows := slices.Clone(tc.rows)
			d := PlanSave(saved, rows, tc.deletes)
			if !slices.Equal(rows, tc.rows) {
				t.Errorf("PlanSave changed the rows: %q", rows)
			}
			if !slices.Equal(d.Changes, tc.changes) {
				t.Errorf("Changes = %+v, want %+v", d.Changes, tc.changes)
			}
			if !slices.Equal(d.Body, tc.body) {
				t.Errorf("Body = %q, want %q", d.Body, tc.body)
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
			r, err := SaveSecretsRequest(adminTarget(V1), d, snippetRequestID)
			if (err == nil) != (tc.errors == 0 && len(tc.changes) > 0) {
				t.Errorf("SaveSecretsRequest error %v, with %d errors and %d changes", err, tc.errors, len(tc.changes))
			}
			var sent struct{ Value []Credential }
			if json.Unmarshal(r.Body, &sent) != nil || !slices.Equal(sent.Value, tc.body) && len(tc.body)+len(sent.Value) > 0 {
				t.Errorf("PUT body %s, want the pairs %q", r.Body, tc.body)
			}
			if err == nil && strings.Contains(string(r.Redacted(false).Body), `"value": "`+Mask+`"`) != slices.ContainsFunc(tc.body, func(c Credential) bool { return c.Value != "" }) {
				t.Errorf("the preview masks wrongly:\n%s", r.Redacted(false).Body)
			}
			for _, c := range tc.body {
				if c.Value == "" && err == nil && !strings.Contains(string(r.Redacted(false).Body), `"key": "`+c.Key+`",`+"\n"+`      "value": ""`) {
					t.Errorf("the preview does not show %s's deletion empty:\n%s", c.Key, r.Redacted(false).Body)
				}
			}
		})
	}
}

func TestSaveReflectedIn(t *testing.T) {
	d := PlanSave([]Credential{{"SecretToken", "*"}, {"Password", "*"}},
		[]Credential{{"BaseAddress", "https://new.example"}, {"SecretToken", "new"}}, []string{"Password"})
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

// TestSaveVanished: a saved key the plan did not touch and a read after
// Save lacks is reported, with what to enter again; keys the plan set,
// replaced or deleted are not.
func TestSaveVanished(t *testing.T) {
	saved := []Credential{{"BaseAddress", "https://old.example"}, {"SecretToken", "*"}, {"Password", "*"}, {"SyncAll", "false"}}
	d := PlanSave(saved, []Credential{{"BaseAddress", "https://new.example"}}, []string{"Password"})
	for _, tc := range []struct {
		name string
		got  []Credential
		want []string
	}{
		{"merged", []Credential{{"BaseAddress", "https://new.example"}, {"SecretToken", "*"}, {"SyncAll", "false"}}, nil},
		{"replaced", []Credential{{"BaseAddress", "https://new.example"}}, []string{"SecretToken", "SyncAll"}},
		{"one lost", []Credential{{"BaseAddress", "https://new.example"}, {"SyncAll", "false"}}, []string{"SecretToken"}},
	} {
		got := d.Vanished(tc.got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: Vanished = %q, want %q", tc.name, got, tc.want)
		}
		text := VanishedText(got)
		if (text == "") != (len(tc.want) == 0) || len(tc.want) > 0 && (!strings.Contains(text, "replaced the saved credentials") || !strings.Contains(text, "Enter "+strings.Join(tc.want, ", ")+" again")) {
			t.Errorf("%s: VanishedText = %q", tc.name, text)
		}
	}
}
