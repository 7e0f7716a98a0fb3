package graph

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// snippetToken is a recognisable fake token: no snippet may contain it, nor
// its distinctive middle.
const (
	snippetToken     = "eyJhbGciOiJub25lIn0.U05JUFBFVC1GQUtFLVRPS0VO.c2lnbmF0dXJlLXNuaXBwZXQ"
	snippetTokenPart = "U05JUFBFVC1GQUtFLVRPS0VO"
	snippetRequestID = "0f0e0d0c-0b0a-4909-8807-060504030201"
	snippetObjectID  = "4a3f1c2e-9b8d-4e7f-a6b5-c4d3e2f1a0b9"
)

// snippetValues hold what breaks naive quoting. Each carries a SECRETn
// marker, so a leak is found however the value was escaped.
var snippetValues = []Credential{
	{"BaseAddress", "https://scim.example.com/SECRET1?a=1&b=<script>alert('x')</script>"},
	{"SecretToken", `it's "SECRET2" $HOME ` + "`whoami` $(id) \\n back\\slash"},
	{"Password", "line1\nSECRET3\n'@\nWrite-Host pwned\n\"@"},
	{"UserName", "välue ✓ 日本語 SECRET4 ''"},
	{"ClientIdentifier", "'@SECRET5'@"},
	{"ClientSecret", "‘smart’@ SECRET6 ’@ ‚‛@"},
	{"Oauth2RefreshToken", ""},
}

func snippetRequest(t *testing.T, cloud Cloud, v Version, k Kind) Request {
	t.Helper()
	r, err := Build(Input{Cloud: cloud, Version: v, Kind: k, ObjectID: snippetObjectID,
		Credentials: snippetValues, Token: snippetToken}, snippetRequestID)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// bashWord undoes bash quoting of the word at the start of s: single
// quotes, backslash escapes and bare characters, up to a blank.
func bashWord(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\n':
			return b.String()
		case '\'':
			end := strings.IndexByte(s[i+1:], '\'')
			if end < 0 {
				return b.String() + s[i+1:]
			}
			b.WriteString(s[i+1 : i+1+end])
			i += end + 1
		case '\\':
			if i+1 < len(s) {
				i++
				b.WriteByte(s[i])
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// argAfter returns the unquoted word after the first occurrence of flag.
func argAfter(t *testing.T, snippet, flag string) string {
	t.Helper()
	_, rest, ok := strings.Cut(snippet, flag+" ")
	if !ok {
		t.Fatalf("no %s in\n%s", flag, snippet)
	}
	return bashWord(rest)
}

// hereStringBody returns the content of the first $body here-string.
func hereStringBody(t *testing.T, snippet string) string {
	t.Helper()
	_, rest, ok := strings.Cut(snippet, "$body = @'\n")
	if !ok {
		t.Fatalf("no here-string in\n%s", snippet)
	}
	body, _, ok := strings.Cut(rest, "\n'@\n")
	if !ok {
		t.Fatalf("here-string not closed in\n%s", snippet)
	}
	return body
}

func jsonEqual(t *testing.T, what, got string, want []byte) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Errorf("%s is not JSON: %v\n%s", what, err, got)
		return
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s differs from the request body:\n got %s\nwant %s", what, got, want)
	}
}

// runBash runs script in real bash with the given command names replaced
// by a function that prints its arguments, and returns the argument lists.
func runBash(t *testing.T, script string, commands ...string) [][]string {
	t.Helper()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Fatalf("bash, which runs the snippets as an admin would, is not installed: %v", err)
	}
	var fake strings.Builder
	for _, c := range commands {
		fake.WriteString(c + "() { printf '%s\\0' CALL " + c + " \"$@\"; }\n")
	}
	cmd := exec.Command(bash, "--norc", "--noprofile", "-c", fake.String()+script)
	cmd.Env = append(os.Environ(), "TOKEN=token-from-env")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, script)
	}
	var calls [][]string
	for _, a := range strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00") {
		if a == "CALL" {
			calls = append(calls, nil)
		} else if len(calls) > 0 {
			calls[len(calls)-1] = append(calls[len(calls)-1], a)
		}
	}
	return calls
}

func argOf(args []string, flag string) (string, bool) {
	for i := 0; i+1 < len(args); i++ {
		if args[i] == flag {
			return args[i+1], true
		}
	}
	return "", false
}

