package signin_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"synctoken/graph"
	"synctoken/graph/graphtest"
)

// corsBrowser is browser with the browser's CORS check: an answer to a
// cross-origin request that lacks Access-Control-Allow-Origin never
// reaches the page, whose fetch fails as Chromium's does.
type corsBrowser struct{ browser }

func (b *corsBrowser) Do(req *http.Request) (*http.Response, error) {
	resp, err := b.browser.Do(req)
	if err == nil && resp.Header.Get("Access-Control-Allow-Origin") == "" {
		resp.Body.Close()
		return nil, fmt.Errorf("%w: TypeError: Failed to fetch", graph.ErrFetch)
	}
	return resp, err
}

// TestTokenRefusalWithoutCORS: Entra sends some refusals from its token
// endpoint (401s) without CORS headers, so the page gets no answer at
// all. The message must not only say the service could not be reached:
// Entra may have refused, and the admin is told what to check.
func TestTokenRefusalWithoutCORS(t *testing.T) {
	sb := graphtest.NewServer()
	t.Cleanup(sb.Close)
	sb.AllowRedirectURI(appURL)
	si, _ := newSignIn(t, sb, &corsBrowser{browser{origin: strings.TrimSuffix(appURL, "/")}}, "organizations")
	ctx := context.Background()
	refusal := graphtest.TokenFailure{Code: "invalid_client", AADSTS: 7000218, Status: http.StatusUnauthorized,
		Description: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."}

	// Readable, the refusal is shown as Entra words it.
	sb.FailTokenWith(refusal)
	authURL, pending, err := si.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	_, err = si.Complete(ctx, pending, pickUser(t, authURL, "user-admin"))
	if err == nil || !strings.HasPrefix(err.Error(), "Entra ID refused: AADSTS7000218") {
		t.Errorf("a readable refusal: %v", err)
	}

	// Without CORS headers, only the browser's failure reaches the page.
	refusal.NoCORS = true
	sb.FailTokenWith(refusal)
	authURL, pending, err = si.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	_, err = si.Complete(ctx, pending, pickUser(t, authURL, "user-admin"))
	if err == nil {
		t.Fatal("the sign-in succeeded")
	}
	msg := err.Error()
	for _, want := range []string{"Entra ID may have refused", "Single-page application", "consent", "Tenant", "offline"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q: %s", want, msg)
		}
	}

	// The next sign-in works: the failure was used up.
	authURL, pending, _ = si.Begin(ctx)
	if _, err := si.Complete(ctx, pending, pickUser(t, authURL, "user-admin")); err != nil {
		t.Errorf("sign-in after the refusal: %v", err)
	}
}
