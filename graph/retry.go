package graph

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Backoff bounds the retries of a throttled or unavailable answer. The
// browser cannot read Graph's Retry-After (it is not exposed through CORS),
// so the wait grows exponentially from Base, capped at Max, with full jitter
// so that many tabs retrying at once spread out.
type Backoff struct {
	Attempts int           // sends in all, the first included
	Base     time.Duration // the wait before the second send, at most
	Max      time.Duration // no single wait is longer
	Total    time.Duration // no retry starts once this much time has passed since the first send

	// Rand returns a number in [0, 1); nil means math/rand/v2. Tests fix it.
	Rand func() float64
}

// DefaultBackoff is what the page uses: four sends within two minutes,
// waiting 1–2, 2–4 and 4–8 seconds. Its Advice is what the explanation of a
// throttled answer says, so the words follow these numbers.
var DefaultBackoff = Backoff{Attempts: 4, Base: 2 * time.Second, Max: 30 * time.Second, Total: 2 * time.Minute}

// Delay returns the wait after the given failed send (1 for the first).
// It lies between half and all of min(Base·2^(failed-1), Max): half at
// least, so a retry is never immediate.
func (b Backoff) Delay(failed int) time.Duration {
	d := b.step(failed)
	r := rand.Float64
	if b.Rand != nil {
		r = b.Rand
	}
	return d/2 + time.Duration(r()*float64(d/2))
}

// step is the longest wait after the given failed send.
func (b Backoff) step(failed int) time.Duration {
	d := b.Base
	for i := 1; i < failed && d < b.Max; i++ {
		d *= 2
	}
	return min(d, b.Max)
}

// ManualWait is how long to wait before sending again by hand once the
// retries are spent: the longest the next wait in the sequence would be.
func (b Backoff) ManualWait() time.Duration { return b.step(max(b.Attempts, 1)) }

// Advice says, from b's own numbers, what happens to a throttled answer
// and what to do once the retries are spent, for the explanation.
func (b Backoff) Advice() string {
	manual := "If Graph still refuses after that, wait at least " + durationText(b.ManualWait()) + " before sending again by hand, and double the wait after each refusal."
	if b.Attempts <= 1 {
		return "The browser cannot read Graph's Retry-After header. " + manual
	}
	waits := make([]string, b.Attempts-1)
	for i := range waits {
		s := b.step(i + 1)
		waits[i] = strings.TrimSuffix(durationText(s/2), " s") + "–" + durationText(s)
	}
	list := waits[0]
	if n := len(waits); n > 1 {
		list = strings.Join(waits[:n-1], ", ") + " and " + waits[n-1]
	}
	return "synctoken sends a throttled request again by itself, unchanged: up to " + strconv.Itoa(b.Attempts) + " sends within " + durationText(b.Total) + ", waiting " + list + " (the browser cannot read Graph's Retry-After header, so the wait grows). " + manual
}

// durationText writes a wait for a sentence: "1.5 s", "16 s", "2 minutes".
func durationText(d time.Duration) string {
	switch {
	case d == time.Minute:
		return "1 minute"
	case d > time.Minute && d%time.Minute == 0:
		return strconv.FormatInt(int64(d/time.Minute), 10) + " minutes"
	}
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + " s"
}

// retryable reports whether an answer is worth sending again unchanged:
// 429 Too Many Requests, 503 Service Unavailable and 504 Gateway Timeout.
// Anything else would fail the same way again.
func retryable(r Response) bool {
	switch r.Status {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// A Wait is a pause before a retry, announced so the page can count down.
type Wait struct {
	Attempt  int       // the send that will follow the wait (2 for the first retry)
	Attempts int       // the most sends there will be
	Until    time.Time // when the next send starts
	Last     Response  // the answer that is being retried
}

// SendRetrying sends r like Send and sends it again, unchanged (the same
// client-request-id, so support sees one operation), while the answer is
// retryable and b allows. Before each wait it calls onWait. Cancelling ctx
// ends a wait at once, with a "cancelled" SendError. It returns the last
// answer and how many sends were made.
func SendRetrying(ctx context.Context, c Doer, r Request, b Backoff, onWait func(Wait)) (Response, int, error) {
	start := time.Now()
	for attempt := 1; ; attempt++ {
		resp, err := Send(ctx, c, r)
		if err != nil || !retryable(resp) || attempt >= b.Attempts {
			return resp, attempt, err
		}
		d := b.Delay(attempt)
		if time.Since(start)+d > b.Total {
			return resp, attempt, nil
		}
		if onWait != nil {
			onWait(Wait{Attempt: attempt + 1, Attempts: b.Attempts, Until: time.Now().Add(d), Last: resp})
		}
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return resp, attempt, explainSendError(ctx.Err(), time.Since(start))
		}
	}
}
