package graph_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"synctoken/graph"
	"synctoken/graph/graphtest"
)

// TestSaveAgainstSandbox saves through the sandbox as the page does: an
// empty row left out keeps its saved key; a PUT answered 200 with a body
// is success and is read back; and a Graph that replaced rather than
// merged is caught by Vanished, naming what to enter again.
func TestSaveAgainstSandbox(t *testing.T) {
	sb := graphtest.NewServer()
	t.Cleanup(sb.Close)
	sb.SetSecretsDelay(0)
	cloud, _ := graph.Sandbox(sb.URL)
	sp := graphtest.ServicePrincipals[1].ObjectID
	target := graph.SyncTarget{Cloud: cloud, ServicePrincipalID: sp, Token: sb.Token()}
	ctx := context.Background()
	c := &graph.Client{}
	save := func(rows []graph.Credential, deletes []string) (graph.SaveDiff, graph.Response, []graph.Credential) {
		t.Helper()
		saved, err := graph.ReadSecrets(ctx, c, target)
		if err != nil {
			t.Fatal(err)
		}
		d := graph.PlanSave(saved, rows, deletes)
		put, err := graph.SaveSecretsRequest(target, d, graph.NewRequestID())
		if err != nil {
			t.Fatalf("plan %+v: %v", d, err)
		}
		resp, err := graph.Send(ctx, c, put)
		if err != nil || !graph.SaveSucceeded(&resp) {
			t.Fatalf("Save: %d %s %v", resp.Status, resp.Body, err)
		}
		got, err := graph.ReadSecrets(ctx, c, target)
		if err != nil || !d.ReflectedIn(got) {
			t.Fatalf("read back %+v %v", got, err)
		}
		return d, resp, got
	}

	// Client credentials, as the preset has them.
	cc, _ := graph.PresetByID("oauth-client-credentials")
	rows := cc.Apply(nil, nil)
	typed := map[string]string{"BaseAddress": "https://scim.example.com/v2", "Oauth2TokenExchangeUri": "https://vendor.example/oauth/token",
		"Oauth2ClientId": graphtest.VendorClientID, "Oauth2ClientSecret": graphtest.VendorClientSecret}
	for i := range rows {
		if rows[i].Value == "" {
			rows[i].Value = typed[rows[i].Key]
		}
	}
	test := func(v graph.Validation) int {
		t.Helper()
		v.JobID = graphtest.Jobs(sp)[0].ID
		r, err := graph.TestConnectionRequest(target, v, graph.NewRequestID())
		if err != nil {
			t.Fatal(err)
		}
		resp, err := graph.Send(ctx, c, r)
		if err != nil {
			t.Fatal(err)
		}
		return resp.Status
	}
	if status := test(graph.Validation{Credentials: rows}); status != 204 {
		t.Errorf("Test connection with the typed client credentials: %d", status)
	}
	_, resp, got := save(rows, nil)
	if resp.Status != 204 || len(got) != 5 {
		t.Errorf("client credentials saved: %d, %+v", resp.Status, got)
	}
	if status := test(graph.Validation{UseSavedCredentials: true}); status != 204 {
		t.Errorf("Test connection with the saved client credentials: %d", status)
	}

	// An empty row is left out: the saved secret stays.
	sb.SetSecretsAnswerBody(true)
	d, resp, got := save([]graph.Credential{{Key: "Oauth2ClientSecret", Value: ""}, {Key: "SyncAll", Value: "false"}}, nil)
	var body struct{ Value []graph.Credential }
	if resp.Status != 200 || json.Unmarshal(resp.Body, &body) != nil || len(body.Value) != 1 {
		t.Errorf("Save answered %d %s, want 200 with the pair", resp.Status, resp.Body)
	}
	if x := graph.ExplainSave(&resp, nil, nil, cloud); x.Title != "Saved (200 OK)" {
		t.Errorf("200 with a body explained as %q", x.Title)
	}
	if !slices.ContainsFunc(got, func(c graph.Credential) bool { return c.Key == "Oauth2ClientSecret" && c.Value == graph.SavedMask }) || len(d.Vanished(got)) != 0 {
		t.Errorf("the empty row deleted the saved secret: %+v", got)
	}

	// Deleting is its own choice.
	_, _, got = save(nil, []string{"SyncAll"})
	if slices.ContainsFunc(got, func(c graph.Credential) bool { return c.Key == "SyncAll" }) {
		t.Errorf("SyncAll chosen for deletion is still saved: %+v", got)
	}

	// A Graph that replaces: the keys the Save did not name are gone, said.
	sb.SetSecretsReplace(true)
	d, _, got = save([]graph.Credential{{Key: "BaseAddress", Value: "https://new.example.com"}}, nil)
	lost := d.Vanished(got)
	if want := []string{"AuthenticationType", "Oauth2TokenExchangeUri", "Oauth2ClientId", "Oauth2ClientSecret"}; !slices.Equal(lost, want) {
		t.Errorf("Vanished = %q, want %q", lost, want)
	}
	if text := graph.VanishedText(lost); !strings.Contains(text, "Enter AuthenticationType, Oauth2TokenExchangeUri, Oauth2ClientId, Oauth2ClientSecret again") {
		t.Errorf("VanishedText = %q", text)
	}
}
