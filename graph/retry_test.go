package graph

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestBackoffDelay(t *testing.T) {
	b := Backoff{Attempts: 6, Base: time.Second, Max: 5 * time.Second, Total: time.Minute}
	for _, tc := range []struct {
		failed   int
		r        float64
		want     time.Duration
		describe string
	}{
		{1, 0, 500 * time.Millisecond, "the least wait is half of Base"},
		{1, 0.999999, time.Second, "the most is Base"},
		{2, 0.5, 1500 * time.Millisecond, "doubles"},
		{3, 0, 2 * time.Second, "doubles again"},
		{4, 0.999999, 5 * time.Second, "capped at Max"},
		{40, 0, 2500 * time.Millisecond, "stays capped, no overflow"},
	} {
		b.Rand = func() float64 { return tc.r }
		if got := b.Delay(tc.failed).Round(time.Millisecond); got != tc.want {
			t.Errorf("Delay(%d) with r=%v = %v, want %v (%s)", tc.failed, tc.r, got, tc.want, tc.describe)
		}
	}
	b.Rand = nil
	for range 100 {
		if d := b.Delay(2); d < time.Second || d > 2*time.Second {
			t.Fatalf("Delay(2) = %v, outside [1s, 2s]", d)
		}
	}
}

func TestRetryable(t *testing.T) {
	for status, want := range map[int]bool{429: true, 503: true, 504: true, 500: false, 502: false, 400: false, 204: false, 401: false} {
		if got := retryable(Response{Status: status}); got != want {
			t.Errorf("retryable(%d) = %v, want %v", status, got, want)
		}
	}
}

