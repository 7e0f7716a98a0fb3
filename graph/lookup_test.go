package graph_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"synctoken/graph"
	"synctoken/graph/graphtest"
)

func lookupSandbox(t *testing.T) (*graphtest.Server, graph.Cloud, string) {
	t.Helper()
	sb := graphtest.NewServer()
	t.Cleanup(sb.Close)
	cloud, ok := graph.Sandbox(sb.URL)
	if !ok {
		t.Fatalf("Sandbox(%q) refused", sb.URL)
	}
	return sb, cloud, sb.Token(graphtest.WithScope(graphtest.Scope + " " + graphtest.ReadScope))
}

func TestLookupEachKindOfID(t *testing.T) {
	sb, cloud, token := lookupSandbox(t)
	app, sp := graphtest.Applications[0], graphtest.ServicePrincipals[0]
	for _, tc := range []struct {
		query string
		typed graph.Typed
	}{
		{sp.ObjectID, graph.TypedServicePrincipalID},
		{strings.ToUpper(app.ObjectID), graph.TypedApplicationID},
		{sp.AppID, graph.TypedAppID},
		{"{" + sp.AppID + "}", graph.TypedAppID},
		{"Contoso", graph.TypedName},
		{"contoso sales", graph.TypedName},
	} {
		ms, more, err := graph.Lookup(context.Background(), &graph.Client{}, cloud, token, tc.query)
		if err != nil {
			t.Fatalf("Lookup(%q): %v", tc.query, err)
		}
		if more {
			t.Errorf("Lookup(%q) says there are more than its one match", tc.query)
		}
		if len(ms) != 1 {
			t.Fatalf("Lookup(%q) = %+v, want one match", tc.query, ms)
		}
		m := ms[0]
		if m.DisplayName != sp.DisplayName || m.AppID != sp.AppID || m.ApplicationID != app.ObjectID || m.ServicePrincipalID != sp.ObjectID || m.Typed != tc.typed {
			t.Errorf("Lookup(%q) = %+v, want %s / app %s / sp %s typed as %q", tc.query, m, sp.AppID, app.ObjectID, sp.ObjectID, tc.typed)
		}
		if m.IDFor(graph.ServicePrincipals) != sp.ObjectID || m.IDFor(graph.Applications) != app.ObjectID {
			t.Errorf("IDFor: %q / %q", m.IDFor(graph.ServicePrincipals), m.IDFor(graph.Applications))
		}
		t.Logf("%-40s → %s: sp %s, app %s", tc.query, tc.typed, m.ServicePrincipalID, m.ApplicationID)
	}
	for _, r := range sb.Requests() {
		if r.Method == "GET" && !strings.HasPrefix(r.Path, "/v1.0/") {
			t.Errorf("Look up read %s: always v1.0", r.Path)
		}
	}
}

// TestLookupSaysWhenANameMatchesMore: a name that more apps than
// MaxMatches start with returns the first MaxMatches, each complete, and
// says there are more; the full name finds its one app.
func TestLookupSaysWhenANameMatchesMore(t *testing.T) {
	_, cloud, token := lookupSandbox(t)
	ms, more, err := graph.Lookup(context.Background(), &graph.Client{}, cloud, token, graphtest.NamesakeName)
	if err != nil {
		t.Fatal(err)
	}
	if len(graphtest.NamesakeApplications) <= graph.MaxMatches {
		t.Fatalf("the sandbox has %d namesakes: too few to pass MaxMatches", len(graphtest.NamesakeApplications))
	}
	if len(ms) != graph.MaxMatches || !more {
		t.Fatalf("%d namesakes found %d matches, more = %v; want %d and more", len(graphtest.NamesakeApplications), len(ms), more, graph.MaxMatches)
	}
	// The sandbox lists the namesakes' service principals in the opposite
	// order: each collection's first page holds apps the other's lacks, and
	// every match must still have both halves.
	for i, m := range ms {
		ai := slices.IndexFunc(graphtest.NamesakeApplications, func(o graphtest.Object) bool { return o.AppID == m.AppID })
		si := slices.IndexFunc(graphtest.NamesakeServicePrincipals, func(o graphtest.Object) bool { return o.AppID == m.AppID })
		if ai < 0 || si < 0 {
			t.Errorf("match %d = %+v: not a namesake", i, m)
			continue
		}
		if app, sp := graphtest.NamesakeApplications[ai], graphtest.NamesakeServicePrincipals[si]; m.ApplicationID != app.ObjectID || m.ServicePrincipalID != sp.ObjectID {
			t.Errorf("match %d = %+v, want app %s and sp %s", i, m, app.ObjectID, sp.ObjectID)
		}
	}
	last := graphtest.NamesakeApplications[len(graphtest.NamesakeApplications)-1]
	ms, more, err = graph.Lookup(context.Background(), &graph.Client{}, cloud, token, last.DisplayName)
	if err != nil || len(ms) != 1 || more || ms[0].ApplicationID != last.ObjectID {
		t.Errorf("Lookup(%q) = %+v, more %v, %v; want its one app", last.DisplayName, ms, more, err)
	}
}

