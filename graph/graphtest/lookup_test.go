package graphtest

import (
	"encoding/json"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// readToken can look objects up and list jobs.
func readToken(s *Server) string { return s.Token(WithScope(Scope + " " + ReadScope)) }

// get sends a GET as the app does, with a bearer token.
func get(t *testing.T, s *Server, path, token string) result {
	t.Helper()
	return call(t, s, "GET", path, map[string]string{"Authorization": "Bearer " + token}, "")
}

// decodeObject decodes a JSON object, keeping its member names in order.
func decodeObject(t *testing.T, r result) (map[string]any, []string) {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(r.body), &m); err != nil || r.status != 200 {
		t.Fatalf("got %d %s: %v", r.status, r.body, err)
	}
	if !strings.HasPrefix(r.header.Get("Content-Type"), "application/json;odata.metadata=minimal") {
		t.Errorf("Content-Type %q", r.header.Get("Content-Type"))
	}
	dec := json.NewDecoder(strings.NewReader(r.body))
	dec.Token()
	var names []string
	for dec.More() {
		name, _ := dec.Token()
		names = append(names, name.(string))
		var skip json.RawMessage
		dec.Decode(&skip)
	}
	return m, names
}

func TestLookUpObject(t *testing.T) {
	s := newSandbox(t)
	token := readToken(s)
	for _, tc := range []struct {
		collection string
		objects    []Object
		names      []string
	}{
		{"servicePrincipals", ServicePrincipals, []string{"@odata.context", "id", "accountEnabled", "appDisplayName", "appId", "displayName", "servicePrincipalType", "tags"}},
		{"applications", Applications, []string{"@odata.context", "id", "appId", "displayName", "signInAudience"}},
	} {
		for _, o := range tc.objects {
			for _, path := range []string{
				"/v1.0/" + tc.collection + "/" + o.ObjectID,
				"/beta/" + strings.ToLower(tc.collection) + "/" + strings.ToUpper(o.ObjectID) + "/",
				"/v1.0/" + tc.collection + "('" + o.ObjectID + "')",
				"/v1.0/" + tc.collection + "(appId='" + o.AppID + "')",
				"/v1.0/" + tc.collection + "(appId=%27" + strings.ToUpper(o.AppID) + "%27)",
			} {
				r := get(t, s, path, token)
				m, names := decodeObject(t, r)
				version := strings.Split(path, "/")[1]
				if !slices.Equal(names, tc.names) || m["id"] != o.ObjectID || m["appId"] != o.AppID || m["displayName"] != o.DisplayName ||
					m["@odata.context"] != s.Audience()+"/"+version+"/$metadata#"+tc.collection+"/$entity" {
					t.Errorf("GET %s: got %v (members %v)", path, m, names)
				}
				if tc.collection == "servicePrincipals" && (m["appDisplayName"] != o.DisplayName ||
					m["servicePrincipalType"] != "Application" || m["accountEnabled"] != true || len(m["tags"].([]any)) == 0) {
					t.Errorf("GET %s: service principal members %v", path, m)
				}
				if tc.collection == "applications" && m["signInAudience"] != "AzureADMyOrg" {
					t.Errorf("GET %s: application members %v", path, m)
				}
			}
		}
	}
	// Markup comes back as Graph sends it: unescaped in the JSON text.
	r := get(t, s, "/v1.0/servicePrincipals/"+ServicePrincipals[2].ObjectID, token)
	if want, _ := json.Marshal(EvilDisplayName); !strings.Contains(r.body, `"displayName":"<img src=x onerror=\"window.__pwned=1\">Evil App"`) {
		t.Errorf("evil name not sent raw: %s (json.Marshal would give %s)", r.body, want)
	}
}

func TestLookUpSelect(t *testing.T) {
	s := newSandbox(t)
	sp := ServicePrincipals[1]
	r := get(t, s, "/v1.0/servicePrincipals/"+sp.ObjectID+"?$select=DISPLAYNAME,appId,homepage", readToken(s))
	m, names := decodeObject(t, r)
	if !slices.Equal(names, []string{"@odata.context", "appId", "displayName"}) ||
		m["@odata.context"] != s.Audience()+"/v1.0/$metadata#servicePrincipals(displayName,appId,homepage)/$entity" {
		t.Errorf("$select: got %v %v", names, m)
	}
}

