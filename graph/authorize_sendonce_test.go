package graph

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestSendOncePolicy(t *testing.T) {
	code := []Credential{{"Oauth2AuthorizationCode", "abc"}, {"Oauth2RedirectUri", "https://portal.azure.com/TokenAuthorize"}}
	for _, tc := range []struct {
		name  string
		creds []Credential
		once  bool
	}{
		{"code", code, true},
		{"code last", []Credential{{"BaseAddress", "x"}, {"Oauth2AuthorizationCode", "c"}}, true},
		{"empty code", []Credential{{"Oauth2AuthorizationCode", ""}}, false},
		{"key in other case", []Credential{{"oauth2AuthorizationCode", "c"}}, true},
		{"key with spaces", []Credential{{" Oauth2AuthorizationCode\t", "c"}}, true},
		{"key with invisible characters", []Credential{{"\ufeffOauth2Authorization\u200bCode\u00a0", "c"}}, true},
		{"key upper case", []Credential{{"OAUTH2AUTHORIZATIONCODE", "c"}}, true},
		{"another Oauth2 key", []Credential{{"Oauth2AuthorizationUri", "c"}}, false},
		{"token connector", []Credential{{"BaseAddress", "x"}, {"SecretToken", "y"}}, false},
		{"none", nil, false},
	} {
		if got := CarriesAuthorizationCode(tc.creds); got != tc.once {
			t.Errorf("%s: CarriesAuthorizationCode = %v, want %v", tc.name, got, tc.once)
		}
		b := BackoffFor(tc.creds)
		if tc.once && b.Attempts != 1 || !tc.once && b.Attempts != DefaultBackoff.Attempts {
			t.Errorf("%s: BackoffFor gives %d attempts", tc.name, b.Attempts)
		}
	}
}

// TestSendOnceNeverResends: with sendOnce, a 429 is the answer, after one
// request, where DefaultBackoff would have sent again.
func TestSendOnceNeverResends(t *testing.T) {
	srv, n, _ := retryServer(t, 429, 503)
	waited := false
	resp, sends, err := SendRetrying(context.Background(), &Client{}, retryRequest(t, srv.URL), sendOnce, func(Wait) { waited = true })
	if err != nil || resp.Status != 429 || sends != 1 || n.Load() != 1 || waited {
		t.Errorf("got %d %v after %d sends (%d requests, waited %v); want 429 after 1", resp.Status, err, sends, n.Load(), waited)
	}
}

func TestCheckCodeAge(t *testing.T) {
	at := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		age  time.Duration
		sev  Severity
		want string // "" for no problem
	}{
		{0, 0, ""},
		{30 * time.Second, 0, ""},
		{5 * time.Minute, 0, ""},
		{5*time.Minute + time.Second, Warning, "5 minutes old"},
		{10 * time.Minute, Warning, "10 minutes"},
		{10*time.Minute + time.Second, Error, "Authorize again"},
		{3 * time.Hour, Error, "180 minutes"},
	} {
		ps := CheckCodeAge(at, at.Add(tc.age))
		switch {
		case tc.want == "" && len(ps) != 0:
			t.Errorf("age %s: %+v, want nothing", tc.age, ps)
		case tc.want != "" && (len(ps) != 1 || ps[0].Severity != tc.sev || !strings.Contains(ps[0].Message, tc.want)):
			t.Errorf("age %s: %+v, want a %s with %q", tc.age, ps, tc.sev, tc.want)
		}
	}
	if ps := CheckCodeAge(time.Time{}, at); ps != nil {
		t.Errorf("no time obtained: %+v", ps)
	}
}

