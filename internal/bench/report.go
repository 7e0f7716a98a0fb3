package main

import (
	"fmt"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"time"
)

// report renders the bench as markdown, printed and written to a file so
// the figures in docs/performance.md ("Latest figures") can be refreshed
// from a real run.
type report struct {
	sites  []*site // synctoken, floor (a), floor (b), floor (b+): buildAll's order
	runs   int
	chrome string
	flow   *flowResult
	quiet  *quiet // nil when the bench did not wait for a quiet machine
	took   time.Duration
}

// verdict is a budgeted row's last cell: whether synctoken's ratio to floor
// (b+) is within budget. A ratio that is not a number (a floor measured
// as zero) is over: a budget that cannot be checked is not met.
func verdict(ratio, budget float64) (cell string, over bool) {
	if ratio <= budget {
		return fmt.Sprintf("≤ %.2f× **PASS**", budget), false
	}
	return fmt.Sprintf("≤ %.2f× **OVER**", budget), true
}

// markdown returns the report and whether a budget was exceeded.
func (r report) markdown() (string, bool) {
	var b strings.Builder
	st, fa, fb, fbp := r.sites[0], r.sites[1], r.sites[2], r.sites[3]
	over := false

	fmt.Fprintf(&b, "## synctoken bench\n\n")
	fmt.Fprintf(&b, "%s, %s, %s, %d CPUs; medians of %d runs (min–max), fresh browser profile per load; sites served from loopback.\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), runtime.Version(), chromeVersion(r.chrome), runtime.NumCPU(), r.runs)
	fmt.Fprintf(&b, "| | synctoken | floor (a): go-app | floor (b): + MSAL sign-in URL | floor (b+): + redeem, refresh, cache | synctoken / floor (b) | synctoken / floor (b+) | budget (against b+) |\n")
	fmt.Fprintf(&b, "|---|--:|--:|--:|--:|--:|--:|---|\n")

	row := func(label string, v func(*site) float64, cell func(*site) string, budget float64) {
		ratio := v(st) / v(fbp)
		last := ""
		if budget > 0 {
			var o bool
			last, o = verdict(ratio, budget)
			over = over || o
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n",
			label, cell(st), cell(fa), cell(fb), cell(fbp), times(v(st), v(fb)), times(v(st), v(fbp)), last)
	}
	bytesRow := func(label string, n func(*site) int64, budget float64) {
		row(label, func(s *site) float64 { return float64(n(s)) }, func(s *site) string { return mb(n(s)) }, budget)
	}
	timeRow := func(label string, d func(load) time.Duration, budget float64) {
		row(label, func(s *site) float64 { return float64(median(s.loads, d)) }, func(s *site) string {
			lo, hi := spread(s.loads, d)
			return fmt.Sprintf("%d ms (%d–%d)", median(s.loads, d).Milliseconds(), lo.Milliseconds(), hi.Milliseconds())
		}, budget)
	}
	bytesRow("wasm raw", func(s *site) int64 { return s.size.Raw }, 0)
	bytesRow("wasm gzip (best)", func(s *site) int64 { return s.size.Gzip }, 0)
	bytesRow("wasm brotli (11)", func(s *site) int64 { return s.size.Brotli }, 0)
	bytesRow("first-visit transfer", func(s *site) int64 {
		return int64(median(s.loads, func(l load) time.Duration { return time.Duration(l.transfer) }))
	}, budgetTransfer)
	timeRow("cold: navigation → usable", func(l load) time.Duration { return l.cold }, budgetCold)
	timeRow("of cold: go.run → usable (Go's start, first render)", func(l load) time.Duration { return l.coldGo }, 0)
	timeRow("warm: from the service worker", func(l load) time.Duration { return l.warm }, budgetWarm)
	timeRow("of warm: go.run → usable (Go's start, first render)", func(l load) time.Duration { return l.warmGo }, 0)
	timeRow(fmt.Sprintf("cold over %s, %d ms latency: navigation → usable", throttleLabel, throttleLatency),
		func(l load) time.Duration { return l.throttled }, 0)
	bytesRow("served on first visit, worker's install included", func(s *site) int64 {
		return int64(median(s.loads, func(l load) time.Duration { return time.Duration(l.served) }))
	}, 0)
	// What the first render built: the more elements, the longer go.run → usable.
	elements := func(s *site) int {
		return int(median(s.loads, func(l load) time.Duration { return time.Duration(l.elements) }))
	}
	row("first screen: elements in the body", func(s *site) float64 { return float64(elements(s)) },
		func(s *site) string { return fmt.Sprint(elements(s)) }, 0)
	fmt.Fprintf(&b, "\nThe wasm was served with Content-Encoding: %s (synctoken), %s (floor a), %s (floor b), %s (floor b+): each site as its build writes it.\n",
		st.enc, fa.enc, fb.enc, fbp.enc)
	fmt.Fprintf(&b, "Budgets are ratios to floor (b+), what any go-app app that signs in and redeems with MSAL Go as synctoken does must cost; floors (a) and (b) are information. "+
		"First-visit transfer is Chromium's encodedDataLength summed over the page's requests until the service worker is active; "+
		"\"served\" is what the server sent meanwhile, the worker's install fetches included (the page does not see those). "+
		"\"Usable\" is the HTML parsed, go-app's loader gone and the first <label> visible (the first screen's elements are counted then, in the cold load's body); go.run is when the compiled wasm starts, so the rest of cold is the page, the download and the compile, and the rest of warm the page, the worker's answer and the compile. "+
		"The throttled row is a cold load in its own fresh browser whose tab's network Chromium emulates at %.0f Mbit/s down, %.0f Mbit/s up and %d ms latency per request (Network.emulateNetworkConditionsByRule; Chromium confirms it throttled the wasm's request): what an admin on a laptop waits, reported, not budgeted.\n",
		throttleDown*8/1e6, throttleUp*8/1e6, throttleLatency)
	if q := r.quiet; q != nil {
		fmt.Fprintf(&b, "Before each load the bench waited for the CPUs to be at most %.0f%% busy with other work (%s of waiting in all); %d of %d loads still found them busy after %s and were measured anyway.\n",
			quietBusy*100, q.waited.Round(time.Second), q.busy, q.loads, quietWait)
	} else {
		fmt.Fprintf(&b, "The bench did not wait for a quiet machine (-wait-quiet=false).\n")
	}

	if f := r.flow; f != nil {
		fmt.Fprintf(&b, "\n### Full sandbox flow: open, fill, sign in (popup), send, 204 (%.1f s)\n\n", f.took.Seconds())
		fmt.Fprintf(&b, "- requests: **%d** = %d to the site + %d to the sandbox (Entra + Graph); Chromium saw %d from the tab and %d from the popup once attached\n",
			f.siteRequests+f.sandboxRequests, f.siteRequests, f.sandboxRequests, f.pageRequests, f.popupRequests)
		verdict := "**PASS**"
		if f.signInPreflight > 0 {
			verdict = "**OVER**: MSAL's headers reach the sign-in host"
			over = true
		}
		fmt.Fprintf(&b, "- preflights to the sign-in host (OPTIONS …/oauth2/v2.0/token): %d, must be 0: %s\n", f.signInPreflight, verdict)
		fmt.Fprintf(&b, "- preflights to Graph (OPTIONS …/acquireAccessToken): %d (expected: the call carries Authorization)\n", f.graphPreflight)
		var paths []string
		for _, k := range sortedKeys(f.sandboxByPath) {
			paths = append(paths, fmt.Sprintf("%s ×%d", k, f.sandboxByPath[k]))
		}
		fmt.Fprintf(&b, "- at the sandbox: %s\n", strings.Join(paths, "; "))
		if len(f.twice) == 0 {
			fmt.Fprintf(&b, "- URLs the page fetched twice: none\n")
		} else {
			var twice []string
			for _, k := range sortedKeys(f.twice) {
				twice = append(twice, fmt.Sprintf("%s ×%d", k, f.twice[k]))
			}
			fmt.Fprintf(&b, "- URLs the page fetched more than once: %s\n", strings.Join(twice, "; "))
		}
	}
	result := "all budgets met"
	if over {
		result = "OVER BUDGET"
	}
	fmt.Fprintf(&b, "\n%s (bench took %s)\n", result, r.took.Round(time.Second))
	return b.String(), over
}

// times is a/b as a ratio cell, or "–" when b was not measured (a page
// whose go.run the bench could not see reports 0).
func times(a, b float64) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", a/b)
}

// median of one measure over the runs.
func median(loads []load, d func(load) time.Duration) time.Duration {
	if len(loads) == 0 {
		return 0
	}
	v := values(loads, d)
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}

func spread(loads []load, d func(load) time.Duration) (lo, hi time.Duration) {
	v := values(loads, d)
	if len(v) == 0 {
		return 0, 0
	}
	return v[0], v[len(v)-1]
}

func values(loads []load, d func(load) time.Duration) []time.Duration {
	v := make([]time.Duration, len(loads))
	for i, l := range loads {
		v[i] = d(l)
	}
	slices.Sort(v)
	return v
}

// mb writes bytes in decimal megabytes, as hosts and browsers report them.
func mb(n int64) string {
	return fmt.Sprintf("%.2f MB", float64(n)/1e6)
}

// chromeVersion names the browser the times were measured in.
func chromeVersion(chrome string) string {
	out, err := exec.Command(chrome, "--version").Output()
	if err != nil {
		return "Chromium"
	}
	return strings.TrimSpace(string(out))
}