func TestLookUpErrors(t *testing.T) {
	s := newSandbox(t)
	const denied = "Insufficient privileges to complete the operation."
	sp := ServicePrincipals[0]
	for _, tc := range []struct {
		name, path, token string
		status            int
		code, message     string
	}{
		{"unknown id", "/v1.0/servicePrincipals/00000000-0000-4000-8000-000000000000", readToken(s), 404, "Request_ResourceNotFound",
			"Resource '00000000-0000-4000-8000-000000000000' does not exist or one of its queried reference-property objects are not present."},
		{"application id in servicePrincipals", "/v1.0/servicePrincipals/" + Applications[0].ObjectID, readToken(s), 404, "Request_ResourceNotFound",
			"Resource '" + Applications[0].ObjectID + "' does not exist or one of its queried reference-property objects are not present."},
		{"appId as object id", "/v1.0/applications/" + sp.AppID, readToken(s), 404, "Request_ResourceNotFound",
			"Resource '" + sp.AppID + "' does not exist or one of its queried reference-property objects are not present."},
		{"unknown appId", "/v1.0/servicePrincipals(appId='nope')", readToken(s), 404, "Request_ResourceNotFound",
			"Resource 'nope' does not exist or one of its queried reference-property objects are not present."},
		{"malformed id", "/v1.0/servicePrincipals/not-a-guid", readToken(s), 400, "Request_BadRequest", "Invalid object identifier 'not-a-guid'."},
		{"malformed id in jobs", "/v1.0/servicePrincipals/x/synchronization/jobs", readToken(s), 400, "Request_BadRequest", "Invalid object identifier 'x'."},
		{"no token", "/v1.0/servicePrincipals/" + sp.ObjectID, "", 401, "InvalidAuthenticationToken", "Access token is empty."},
		{"action scope only", "/v1.0/servicePrincipals/" + sp.ObjectID, s.Token(), 403, "Authorization_RequestDenied", denied},
		{"list without scope", "/v1.0/applications", s.Token(), 403, "Authorization_RequestDenied", denied},
		{"jobs with read scope only", "/v1.0/servicePrincipals/" + sp.ObjectID + "/synchronization/jobs", s.Token(WithScope(ReadScope)), 401, "UnknownError", ""},
		{"jobs without role", "/v1.0/servicePrincipals/" + sp.ObjectID + "/synchronization/jobs", s.Token(WithoutRoles()), 401, "UnknownError", ""},
		{"unknown job", "/v1.0/servicePrincipals/" + sp.ObjectID + "/synchronization/jobs/scim.x", readToken(s), 404, "NotFound", "The job 'scim.x' was not found."},
		{"unknown before permission", "/v1.0/servicePrincipals/" + sp.ObjectID + "/owners", "", 400, "BadRequest", "Resource not found for the segment 'owners'."},
	} {
		wantErr := func(r result) {
			t.Helper()
			t.Run(tc.name, func(t *testing.T) { wantError(t, r, tc.status, tc.code, tc.message) })
		}
		wantErr(get(t, s, tc.path, tc.token))
	}
	r := call(t, s, "DELETE", "/v1.0/servicePrincipals/"+sp.ObjectID, map[string]string{"Authorization": "Bearer " + readToken(s)}, "")
	wantError(t, r, 405, "BadRequest", "Specified HTTP method is not allowed for the request target.")
	if r.header.Get("Allow") != "GET" {
		t.Errorf("Allow %q", r.header.Get("Allow"))
	}
}

