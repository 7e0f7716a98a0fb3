package app

import (
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// The page's clock. A few things the page shows depend on the time: the
// token's expiry countdown and the warning that it expired, an
// authorization code's age, the countdown to a retry. go-app v9 redraws
// (and diffs) the whole page on every dispatch, so a clock that
// dispatched every second would redraw it every second for the life of
// the tab. Instead, every render draws them at the time it runs (p.now),
// and the clock, which runs only while one of them is on the page, wakes
// when the first of them can next change (once a minute for a token's
// countdown in minutes, every second for a retry's), checks on go-app's
// UI goroutine without an update of its own (app.Next), and asks for a
// render only when their text did change. TestBrowserIdlePageDoesNotRender
// measures it.

// clockState is the clock's pending wake, and what the time-dependent
// parts of the page read at the last render.
type clockState struct {
	timer *time.Timer
	at    time.Time // when timer fires
	gen   int       // of the pending wake: an older one that fires anyway is ignored
	shown string    // timeShown at the last render
}

// counting reports whether anything on the page depends on the time.
func (p *Page) counting() bool {
	return strings.TrimSpace(p.auth.token) != "" ||
		(p.out.wait != nil && p.out.sending) ||
		p.authz.holdsFilledCode()
}

// timeShown is all the page shows that depends on the time, as it reads
// at now: what the clock compares. It is drawn with the same functions
// as the page (expiry, Claims.Check, codeAge, retryLeft).
func (p *Page) timeShown(now time.Time) string {
	var b strings.Builder
	if strings.TrimSpace(p.auth.token) != "" {
		if c, err := graph.DecodeToken(p.auth.token); err == nil {
			b.WriteString(expiry(c.Expires, now))
			for _, pr := range c.Check(p.target.cloud, now) {
				b.WriteString("\n" + pr.Message)
			}
		}
	}
	for _, pr := range p.authz.codeAge(now) {
		b.WriteString("\n" + pr.Message)
	}
	if w := p.out.wait; w != nil && p.out.sending {
		b.WriteString("\nretry " + strconv.Itoa(retryLeft(w, now)))
	}
	return b.String()
}

// nextChange is how long from now until timeShown can first read
// differently: never later than that, sometimes earlier (the clock then
// checks and sleeps again). TestClockWakesAtTheNextChange holds it to
// the texts.
func (p *Page) nextChange(now time.Time) time.Duration {
	const minute = time.Minute
	next := minute // nothing below changes sooner: check once a minute
	if strings.TrimSpace(p.auth.token) != "" {
		if c, err := graph.DecodeToken(p.auth.token); err == nil && !c.Expires.IsZero() {
			// "in N min" (expiry) changes each time a whole minute of the
			// token's life ends; then the seconds left, and those since
			// it expired, change every second.
			if d := c.Expires.Sub(now); d >= 2*minute {
				next = min(next, d%minute)
			} else {
				next = min(next, untilRounded(d))
			}
			if c.NotBefore.After(now) { // "valid only from … (in 4m2s)"
				next = min(next, untilRounded(c.NotBefore.Sub(now)))
			}
		}
	}
	if p.authz.holdsFilledCode() {
		// A code's age is told in whole minutes (graph.CheckCodeAge).
		next = min(next, minute-now.Sub(p.authz.codeAt)%minute)
	}
	if w := p.out.wait; w != nil && p.out.sending {
		next = min(next, untilRounded(w.Until.Sub(now)))
	}
	// Just past the change, never before it.
	return next + 20*time.Millisecond
}

// untilRounded is how long until d, a time to or (negative) since a moment,
// reads differently rounded to the second, as the page writes it.
func untilRounded(d time.Duration) time.Duration {
	r := (d - 500*time.Millisecond) % time.Second
	if r < 0 {
		r += time.Second
	}
	return r
}

// clockRender is called first by Render: the render draws the time as it
// is, and the clock wakes at the next change of what it draws, or stops
// when nothing on the page counts. Render is where every change of the
// page's state ends, so no handler has to remember the clock.
func (p *Page) clockRender() {
	if !app.IsClient || p.session.page == nil {
		return
	}
	p.now = time.Now()
	if !p.counting() {
		p.stopClock()
		return
	}
	p.clock.shown = p.timeShown(p.now)
	p.wakeAt(p.now.Add(p.nextChange(p.now)))
}

// wakeAt has tick run at the time at, unless a wake is due before.
func (p *Page) wakeAt(at time.Time) {
	c := &p.clock
	if c.timer != nil && !c.at.After(at) {
		return
	}
	p.stopClock()
	wake := c.gen
	c.at = at
	c.timer = time.AfterFunc(time.Until(at), func() {
		p.session.page.Dispatcher().Dispatch(app.Dispatch{Mode: app.Next, Source: p, Function: func(ctx app.Context) {
			if wake == p.clock.gen {
				p.tick(ctx)
			}
		}})
	})
}

// stopClock cancels the pending wake.
func (p *Page) stopClock() {
	c := &p.clock
	if c.timer != nil {
		c.timer.Stop()
		c.timer = nil
	}
	c.gen++
}

// tick redraws the page when what it shows of the time changed, and
// otherwise sleeps until the next change.
func (p *Page) tick(ctx app.Context) {
	defer recovered(ctx)
	p.clock.timer = nil
	if !p.counting() {
		return
	}
	now := time.Now()
	if p.timeShown(now) != p.clock.shown {
		p.dispatch(ctx, func(app.Context) {}) // the render moves p.now and sets the next wake
		return
	}
	p.wakeAt(now.Add(p.nextChange(now)))
}
