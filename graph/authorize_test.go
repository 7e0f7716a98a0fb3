package graph

import (
	"net/url"
	"strings"
	"synctoken/graph/internal/paste"
	"testing"
)

const amazonURL = "https://www.amazon.com/b2b/abws/oauth?state=1&redirect_uri=https://portal.azure.com/TokenAuthorize&applicationId=amzn1.sp.solution.ee27ec8c-1ee9-4c6b-9e68-26114dc02fee"

func TestPortalRedirectURI(t *testing.T) {
	sb, _ := Sandbox("http://127.0.0.1:8001")
	for _, tc := range []struct {
		cloud Cloud
		want  string
	}{
		{Global, "https://portal.azure.com/TokenAuthorize"},
		{USGovL4, "https://portal.azure.us/TokenAuthorize"},
		{USGovL5, "https://portal.azure.us/TokenAuthorize"},
		{China, "https://portal.azure.cn/TokenAuthorize"},
		{sb, "http://127.0.0.1:8001/TokenAuthorize"},
		{Cloud{}, ""},
	} {
		if got := tc.cloud.PortalRedirectURI(); got != tc.want {
			t.Errorf("%s: PortalRedirectURI() = %q, want %q", tc.cloud.Name, got, tc.want)
		}
		if tc.want != "" {
			if err := CheckRedirectURI(tc.want, tc.cloud); err != nil {
				t.Errorf("%s: its own redirect URI refused: %v", tc.cloud.Name, err)
			}
		}
	}
}

func TestBadInputRedirectURI(t *testing.T) {
	sb, _ := Sandbox("http://127.0.0.1:8001")
	for _, tc := range []struct {
		uri   string
		cloud Cloud
		want  string // in the error; "" for none
	}{
		{"https://portal.azure.com/TokenAuthorize", Global, ""},
		{"https://entra.microsoft.com/TokenAuthorize?x=1", Global, ""},
		{"http://127.0.0.1:8001/TokenAuthorize", sb, ""},
		{"http://localhost:9/cb", sb, ""},
		{"", Global, "required"},
		{"http://portal.azure.com/TokenAuthorize", Global, "https://"},
		{"http://127.0.0.1:8001/TokenAuthorize", Global, "https://"},
		{"http://10.0.0.1/TokenAuthorize", sb, "https://"},
		{"portal.azure.com/TokenAuthorize", Global, "no scheme"},
		{"https:///TokenAuthorize", Global, "no host"},
		{"https://portal.azure.com/TokenAuthorize#x", Global, "fragment"},
		{"https://user@portal.azure.com/", Global, "user name"},
		{"https://portal.azure.com/Token Authorize", Global, "a space at character 31"},
		{"https://portal.azure.com/\u200bTokenAuthorize", Global, "U+200B"},
		{"javascript:alert(1)", Global, "javascript: address"},
		{"ftp://portal.azure.com/", Global, "ftp:"},
		{"https://" + strings.Repeat("a", 3000), Global, "KiB"},
		{"https://portal.azure.com/%zz", Global, "not a web address"},
	} {
		err := CheckRedirectURI(tc.uri, tc.cloud)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("CheckRedirectURI(%q) = %v, want nil", tc.uri, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("CheckRedirectURI(%q) = %v, want an error with %q", tc.uri, err, tc.want)
		case err != nil && !strings.HasPrefix(err.Error(), "Redirect URI"):
			t.Errorf("CheckRedirectURI(%q) = %v: a field message starts with the field's name", tc.uri, err)
		}
	}
}