func TestExplainCodeSend(t *testing.T) {
	for _, tc := range []struct {
		name string
		resp *Response
		err  error
		want []string // each in Title, Cause or Next
	}{
		{"204", &Response{Status: 204, Reason: "No Content"}, nil, []string{"Code handed over", "redeems it with the vendor", "Test connection"}},
		{"429", graphAnswer(429, "Too Many Requests", "TooManyRequests", ""), nil, []string{"429 Too Many Requests", "not sent again", "Authorize again"}},
		{"503", &Response{Status: 503, Reason: "Service Unavailable"}, nil, []string{"503", "was not retried", "fresh code"}},
		{"504", &Response{Status: 504}, nil, []string{"504 Gateway Timeout", "Authorize again"}},
		{"timeout", nil, &SendError{Kind: "timeout", Message: "x", Err: context.DeadlineExceeded}, []string{"not sent again", "Authorize again"}},
		{"network", nil, &SendError{Kind: "network", Message: "x", Err: ErrFetch}, []string{"may have passed it", "do not send this code again"}},
		{"cancelled", nil, &SendError{Kind: "cancelled", Message: "x", Err: context.Canceled}, []string{"may have spent it", "Authorize again"}},
		{"used", graphAnswer(400, "Bad Request", "BadRequest", "The provisioning service could not redeem the authorization code: invalid_grant: The authorization code has already been used."), nil,
			[]string{"used already", "redeems a code once", "fresh code"}},
		{"expired", graphAnswer(400, "Bad Request", "BadRequest", "invalid_grant: The authorization code has expired."), nil, []string{"expired", "within minutes"}},
		{"redirect", graphAnswer(400, "Bad Request", "BadRequest", "invalid_grant: The redirect_uri does not match the one the code was issued for."), nil,
			[]string{"redirect URI differs", "character for character"}},
		{"unknown", graphAnswer(400, "Bad Request", "BadRequest", "invalid_grant: The authorization code is not valid."), nil, []string{"refused the code", "landing address whole"}},
		{"500", graphAnswer(500, "Internal Server Error", "InternalServerError", ""), nil, []string{"Graph failed", "may have been spent", "Authorize again"}},
		{"404", graphAnswer(404, "Not Found", "Request_ResourceNotFound", ""), nil, []string{"Object not found"}},
	} {
		x := ExplainCodeSend(tc.resp, tc.err, nil, Global, ServicePrincipals)
		all := x.Title + " | " + x.Cause + " | " + x.Next
		for _, w := range tc.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: %q lacks %q", tc.name, all, w)
			}
		}
		if x.Retryable {
			t.Errorf("%s: Retryable; a code is never sent twice", tc.name)
		}
		if plain := Explain(tc.resp, tc.err, nil, Global, ServicePrincipals); tc.name == "429" && !plain.Retryable {
			t.Errorf("Explain itself no longer retries a 429: this test checks the wrong thing")
		}
	}
	if x := ExplainCodeSend(nil, nil, nil, Global, ServicePrincipals); x.Title != "Not sent" {
		t.Errorf("nothing sent: %+v", x)
	}
}

func TestExplainSave(t *testing.T) {
	x := ExplainSave(&Response{Status: 204, Reason: "No Content"}, nil, nil, Global)
	if !strings.Contains(x.Title, "Saved") || !strings.Contains(x.Cause, "a few seconds later") || strings.Contains(x.Cause, "acquired its token") {
		t.Errorf("204: %+v", x)
	}
	withBody := &Response{Status: 200, Reason: "OK", Body: []byte(`{"value":[{"key":"SecretToken","value":"*"}]}`)}
	if x := ExplainSave(withBody, nil, nil, Global); x.Title != "Saved (200 OK)" || !strings.Contains(x.Cause, "reads them back") || !SaveSucceeded(withBody) {
		t.Errorf("200 with a body is success too: %+v", x)
	}
	for _, resp := range []*Response{{Status: 201}, {Status: 202}} {
		if x := ExplainSave(resp, nil, nil, Global); !strings.HasPrefix(x.Title, "Saved (") || !SaveSucceeded(resp) {
			t.Errorf("%d: %+v", resp.Status, x)
		}
	}
	if SaveSucceeded(nil) || SaveSucceeded(&Response{Status: 304}) || SaveSucceeded(&Response{Status: 400}) {
		t.Error("SaveSucceeded holds for a failure")
	}
	for _, resp := range []*Response{graphAnswer(403, "Forbidden", "Authorization_RequestDenied", ""), {Status: 503}} {
		if got, want := ExplainSave(resp, nil, nil, Global), Explain(resp, nil, nil, Global, ServicePrincipals); got != want {
			t.Errorf("%d: %+v, want Explain's %+v", resp.Status, got, want)
		}
	}
}