// retryServer answers the statuses in order, then 204, counting requests
// and remembering each client-request-id.
func retryServer(t *testing.T, statuses ...int) (*httptest.Server, *atomic.Int32, *[]string) {
	var n atomic.Int32
	var ids []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		ids = append(ids, r.Header.Get("client-request-id"))
		if i < len(statuses) {
			w.WriteHeader(statuses[i])
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	return srv, &n, &ids
}

func retryRequest(t *testing.T, url string) Request {
	sb, ok := Sandbox(url)
	if !ok {
		t.Fatalf("Sandbox(%q) refused", url)
	}
	in := validInput()
	in.Cloud = sb
	req, err := Build(in, "cid-1")
	if err != nil {
		t.Fatal(err)
	}
	return req
}

var quick = Backoff{Attempts: 4, Base: 4 * time.Millisecond, Max: 20 * time.Millisecond, Total: time.Second,
	Rand: func() float64 { return 0 }}

func TestSendRetrying(t *testing.T) {
	srv, n, ids := retryServer(t, 429, 503, 504)
	var waits []Wait
	resp, sends, err := SendRetrying(context.Background(), &Client{}, retryRequest(t, srv.URL), quick, func(w Wait) { waits = append(waits, w) })
	if err != nil || !resp.OK() || sends != 4 || n.Load() != 4 {
		t.Fatalf("got %d %v after %d sends (%d requests), want 204 after 4", resp.Status, err, sends, n.Load())
	}
	if len(waits) != 3 || waits[0].Attempt != 2 || waits[2].Attempt != 4 || waits[0].Attempts != 4 ||
		waits[0].Last.Status != 429 || waits[1].Last.Status != 503 || waits[2].Last.Status != 504 {
		t.Errorf("waits = %+v", waits)
	}
	for _, id := range *ids {
		if id != "cid-1" {
			t.Errorf("a retry carried client-request-id %q, want the original cid-1", id)
		}
	}
}

func TestSendRetryingBounds(t *testing.T) {
	t.Run("attempts", func(t *testing.T) {
		srv, n, _ := retryServer(t, 503, 503, 503, 503, 503, 503)
		resp, sends, err := SendRetrying(context.Background(), &Client{}, retryRequest(t, srv.URL), quick, nil)
		if err != nil || resp.Status != 503 || sends != 4 || n.Load() != 4 {
			t.Errorf("got %d %v after %d sends (%d requests), want 503 after 4", resp.Status, err, sends, n.Load())
		}
	})
	t.Run("total time", func(t *testing.T) {
		srv, n, _ := retryServer(t, 503, 503, 503, 503, 503, 503)
		// Waits of 100, 200 and 400 ms: the third would end past 700 ms
		// whatever the machine's load (each send may take up to ~200 ms).
		b := Backoff{Attempts: 6, Base: 200 * time.Millisecond, Max: time.Second, Total: 700 * time.Millisecond,
			Rand: func() float64 { return 0 }}
		_, sends, _ := SendRetrying(context.Background(), &Client{}, retryRequest(t, srv.URL), b, nil)
		if sends != 3 || n.Load() != 3 {
			t.Errorf("%d sends (%d requests), want 3 within the total", sends, n.Load())
		}
	})
	t.Run("not retryable", func(t *testing.T) {
		srv, n, _ := retryServer(t, 500, 503)
		resp, sends, _ := SendRetrying(context.Background(), &Client{}, retryRequest(t, srv.URL), quick, nil)
		if resp.Status != 500 || sends != 1 || n.Load() != 1 {
			t.Errorf("500 was retried: %d sends", sends)
		}
	})
	t.Run("cancel during the wait", func(t *testing.T) {
		srv, n, _ := retryServer(t, 429, 429)
		b := quick
		b.Base, b.Max, b.Total = time.Hour, time.Hour, 10*time.Hour
		ctx, cancel := context.WithCancel(context.Background())
		start := time.Now()
		resp, sends, err := SendRetrying(ctx, &Client{}, retryRequest(t, srv.URL), b, func(Wait) { cancel() })
		var se *SendError
		if !errors.As(err, &se) || se.Kind != "cancelled" || resp.Status != 429 || sends != 1 || n.Load() != 1 {
			t.Errorf("got %d, %v, %d sends; want the 429 and a cancelled error after 1 send", resp.Status, err, sends)
		}
		if time.Since(start) > 5*time.Second {
			t.Errorf("cancel did not cut the wait short")
		}
	})
}

// TestBusyAdviceFollowsBackoff ties the explanation of a throttled answer
// to the backoff the page retries with: every number it says comes from
// DefaultBackoff, and another backoff says other numbers.
func TestBusyAdviceFollowsBackoff(t *testing.T) {
	b := DefaultBackoff
	x := Explain(&Response{Status: 429, Reason: "Too Many Requests"}, nil, nil, Global, ServicePrincipals)
	if x.Next != b.Advice() {
		t.Errorf("the 429 explanation does not give the backoff's advice:\n%s", x.Next)
	}
	want := []string{fmt.Sprintf("up to %d sends", b.Attempts), "within " + durationText(b.Total),
		"wait at least " + durationText(b.ManualWait()) + " before sending again"}
	for failed := 1; failed < b.Attempts; failed++ {
		b.Rand = func() float64 { return 0 }
		least := b.Delay(failed)
		b.Rand = func() float64 { return 1 }
		most := b.Delay(failed)
		want = append(want, strings.TrimSuffix(durationText(least), " s")+"–"+durationText(most))
	}
	if next := b.Delay(b.Attempts); next > b.ManualWait() {
		t.Errorf("the wait advised by hand, %v, is shorter than the backoff's next wait, %v", b.ManualWait(), next)
	}
	for _, w := range want {
		if !strings.Contains(x.Next, w) {
			t.Errorf("advice lacks %q (from DefaultBackoff):\n%s", w, x.Next)
		}
	}
	if strings.Contains(x.Next, "30 seconds") {
		t.Errorf("advice keeps a wait the page does not use:\n%s", x.Next)
	}
	t.Logf("DefaultBackoff %+v → %s", DefaultBackoff, x.Next)

	other := Backoff{Attempts: 3, Base: 500 * time.Millisecond, Max: 10 * time.Second, Total: time.Minute}.Advice()
	for _, w := range []string{"up to 3 sends", "within 1 minute", "0.25–0.5 s and 0.5–1 s", "wait at least 2 s"} {
		if !strings.Contains(other, w) {
			t.Errorf("another backoff's advice lacks %q:\n%s", w, other)
		}
	}
}