func TestLookUpPermissions(t *testing.T) {
	s := newSandbox(t)
	path := "/v1.0/applications/" + Applications[0].ObjectID
	for _, tc := range []struct {
		name  string
		token string
		ok    bool
	}{
		{"Application.Read.All", s.Token(WithScope(ReadScope)), true},
		{"Application.ReadWrite.All", s.Token(WithScope("Application.ReadWrite.All")), true},
		{"Directory.Read.All", s.Token(WithScope("User.Read Directory.Read.All")), true},
		{"no role needed", s.Token(WithScope(ReadScope), WithoutRoles()), true},
		{"app-only", s.Token(WithClaim("scp", nil), WithClaim("roles", []string{"Application.Read.All"})), true},
		{"scope case matters", s.Token(WithScope("application.read.all")), false},
		{"app-only without role", s.Token(WithClaim("scp", nil), WithClaim("roles", []string{Scope})), false},
	} {
		if r := get(t, s, path, tc.token); (r.status == 200) != tc.ok {
			t.Errorf("%s: got %d %s", tc.name, r.status, r.body)
		}
	}
}

// page is a collection response.
type page struct {
	Context  string           `json:"@odata.context"`
	NextLink string           `json:"@odata.nextLink"`
	Value    []map[string]any `json:"value"`
}

func listPage(t *testing.T, s *Server, path string) page {
	t.Helper()
	r := get(t, s, path, readToken(s))
	var p page
	if err := json.Unmarshal([]byte(r.body), &p); err != nil || r.status != 200 {
		t.Fatalf("GET %s: %d %s", path, r.status, r.body)
	}
	return p
}

func names(p page) []string {
	var out []string
	for _, v := range p.Value {
		out = append(out, v["displayName"].(string))
	}
	return out
}

func TestListFilter(t *testing.T) {
	s := newSandbox(t)
	q := func(filter string) string { return "?$filter=" + url.QueryEscape(filter) }
	var all, namesakes []string
	for _, o := range allServicePrincipals() {
		all = append(all, o.DisplayName)
	}
	for _, o := range NamesakeApplications {
		namesakes = append(namesakes, o.DisplayName)
	}
	for _, tc := range []struct {
		path string
		want []string
	}{
		{"/v1.0/servicePrincipals", all},
		{"/v1.0/applications" + q("startswith(displayName,'northwind')"), namesakes},
		{"/v1.0/servicePrincipals" + q("startswith(displayName,'Con')"), []string{"Contoso Salesforce Provisioning"}},
		{"/beta/applications" + q("startsWith( DisplayName , 'fab' )"), []string{"Fabrikam SCIM Connector"}},
		{"/v1.0/servicePrincipals" + q("startswith(displayName,'<img')"), []string{EvilDisplayName}},
		{"/v1.0/servicePrincipals" + q("startswith(displayName,'O''Brien')"), nil},
		{"/v1.0/servicePrincipals" + q("startswith(displayName,'')"), all},
		{"/v1.0/servicePrincipals" + q("appId eq '"+strings.ToUpper(ServicePrincipals[1].AppID)+"'"), []string{"Fabrikam SCIM Connector"}},
		{"/v1.0/applications" + q("displayName eq 'contoso salesforce provisioning'"), []string{"Contoso Salesforce Provisioning"}},
		{"/v1.0/applications" + q("id eq '"+Applications[2].ObjectID+"'"), []string{EvilDisplayName}},
	} {
		p := listPage(t, s, tc.path)
		collection := strings.Split(strings.Split(tc.path, "?")[0], "/")[2]
		if !slices.Equal(names(p), tc.want) || p.Context != s.Audience()+"/"+strings.Split(tc.path, "/")[1]+"/$metadata#"+collection || p.NextLink != "" {
			t.Errorf("GET %s: got %v, context %q, nextLink %q; want %v", tc.path, names(p), p.Context, p.NextLink, tc.want)
		}
	}
	// An empty result is an empty array, not null.
	if r := get(t, s, "/v1.0/servicePrincipals"+q("startswith(displayName,'zzz')"), readToken(s)); !strings.HasSuffix(r.body, `"value":[]}`) {
		t.Errorf("empty result: %s", r.body)
	}
}

