package signin_test

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"

	"synctoken/graph/graphtest"
	"synctoken/graph/signin"
)

// TestBeginAsksForTheAnswerInTheFragment: the code must come back where
// the host never sees it, and the popup's state must say it is a popup's.
func TestBeginAsksForTheAnswerInTheFragment(t *testing.T) {
	_, _, si, _ := sandboxSignIn(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		begin func(context.Context, ...string) (string, signin.Pending, error)
		popup bool
	}{{"Begin", si.Begin, false}, {"BeginPopup", si.BeginPopup, true}} {
		authURL, pending, err := tc.begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(authURL)
		q := u.Query()
		if got := q["response_mode"]; len(got) != 1 || got[0] != "fragment" {
			t.Errorf("%s: response_mode = %q, want [fragment]", tc.name, got)
		}
		if q.Get("state") != pending.State || len(pending.State) < 32 {
			t.Errorf("%s: state %q in the URL, %q pending", tc.name, q.Get("state"), pending.State)
		}
		answer, _ := url.Parse(appURL + "#code=c&state=" + url.QueryEscape(pending.State) + "&session_state=s")
		if state, ok := signin.PopupAnswer(answer); ok != tc.popup || (ok && state != pending.State) {
			t.Errorf("%s: PopupAnswer = %q, %v; want popup %v", tc.name, state, ok, tc.popup)
		}
	}
	_, a, _ := si.BeginPopup(ctx)
	_, b, _ := si.BeginPopup(ctx)
	if a.State == b.State {
		t.Error("two popup sign-ins got the same state")
	}
}

func TestIsCallbackReadsFragmentAndQuery(t *testing.T) {
	for raw, want := range map[string]bool{
		appURL + "#code=abc&state=xyz&session_state=s":            true,
		appURL + "#error=access_denied&state=xyz":                 true,
		appURL + "#state=xyz&session_state=s":                     true,
		appURL + "?code=abc&state=xyz":                            true, // begun by an earlier version
		appURL + "?error=invalid_request":                         true,
		appURL:                                                    false,
		appURL + "#history":                                       false, // an anchor, not an answer
		appURL + "#state=xyz":                                     false,
		appURL + "?tab=1#code-section":                            false,
		appURL + "#popup.state%3Dx":                               false,
		"http://127.0.0.1:8000/sub/?x=1#code=a%2Bb&state=p.q%26r": true,
	} {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		if got := signin.IsCallback(u); got != want {
			t.Errorf("IsCallback(%s) = %v, want %v", raw, got, want)
		}
	}
	u, _ := url.Parse(appURL + "#code=a&state=" + url.QueryEscape("popup.x&y") + "&session_state=s")
	if state, ok := signin.PopupAnswer(u); !ok || state != "popup.x&y" {
		t.Errorf("PopupAnswer decodes the fragment wrongly: %q %v", state, ok)
	}
	for raw, want := range map[string]bool{
		appURL + "?code=a&state=popup.x": true, // a popup's answer still, though in the query
		appURL + "#code=a&state=popup.":  false,
		appURL + "#state=popup.x":        false, // no answer
		appURL + "#code=a&state=x":       false, // a full-page sign-in's
	} {
		u, _ := url.Parse(raw)
		if _, ok := signin.PopupAnswer(u); ok != want {
			t.Errorf("PopupAnswer(%s) = %v, want %v", raw, ok, want)
		}
	}
}

// TestAnswerState reads the state where IsCallback reads the answer: the
// page tells a vendor's answer from a sign-in's by it.
func TestAnswerState(t *testing.T) {
	for raw, want := range map[string]string{
		appURL + "?code=sbx%2Fabc&state=v1&scope=users%3Aread": "v1", // a vendor's, in the query
		appURL + "#code=a&state=popup.x%26y&session_state=s":   "popup.x&y",
		appURL + "?state=q#code=a&state=f":                     "f", // the fragment's answer wins
		appURL + "?error=access_denied&state=v2":               "v2",
		appURL + "?state=v3":                                   "", // no answer
		appURL + "?code=a":                                     "",
		appURL:                                                 "",
	} {
		u, _ := url.Parse(raw)
		if got := signin.AnswerState(u); got != want {
			t.Errorf("AnswerState(%s) = %q, want %q", raw, got, want)
		}
	}
}

// TestCompleteReadsTheAnswerFromTheFragment signs in against the sandbox,
// which honours response_mode=fragment, and checks a fragment's state and
// error the way Complete checks a query's.
func TestCompleteReadsTheAnswerFromTheFragment(t *testing.T) {
	_, _, si, _ := sandboxSignIn(t)
	ctx := context.Background()
	authURL, pending, err := si.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	callback := pickUser(t, authURL, "user-admin")
	if callback.RawQuery != "" || !strings.Contains(callback.Fragment, "code=") {
		t.Fatalf("the sandbox answered in %q, want the fragment", callback)
	}
	if acct, err := si.Complete(ctx, pending, callback); err != nil || acct.UPN != graphtest.AdminUPN {
		t.Fatalf("Complete from the fragment: %+v, %v", acct, err)
	}

	_, pending, _ = si.Begin(ctx)
	frag := func(f string) *url.URL { u, _ := url.Parse(appURL + "#" + f); return u }
	if _, err := si.Complete(ctx, pending, frag("code=x&state=forged")); !errors.Is(err, signin.ErrStateMismatch) {
		t.Errorf("forged state in the fragment: %v", err)
	}
	_, err = si.Complete(ctx, pending, frag("error=access_denied&error_description=AADSTS65004%3A+declined&state="+url.QueryEscape(pending.State)))
	var ae *signin.AuthorizeError
	if !errors.As(err, &ae) || ae.Code != "access_denied" || !strings.Contains(ae.Description, "AADSTS65004") {
		t.Errorf("error in the fragment: %v", err)
	}
	// The fragment wins over a query that the page's own address carries.
	u, _ := url.Parse(appURL + "?state=" + url.QueryEscape(pending.State) + "#code=x&state=forged")
	if _, err := si.Complete(ctx, pending, u); !errors.Is(err, signin.ErrStateMismatch) {
		t.Errorf("query read before the fragment: %v", err)
	}
}