func TestSnippet(t *testing.T) {
	targets := []struct {
		cloud                                      Cloud
		version                                    Version
		kind                                       Kind
		cmdlet, param, tool, mgcParam, environment string
	}{
		{Global, V1, ServicePrincipals, "Get-MgServicePrincipalSynchronizationAccessToken", "-ServicePrincipalId", "mgc", "--service-principal-id", ""},
		{Global, Beta, Applications, "Get-MgBetaApplicationSynchronizationAccessToken", "-ApplicationId", "mgc-beta", "--application-id", ""},
		{USGovL4, Beta, ServicePrincipals, "Get-MgBetaServicePrincipalSynchronizationAccessToken", "-ServicePrincipalId", "mgc-beta", "--service-principal-id", " -Environment USGov"},
		{USGovL5, V1, Applications, "Get-MgApplicationSynchronizationAccessToken", "-ApplicationId", "mgc", "--application-id", " -Environment USGovDoD"},
		{China, V1, ServicePrincipals, "Get-MgServicePrincipalSynchronizationAccessToken", "-ServicePrincipalId", "mgc", "--service-principal-id", " -Environment China"},
	}
	cmdletRE := regexp.MustCompile(`(Get-Mg\w+) (-\w+) '([^']*)' -BodyParameter \$params`)
	for _, tg := range targets {
		r := snippetRequest(t, tg.cloud, tg.version, tg.kind)
		for _, reveal := range []bool{false, true} {
			want := r.Redacted(reveal).Body
			for _, kind := range SnippetKinds() {
				name := tg.cloud.ID + "/" + string(tg.version) + "/" + string(tg.kind) + "/" + string(kind)
				if reveal {
					name += "/values"
				}
				t.Run(name, func(t *testing.T) {
					s := r.Snippet(kind, reveal)
					if strings.Contains(s, snippetToken) || strings.Contains(s, snippetTokenPart) {
						t.Fatalf("snippet contains the token:\n%s", s)
					}
					if !strings.Contains(s, snippetRequestID) || !strings.Contains(s, "client-request-id") {
						t.Errorf("snippet lost the client-request-id:\n%s", s)
					}
					for i := range len(snippetValues) - 1 { // the last, empty value has no marker
						if has := strings.Contains(s, fmt.Sprintf("SECRET%d", i+1)); has != reveal {
							t.Errorf("includeValues=%v but value %d shown=%v:\n%s", reveal, i+1, has, s)
						}
					}
					switch kind {
					case snippetCurl:
						if !strings.Contains(s, `-H "Authorization: Bearer $TOKEN"`) || !regexp.MustCompile(`(?m)^# TOKEN=\$\(az account get-access-token .*\)$`).MatchString(s) {
							t.Errorf("curl lacks $TOKEN or how to set it:\n%s", s)
						}
						jsonEqual(t, "--data-raw", argAfter(t, s, "--data-raw"), want)
						calls := runBash(t, s, "curl")
						if len(calls) != 1 {
							t.Fatalf("bash ran curl %d times", len(calls))
						}
						body, _ := argOf(calls[0], "--data-raw")
						auth, _ := argOf(calls[0], "-H")
						if url, _ := argOf(calls[0], "POST"); body != compactJSON(want) || auth != "Authorization: Bearer token-from-env" || url != r.URL {
							t.Errorf("bash passed URL %q, %q and the body\n%s\nwant\n%s", url, auth, body, compactJSON(want))
						}
					case snippetPowerShellInvoke, snippetPowerShellCmdlet:
						if !strings.Contains(s, "Connect-MgGraph -Scopes Synchronization.ReadWrite.All"+tg.environment+"\n") {
							t.Errorf("wrong sign-in line for %s:\n%s", tg.cloud.Name, s)
						}
						content := hereStringBody(t, s)
						jsonEqual(t, "here-string", content, want)
						if strings.Contains(content, "'@") || strings.Contains(content, "’@") {
							t.Errorf("here-string content holds '@:\n%s", content)
						}
						if kind == snippetPowerShellInvoke {
							if !strings.Contains(s, "\n'@\nInvoke-MgGraphRequest -Method POST -Uri '"+r.URL+"' -Body $body -ContentType 'application/json'") {
								t.Errorf("Invoke-MgGraphRequest line missing:\n%s", s)
							}
							break
						}
						m := cmdletRE.FindStringSubmatch(s)
						if m == nil || m[1] != tg.cmdlet || m[2] != tg.param || m[3] != snippetObjectID {
							t.Errorf("cmdlet call = %q, want %s %s '%s':\n%s", m, tg.cmdlet, tg.param, snippetObjectID, s)
						}
					case snippetGraphCLI:
						jsonEqual(t, "--body", argAfter(t, s, "--body"), want)
						calls := runBash(t, s, "mgc", "mgc-beta")
						if len(calls) != 2 || calls[0][0] != tg.tool || calls[0][1] != "login" || calls[1][0] != tg.tool {
							t.Fatalf("bash calls = %q, want %s login, then %s", calls, tg.tool, tg.tool)
						}
						if id, _ := argOf(calls[1], tg.mgcParam); id != snippetObjectID {
							t.Errorf("%s = %q", tg.mgcParam, id)
						}
						if body, _ := argOf(calls[1], "--body"); body != compactJSON(want) {
							t.Errorf("bash passed --body as %s", body)
						}
						if h, _ := argOf(calls[1], "--headers"); h != "client-request-id="+snippetRequestID {
							t.Errorf("--headers = %q", h)
						}
					case snippetRawHTTP:
						line := "POST /" + string(tg.version) + "/" + string(tg.kind) + "/" + snippetObjectID + "/synchronization/acquireAccessToken HTTP/1.1\nHost: " + tg.cloud.GraphHost + "\n"
						if !strings.HasPrefix(s, line) || !strings.Contains(s, "\nAuthorization: Bearer $TOKEN\n") {
							t.Errorf("raw HTTP:\n%s", s)
						}
						_, body, _ := strings.Cut(s, "\n\n")
						jsonEqual(t, "raw body", body, want)
					}
				})
			}
		}
	}
}