func TestListSelectAndPaging(t *testing.T) {
	s := newSandbox(t)
	p := listPage(t, s, "/v1.0/servicePrincipals?$select=id,displayName&$top=2")
	if p.Context != s.Audience()+"/v1.0/$metadata#servicePrincipals(id,displayName)" || len(p.Value) != 2 || len(p.Value[0]) != 2 ||
		!strings.HasPrefix(p.NextLink, s.URL+"/v1.0/servicePrincipals?$select=id,displayName&$top=2&$skiptoken=") {
		t.Fatalf("first page: %+v", p)
	}
	// Following nextLink to the end lists every object once, in order.
	got := names(p)
	for pages := 1; p.NextLink != ""; pages++ {
		if pages > 20 {
			t.Fatalf("still a nextLink after %d pages: %s", pages, p.NextLink)
		}
		next, _ := url.Parse(p.NextLink)
		p = listPage(t, s, next.RequestURI())
		if len(p.Value) == 0 || len(p.Value) > 2 || len(p.Value[0]) != 2 {
			t.Fatalf("page %d: %+v", pages+1, p)
		}
		got = append(got, names(p)...)
	}
	var want []string
	for _, o := range allServicePrincipals() {
		want = append(want, o.DisplayName)
	}
	if !slices.Equal(got, want) {
		t.Errorf("pages listed %q, want %q", got, want)
	}
}

func TestListErrors(t *testing.T) {
	s := newSandbox(t)
	for _, tc := range []struct {
		query, code, message string
	}{
		{"$filter=endswith(displayName,'App')", "Request_UnsupportedQuery",
			"Unsupported or invalid query filter clause specified for property 'displayName' of resource 'ServicePrincipal'."},
		{"$filter=startswith(appId,'2b')", "Request_UnsupportedQuery",
			"Unsupported or invalid query filter clause specified for property 'appId' of resource 'ServicePrincipal'."},
		{"$filter=accountEnabled%20eq%20true", "Request_UnsupportedQuery",
			"Unsupported or invalid query filter clause specified for property 'accountEnabled' of resource 'ServicePrincipal'."},
		{"$filter=" + url.QueryEscape("displayName eq 'a' and appId eq 'b'"), "Request_UnsupportedQuery", "Unsupported Query."},
		{"$filter=startswith(name,'x')", "BadRequest", "Could not find a property named 'name' on type 'microsoft.graph.servicePrincipal'."},
		{"$filter=frobnicate(displayName,'x')", "BadRequest", "An unknown function with name 'frobnicate' was found. " +
			"This may also be a function import or a key lookup on a navigation property, which is not allowed."},
		{"$filter=startswith(displayName,'x'", "BadRequest", "Invalid filter clause: Syntax error at position 26 in 'startswith(displayName,'x''."},
		{"$filter=startswith(displayName,'x)", "BadRequest", "Invalid filter clause: There is an unterminated string literal at position 26 in 'startswith(displayName,'x)'."},
		{"$filter=", "BadRequest", "Invalid filter clause: Syntax error at position 0 in ''."},
		{"$top=0", "BadRequest", "Invalid page size specified: '0'. Must be between 1 and 999 inclusive."},
		{"$top=1000", "BadRequest", "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive."},
		{"$skiptoken=garbage", "Directory_ExpiredPageToken", "The specified page token value has expired and can no longer be included in your request."},
	} {
		r := get(t, s, "/v1.0/servicePrincipals?"+tc.query, readToken(s))
		t.Run(tc.query, func(t *testing.T) { wantError(t, r, 400, tc.code, tc.message) })
	}
}

