package graph

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

// countingDoer answers every request with an empty list and counts them.
type countingDoer struct{ n int }

func (d *countingDoer) Do(r *http.Request) (*http.Response, error) {
	d.n++
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(strings.NewReader(`{"value":[]}`)), Request: r}, nil
}

// TestReadSecretsNeverFetchesWhenCancelled: a read after a Save whose
// context was cancelled (the page signed out, another Save began) sends
// nothing, whatever the Doer does with a cancelled request.
func TestReadSecretsNeverFetchesWhenCancelled(t *testing.T) {
	target := SyncTarget{Cloud: Global, ServicePrincipalID: snippetObjectID, Token: snippetToken}
	d := &countingDoer{}
	if _, err := ReadSecrets(context.Background(), d, target); err != nil || d.n != 1 {
		t.Fatalf("a live read: %v, %d requests", err, d.n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ReadSecrets(ctx, d, target)
	if d.n != 1 {
		t.Errorf("a read on a cancelled context sent a request (%d in all)", d.n)
	}
	if err == nil || !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want one wrapping context.Canceled", err)
	}
}