func TestHereStringCannotBeClosedByABody(t *testing.T) {
	// Not JSON, but the worst a body could hold: a line that starts with '@.
	s := hereString("$body", []byte("{\n'@\nWrite-Host pwned\n'@x\n}"))
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	for _, l := range lines[1 : len(lines)-1] {
		if strings.HasPrefix(l, "'@") {
			t.Errorf("a body line ends the here-string early:\n%s", s)
		}
	}
	if lines[len(lines)-1] != "'@" {
		t.Errorf("here-string does not end with '@:\n%s", s)
	}
	jsonEqual(t, "escaped", hereStringBody(t, hereString("$body", []byte(`{"v":"'@ \\'@ ‘@"}`))), []byte(`{"v":"'@ \\'@ ‘@"}`))
}

func TestSnippetKinds(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range SnippetKinds() {
		if k.Label() == "" || k.Label() == string(k) || seen[k.Label()] {
			t.Errorf("kind %q has label %q", k, k.Label())
		}
		seen[k.Label()] = true
	}
	if got := (Request{}).Snippet("nope", true); got != "" {
		t.Errorf("unknown kind gave %q", got)
	}
	if got := psQuote("a'b’c"); got != "'a''b’’c'" {
		t.Errorf("psQuote = %s", got)
	}
}

// TestSnippetNeverCarriesTheCode: "include values" copies every value but
// a vendor's authorization code, which the one send spends.
func TestSnippetNeverCarriesTheCode(t *testing.T) {
	const code = "VENDORCODE-42"
	r, err := Build(Input{Cloud: Global, Version: V1, Kind: ServicePrincipals, ObjectID: snippetObjectID,
		Credentials: []Credential{{"Oauth2AuthorizationCode", code}, {"Oauth2RedirectUri", "https://portal.azure.com/TokenAuthorize"}},
		Token:       snippetToken}, snippetRequestID)
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range SnippetKinds() {
		s := r.Snippet(kind, true)
		if strings.Contains(s, code) {
			t.Errorf("%s with values carries the code:\n%s", kind, s)
		}
		if !strings.Contains(s, "https://portal.azure.com/TokenAuthorize") || !strings.Contains(s, Mask) {
			t.Errorf("%s with values lost the redirect URI or the code's mask:\n%s", kind, s)
		}
	}
	if !strings.Contains(string(r.Body), code) {
		t.Error("the request itself lost the code")
	}
	if !r.CopiesWithoutCode() || snippetRequest(t, Global, V1, ServicePrincipals).CopiesWithoutCode() {
		t.Error("CopiesWithoutCode does not tell a request with a code from one without")
	}
}

// TestSnippetNeverCarriesTheCodeMisspelt: the key checks refuse a
// misspelt code key for sending, but its preview can still be copied with
// values: the code stays masked under any spelling (IsCodeKey), in a
// copy, and is not tested by Test connection nor saved by Save either.
func TestSnippetNeverCarriesTheCodeMisspelt(t *testing.T) {
	const code = "VENDORCODE-43"
	for _, key := range []string{"oauth2authorizationcode", " Oauth2AuthorizationCode", "OAUTH2AUTHORIZATION\u200bCODE", "\ufeffOauth2AuthorizationCode\u00a0"} {
		creds := []Credential{{key, code}, {"Oauth2RedirectUri", "https://portal.azure.com/TokenAuthorize"}}
		in := Input{Cloud: Global, Version: V1, Kind: ServicePrincipals, ObjectID: snippetObjectID, Credentials: creds, Token: snippetToken}
		if _, err := Build(in, snippetRequestID); err == nil {
			t.Errorf("%q: a misspelt key was not refused for sending", key)
		}
		r := Draft(in, snippetRequestID) // the preview, which can be copied
		if !strings.Contains(string(r.Body), code) {
			t.Fatalf("%q: the preview lost the code: %s", key, r.Body)
		}
		for _, kind := range SnippetKinds() {
			if s := r.Snippet(kind, true); strings.Contains(s, code) {
				t.Errorf("%q: %s with values carries the code:\n%s", key, kind, s)
			}
		}
		if !r.CopiesWithoutCode() || BackoffFor(creds).Attempts != 1 {
			t.Errorf("%q: not treated as a code (copy, send once)", key)
		}
		if _, err := TestConnectionRequest(adminTarget(V1), Validation{JobID: adminJob, Credentials: creds}, snippetRequestID); err == nil || !strings.Contains(err.Error(), "does not take the authorization code") {
			t.Errorf("%q: Test connection would spend the code: %v", key, err)
		}
		if d := PlanSave(nil, creds, nil); slices.ContainsFunc(d.Body, func(c Credential) bool { return c.Value == code }) {
			t.Errorf("%q: Save would save the code: %+v", key, d.Body)
		}
	}
}