func TestJobs(t *testing.T) {
	s := newSandbox(t)
	for i, sp := range ServicePrincipals {
		for _, path := range []string{
			"/v1.0/servicePrincipals/" + sp.ObjectID + "/synchronization/jobs",
			"/beta/servicePrincipals/" + strings.ToUpper(sp.ObjectID) + "/Synchronization/Jobs/",
			"/v1.0/servicePrincipals(appId='" + sp.AppID + "')/synchronization/jobs",
			"/v1.0/applications/" + Applications[i].ObjectID + "/synchronization/jobs",
		} {
			r := get(t, s, path, s.Token()) // the action's scope also reads jobs
			var got struct {
				Context string `json:"@odata.context"`
				Value   []Job  `json:"value"`
			}
			if err := json.Unmarshal([]byte(r.body), &got); err != nil || r.status != 200 {
				t.Fatalf("GET %s: %d %s", path, r.status, r.body)
			}
			collection, id := "servicePrincipals", sp.ObjectID
			if strings.Contains(path, "applications") {
				collection, id = "applications", Applications[i].ObjectID
			}
			want := Jobs(sp.ObjectID)
			if len(want) != 1 || !reflect.DeepEqual(roundTrip(t, got.Value), roundTrip(t, want)) ||
				got.Context != s.Audience()+"/"+strings.Split(path, "/")[1]+"/$metadata#"+collection+"('"+id+"')/synchronization/jobs" {
				t.Errorf("GET %s: got %s", path, r.body)
			}
		}
	}
	if got := Jobs(ServicePrincipals[0].ObjectID)[0].Status; got.Code != "Quarantine" || got.Quarantine.Reason != "EncounteredQuarantineException" ||
		got.LastExecution.State != "Failed" || got.LastExecution.Error.Code != "SalesforceInvalidCredentials" {
		t.Errorf("Salesforce job status %+v", got)
	}
	if got := Jobs(strings.ToUpper(ServicePrincipals[1].ObjectID))[0].Status; got.Code != "Active" || got.Quarantine != nil ||
		got.LastExecution.State != "Succeeded" || got.LastExecution.Error != nil {
		t.Errorf("Fabrikam job status %+v", got)
	}
	if Jobs(Applications[0].ObjectID) != nil {
		t.Error("Jobs of an application's object id are not nil")
	}
	// Nullable members are sent as null, and never-reached times as Graph's zero.
	r := get(t, s, "/v1.0/servicePrincipals/"+ServicePrincipals[1].ObjectID+"/synchronization/jobs", s.Token())
	for _, want := range []string{`"quarantine":null`, `"troubleshootingUrl":null`, `"expiration":null`, `"error":null`, `"interval":"PT40M"`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("jobs body lacks %s: %s", want, r.body)
		}
	}
	r = get(t, s, "/v1.0/servicePrincipals/"+ServicePrincipals[2].ObjectID+"/synchronization/jobs", s.Token())
	if !strings.Contains(r.body, `"steadyStateFirstAchievedTime":"0001-01-01T00:00:00Z"`) || !strings.Contains(r.body, `<script>`) {
		t.Errorf("evil job body: %s", r.body)
	}
	// One job by id.
	job := Jobs(ServicePrincipals[0].ObjectID)[0]
	r = get(t, s, "/v1.0/servicePrincipals/"+ServicePrincipals[0].ObjectID+"/synchronization/jobs/"+job.ID, readToken(s))
	var one struct {
		Context string `json:"@odata.context"`
		Job
	}
	if err := json.Unmarshal([]byte(r.body), &one); err != nil || r.status != 200 || one.ID != job.ID ||
		!strings.HasSuffix(one.Context, "/synchronization/jobs/$entity") {
		t.Errorf("one job: %d %s", r.status, r.body)
	}
}

// roundTrip gives jobs as a client decodes them, so that times compare by
// value.
func roundTrip(t *testing.T, jobs []Job) []Job {
	t.Helper()
	data, err := json.Marshal(jobs)
	if err != nil {
		t.Fatal(err)
	}
	var out []Job
	json.Unmarshal(data, &out)
	return out
}

func TestLookUpCORSAndRecording(t *testing.T) {
	s := newSandbox(t)
	path := "/v1.0/servicePrincipals(appId='" + ServicePrincipals[0].AppID + "')"
	pre := call(t, s, "OPTIONS", path, map[string]string{"Origin": origin, "Access-Control-Request-Method": "GET",
		"Access-Control-Request-Headers": "authorization,client-request-id,consistencylevel"}, "")
	if pre.status != 200 || pre.header.Get("Access-Control-Allow-Origin") != origin ||
		!strings.Contains(pre.header.Get("Access-Control-Allow-Methods"), "GET") ||
		pre.header.Get("Access-Control-Allow-Headers") != "authorization, client-request-id, consistencylevel" {
		t.Errorf("preflight: %d %v", pre.status, pre.header)
	}
	r := call(t, s, "GET", path, map[string]string{"Origin": origin, "Authorization": "Bearer " + readToken(s),
		"client-request-id": "5e0b5b9e-0000-4000-8000-000000000009"}, "")
	if r.status != 200 || r.header.Get("Access-Control-Allow-Origin") != origin ||
		r.header.Get("client-request-id") != "5e0b5b9e-0000-4000-8000-000000000009" || !guid.MatchString(r.header.Get("request-id")) {
		t.Errorf("GET: %d %v", r.status, r.header)
	}
	got := s.Requests()
	if len(got) != 2 || got[1].Method != "GET" || got[1].Path != path {
		t.Errorf("recorded %+v", got)
	}
}