// TestAuthorizationURL: every parameter but redirect_uri and an absent
// state reaches the vendor exactly as pasted.
func TestAuthorizationURL(t *testing.T) {
	const portal = "https://portal.azure.com/TokenAuthorize"
	const escaped = "https%3A%2F%2Fportal.azure.com%2FTokenAuthorize"
	for _, tc := range []struct {
		name, pasted string
		want         string // the URL, with STATE standing for an added state
		added        bool
		state        string // when kept
	}{
		{"Amazon: state and redirect_uri kept as written", amazonURL, amazonURL, false, "1"},
		{"Google: order and encoding kept, redirect_uri replaced in place, state added",
			"https://accounts.google.com/o/oauth2/auth?scope=https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fadmin.directory.user+openid&redirect_uri=https%3A%2F%2Fexample.com%2Fcb&response_type=code&client_id=123.apps.googleusercontent.com&access_type=offline&prompt=consent",
			"https://accounts.google.com/o/oauth2/auth?scope=https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fadmin.directory.user+openid&redirect_uri=" + escaped + "&response_type=code&client_id=123.apps.googleusercontent.com&access_type=offline&prompt=consent&state=STATE",
			true, ""},
		{"no redirect_uri: appended", "https://account.box.com/api/oauth2/authorize?response_type=code&client_id=abc&scope=root_readwrite%20manage_managed_users",
			"https://account.box.com/api/oauth2/authorize?response_type=code&client_id=abc&scope=root_readwrite%20manage_managed_users&redirect_uri=" + escaped + "&state=STATE", true, ""},
		{"no query at all", "https://vendor.example/authorize",
			"https://vendor.example/authorize?redirect_uri=" + escaped + "&state=STATE", true, ""},
		{"empty state filled in place", "https://v.example/a?state=&client_id=c&response_type=code",
			"https://v.example/a?state=STATE&client_id=c&response_type=code&redirect_uri=" + escaped, true, ""},
		{"encoded state kept and decoded", "https://v.example/a?client_id=c&response_type=code&state=a%2Fb&redirect_uri=" + escaped,
			"https://v.example/a?client_id=c&response_type=code&state=a%2Fb&redirect_uri=" + escaped, false, "a/b"},
		{"second redirect_uri dropped", "https://v.example/a?redirect_uri=x&client_id=c&redirect_uri=y&response_type=code",
			"https://v.example/a?redirect_uri=" + escaped + "&client_id=c&response_type=code&state=STATE", true, ""},
		{"fragment and spaces around kept apart", "  https://v.example/a?client_id=c&response_type=code#frag \n",
			"https://v.example/a?client_id=c&response_type=code&redirect_uri=" + escaped + "&state=STATE#frag", true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := AuthorizationURL(tc.pasted, portal, Global)
			if err != nil {
				t.Fatal(err)
			}
			want := strings.Replace(tc.want, "STATE", a.State, 1)
			if a.URL != want || a.RedirectURI != portal || a.StateAdded != tc.added {
				t.Errorf("got %+v\nwant URL %s, added %v", a, want, tc.added)
			}
			if !tc.added && a.State != tc.state {
				t.Errorf("State = %q, want the URL's own %q", a.State, tc.state)
			}
			if tc.added && len(a.State) < 20 {
				t.Errorf("added state %q is too short to be unguessable", a.State)
			}
			u, err := url.Parse(a.URL)
			if err != nil || u.Query().Get("redirect_uri") != portal || u.Query().Get("state") != a.State {
				t.Errorf("the URL does not carry redirect_uri %s and state %s: %s (%v)", portal, a.State, a.URL, err)
			}
		})
	}
	a1, _ := AuthorizationURL("https://v.example/a", portal, Global)
	a2, _ := AuthorizationURL("https://v.example/a", portal, Global)
	if a1.State == a2.State {
		t.Errorf("two Authorizes got the same state %q", a1.State)
	}
}