// TestLookupMoreAtTheBoundary: more is true exactly when the name matched
// more than MaxMatches distinct apps, whether a next page or the join
// showed it, and false at MaxMatches.
func TestLookupMoreAtTheBoundary(t *testing.T) {
	page := func(from, n int, next bool) string {
		var vs []string
		for i := from; i < from+n; i++ {
			vs = append(vs, fmt.Sprintf(`{"id":"0b1ec7%02x-0000-4000-8000-000000000000","appId":"a9901d%02x-0000-4000-8000-000000000000","displayName":"Same name %d"}`, i, i, i))
		}
		link := ""
		if next {
			link = `"@odata.nextLink":"https://graph.example/v1.0/next",`
		}
		return `{"@odata.context":"x",` + link + `"value":[` + strings.Join(vs, ",") + `]}`
	}
	type coll struct {
		from, n int
		next    bool
	}
	for _, tc := range []struct {
		name     string
		sps, aps coll
		matches  int
		more     bool
	}{
		{"fewer, the same apps", coll{0, 3, false}, coll{0, 3, false}, 3, false},
		{"MaxMatches, the same apps", coll{0, 10, false}, coll{0, 10, false}, 10, false},
		{"MaxMatches in all, split", coll{0, 5, false}, coll{5, 5, false}, 10, false},
		{"more than MaxMatches across the two pages", coll{0, 10, false}, coll{10, 10, false}, 10, true},
		{"one apart: MaxMatches+1", coll{0, 10, false}, coll{1, 10, false}, 10, true},
		{"a next page of service principals", coll{0, 3, true}, coll{0, 3, false}, 3, true},
		{"a next page of applications", coll{0, 3, false}, coll{0, 3, true}, 3, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sb, cloud, token := lookupSandbox(t)
			json := http.Header{"Content-Type": {"application/json"}}
			sb.Respond(graphtest.Reply{Path: `^/v1\.0/servicePrincipals$`, Status: 200, Header: json, Body: page(tc.sps.from, tc.sps.n, tc.sps.next)})
			sb.Respond(graphtest.Reply{Path: `^/v1\.0/applications$`, Status: 200, Header: json, Body: page(tc.aps.from, tc.aps.n, tc.aps.next)})
			ms, more, err := graph.Lookup(context.Background(), &graph.Client{}, cloud, token, "Same name")
			if err != nil || len(ms) != tc.matches || more != tc.more {
				t.Errorf("%d matches, more %v, %v; want %d, more %v", len(ms), more, err, tc.matches, tc.more)
			}
		})
	}
}

func TestLookupFindsNothingOrRefuses(t *testing.T) {
	_, cloud, token := lookupSandbox(t)
	ms, _, err := graph.Lookup(context.Background(), &graph.Client{}, cloud, token, "0badc0de-0000-4000-8000-000000000404")
	if err != nil || len(ms) != 0 {
		t.Errorf("unknown GUID: %+v, %v; want no match and no error", ms, err)
	}
	ms, _, err = graph.Lookup(context.Background(), &graph.Client{}, cloud, token, "Nobody's app")
	if err != nil || len(ms) != 0 {
		t.Errorf("unknown name with a quote: %+v, %v", ms, err)
	}
	if _, _, err := graph.Lookup(context.Background(), &graph.Client{}, cloud, token, "  "); err == nil {
		t.Error("empty query: no error")
	}

	sb, cloud, _ := lookupSandbox(t)
	_, _, err = graph.Lookup(context.Background(), &graph.Client{}, cloud, sb.Token(), graphtest.ServicePrincipals[0].AppID)
	var le *graph.LookupError
	if !errors.As(err, &le) || !le.NeedsConsent() || !strings.Contains(le.Message, graph.ReadScope) {
		t.Errorf("token without %s: %v, want a consent error naming it", graph.ReadScope, err)
	}
}

func TestListJobs(t *testing.T) {
	sb, cloud, token := lookupSandbox(t)
	sp := graphtest.ServicePrincipals[0]
	jobs, err := graph.ListJobs(context.Background(), &graph.Client{}, cloud, token, sp.ObjectID)
	if err != nil {
		t.Fatal(err)
	}
	want := graphtest.Jobs(sp.ObjectID)
	if len(jobs) != len(want) || len(jobs) == 0 {
		t.Fatalf("ListJobs = %+v, want %d jobs", jobs, len(want))
	}
	j := jobs[0]
	if j.ID != want[0].ID || j.TemplateID != want[0].TemplateID || j.Status != "Quarantine" ||
		j.QuarantineReason != "EncounteredQuarantineException" || j.LastRunState != "Failed" || j.LastRun.IsZero() ||
		!strings.Contains(j.LastError, "SalesforceInvalidCredentials") {
		t.Errorf("job = %+v", j)
	}
	if _, err := graph.ListJobs(context.Background(), &graph.Client{}, cloud, token, "0badc0de-0000-4000-8000-000000000404"); err == nil {
		t.Error("jobs of an unknown service principal: no error")
	}
	// The synchronization API answers a user without an admin role with
	// 401 UnknownError and no message: the refusal names the role, not an
	// expired token.
	_, err = graph.ListJobs(context.Background(), &graph.Client{}, cloud, sb.Token(graphtest.WithoutRoles()), sp.ObjectID)
	if err == nil || !strings.Contains(err.Error(), "Cloud Application Administrator") || strings.Contains(err.Error(), "expired") {
		t.Errorf("jobs without the role: %v", err)
	}
}