// TestIncrementalConsent checks that a signed-in token reads objects only
// when the sign-in asked for ReadScope, and that a refresh token may ask for
// it later, as Entra allows for any consented permission.
func TestIncrementalConsent(t *testing.T) {
	s := newEntra(t)
	path := "/v1.0/servicePrincipals/" + ServicePrincipals[0].ObjectID
	first := signInTokens(t, s, "admin") // asks for s.Scope() only
	if scp := claimsOf(t, s, first.AccessToken)["scp"]; scp != Scope {
		t.Errorf("scp %v, want %s alone", scp, Scope)
	}
	wantError(t, get(t, s, path, first.AccessToken), 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")

	form := refreshForm(s, first.RefreshToken)
	form.Set("scope", s.ReadScope()+" openid offline_access profile")
	more := tokensOf(t, postToken(t, s, form, appOrigin))
	if scp := claimsOf(t, s, more.AccessToken)["scp"]; scp != ReadScope || more.Scope != s.ReadScope() {
		t.Errorf("refreshed for %s: scp %v, scope %q", ReadScope, scp, more.Scope)
	}
	if r := get(t, s, path, more.AccessToken); r.status != 200 {
		t.Errorf("GET with the refreshed token: %d %s", r.status, r.body)
	}

	verifier, challenge := newVerifier()
	both := s.Scope() + " " + s.ReadScope() + " openid profile offline_access"
	code := signIn(t, s, authorizeParams(s, challenge, map[string]string{"scope": both}), "plain")
	redeem := redeemForm(s, code, verifier)
	redeem.Set("scope", both)
	tr := tokensOf(t, postToken(t, s, redeem, appOrigin))
	if scp := claimsOf(t, s, tr.AccessToken)["scp"]; scp != ReadScope+" "+Scope {
		t.Errorf("scp %v", scp)
	}
	// A user without an administrator role reads objects, but not jobs.
	if r := get(t, s, path, tr.AccessToken); r.status != 200 {
		t.Errorf("plain user GET: %d %s", r.status, r.body)
	}
	wantError(t, get(t, s, path+"/synchronization/jobs", tr.AccessToken), 401, "UnknownError", "")
}

func TestSandboxTokenScope(t *testing.T) {
	s := newSandbox(t)
	r := call(t, s, "GET", "/_sandbox/token?scope="+url.QueryEscape(Scope+" "+ReadScope), nil, "")
	var got struct {
		AccessToken string `json:"access_token"`
	}
	json.Unmarshal([]byte(r.body), &got)
	if scp := claimsOf(t, s, got.AccessToken)["scp"]; scp != Scope+" "+ReadScope {
		t.Errorf("scp %v", scp)
	}
	if r := get(t, s, "/v1.0/servicePrincipals/"+ServicePrincipals[0].ObjectID, got.AccessToken); r.status != 200 {
		t.Errorf("GET with the sandbox token: %d %s", r.status, r.body)
	}
}

// TestActionByAlternateKey checks that the action, like the reads, takes
// the object by (appId='...').
func TestActionByAlternateKey(t *testing.T) {
	s := newSandbox(t)
	sp := ServicePrincipals[1]
	path := "/v1.0/servicePrincipals(appId='" + sp.AppID + "')/synchronization/acquireAccessToken"
	if r := post(t, s, path, s.Token(), validBody); r.status != 204 {
		t.Errorf("POST %s: %d %s", path, r.status, r.body)
	}
	path = "/v1.0/servicePrincipals(appId='" + sp.ObjectID + "')/synchronization/acquireAccessToken"
	wantError(t, post(t, s, path, s.Token(), validBody), 404, "Request_ResourceNotFound",
		"Resource '"+sp.ObjectID+"' does not exist or one of its queried reference-property objects are not present.")
}