// TestAuthorizationURLCodeGrantOnly: another grant, or a form_post answer,
// is refused at the field with the reason; the code grant is built.
func TestAuthorizationURLCodeGrantOnly(t *testing.T) {
	portal := Global.PortalRedirectURI()
	for pasted, want := range map[string]string{
		"https://v.example/a?response_type=token":                           `response_type="token"`,
		"https://v.example/a?response_type=id_token+token&client_id=c":      "authorization code grant",
		"https://v.example/a?response_type=code%20id_token":                 "response_type=code",
		"https://v.example/a?response_type=code&response_mode=form_post":    "response_mode=form_post",
		"https://v.example/a?response_type=code&response_mode=FORM_POST":    "form_post",
		"https://v.example/a?client_id=c&response_mode=form_post&state=abc": "post the code",
	} {
		if _, err := AuthorizationURL(pasted, portal, Global); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want a refusal saying %q", pasted, err, want)
		}
	}
	for _, pasted := range []string{"https://v.example/a?response_type=code", "https://v.example/a?response_type=code&response_mode=query", "https://v.example/a"} {
		if _, err := AuthorizationURL(pasted, portal, Global); err != nil {
			t.Errorf("%s: refused: %v", pasted, err)
		}
	}
}

func TestAuthorizationURLNotes(t *testing.T) {
	if a, _ := AuthorizationURL("https://www.amazon.com@evil.example/oauth?state=1", Global.PortalRedirectURI(), Global); !hasNote(a.Notes, "the browser goes to evil.example") {
		t.Errorf("a URL with …@ before its host got notes %+v", a.Notes)
	}
	if a, _ := AuthorizationURL(amazonURL, Global.PortalRedirectURI(), Global); len(a.Notes) != 1 || a.Notes[0].Severity != Warning {
		t.Errorf("Amazon's URL, kept whole, got notes %+v; want one Warning (its fixed state kept)", a.Notes)
	}
}

func TestBadInputAuthorizationURL(t *testing.T) {
	sb, _ := Sandbox("http://127.0.0.1:8001")
	portal := Global.PortalRedirectURI()
	for _, tc := range []struct {
		pasted, redirect string
		cloud            Cloud
		want             string // in the error; "" for none
	}{
		{"http://127.0.0.1:8001/_vendor/authorize?client_id=x&response_type=code", sb.PortalRedirectURI(), sb, ""},
		{"", portal, Global, "required"},
		{" \n\t", portal, Global, "required"},
		{strings.Repeat("x", paste.MaxPasteBytes+1), portal, Global, "64 KiB"},
		{"https://v.example/" + strings.Repeat("a", paste.MaxPasteBytes), portal, Global, "KiB"},
		{"http://v.example/a", portal, Global, "https://"},
		{"http://127.0.0.1:8001/a", portal, Global, "https://"},
		{"http://10.1.2.3/a", sb.PortalRedirectURI(), sb, "https://"},
		{"javascript:alert(document.cookie)", portal, Global, "javascript: address"},
		{"JavaScript:alert(1)", portal, Global, "javascript: address"},
		{"data:text/html,<script>alert(1)</script>", portal, Global, "data: address"},
		{"https:///a?b=c", portal, Global, "no host"},
		{"https:opaque", portal, Global, "no host"},
		{"v.example/authorize?client_id=x", portal, Global, "no scheme"},
		{"https://v.example/a?client_id=x\n&scope=y", portal, Global, "a line break at character 32"},
		{"https://v.ex ample/a", portal, Global, "a space at character 13"},
		{"https://v.example/%zz", portal, Global, "not a web address"},
		{"https://v.example/a", "http://portal.azure.com/TokenAuthorize", Global, "Redirect URI starts with http://"},
		{"https://v.example/a", "", Global, "Redirect URI is required"},
	} {
		_, err := AuthorizationURL(tc.pasted, tc.redirect, tc.cloud)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("AuthorizationURL(%.40q) = %v, want nil", tc.pasted, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("AuthorizationURL(%.40q) = %v, want an error with %q", tc.pasted, err, tc.want)
		case err != nil && len(err.Error()) > 400:
			t.Errorf("AuthorizationURL(%.40q): a %d-byte message; the paste must not be echoed", tc.pasted, len(err.Error()))
		}
	}
}
