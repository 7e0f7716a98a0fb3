package main

import (
	"math"
	"strings"
	"testing"
	"time"
)

// benchSites are the four sites of a report with made-up measures: each
// floor costs what it is given, synctoken what st is, every run alike.
func benchSites(st, fa, fb, fbp load) []*site {
	mk := func(name string, l load) *site {
		return &site{name: name, enc: "br", size: sizes{Raw: l.transfer * 5, Gzip: l.transfer * 4 / 3, Brotli: l.transfer},
			loads: []load{l, l, l}}
	}
	return []*site{mk("synctoken", st), mk("floor (a)", fa), mk("floor (b)", fb), mk("floor (b+)", fbp)}
}

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

// line returns the report's table row that starts with label.
func line(t *testing.T, text, label string) string {
	t.Helper()
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, "| "+label+" |") {
			return l
		}
	}
	t.Fatalf("no row %q in:\n%s", label, text)
	return ""
}

var (
	floorA  = load{transfer: 1_440_000, cold: ms(1300), warm: ms(440), throttled: ms(1900), served: 1_440_000}
	floorB  = load{transfer: 1_610_000, cold: ms(1550), warm: ms(520), throttled: ms(2100), served: 1_610_000}
	floorBP = load{transfer: 1_640_000, cold: ms(1600), warm: ms(530), throttled: ms(2150), served: 1_640_000}
)

// Within budget against floor (b+) passes even where the same figures
// would be over those budgets measured against floor (b) (1.10×, 1.15×,
// 1.10×): floor (b+) decides.
func TestReportDecidesAgainstFloorBPlus(t *testing.T) {
	st := load{transfer: 1_880_000, cold: ms(1960), warm: ms(550), throttled: ms(9000), served: 1_880_000} // 1.146×, 1.225×, 1.038× of b+
	text, over := report{sites: benchSites(st, floorA, floorB, floorBP), runs: 3}.markdown()
	if over {
		t.Errorf("over budget, want within (every ratio to floor (b+) is under its budget):\n%s", text)
	}
	if strings.Contains(text, "OVER") {
		t.Errorf("a row says OVER:\n%s", text)
	}
	for label, want := range map[string]string{
		"first-visit transfer":          "| 1.17× | 1.15× | ≤ 1.15× **PASS** |",
		"cold: navigation → usable":     "| 1.26× | 1.23× | ≤ 1.25× **PASS** |",
		"warm: from the service worker": "| 1.06× | 1.04× | ≤ 1.25× **PASS** |",
	} {
		if l := line(t, text, label); !strings.HasSuffix(l, want) {
			t.Errorf("row %q = %s\nwant it to end %s", label, l, want)
		}
	}
	// The throttled row is information: 4.19× of floor (b+), no verdict.
	l := line(t, text, "cold over 20 Mbit/s, 40 ms latency: navigation → usable")
	if !strings.HasSuffix(l, "| 9000 ms (9000–9000) | 1900 ms (1900–1900) | 2100 ms (2100–2100) | 2150 ms (2150–2150) | 4.29× | 4.19× |  |") {
		t.Errorf("throttled row = %s", l)
	}
	if !strings.Contains(text, "all budgets met") {
		t.Errorf("no \"all budgets met\":\n%s", text)
	}
}

// Each budget alone, exceeded against floor (b+), makes the bench fail,
// however the ratio to floor (b) looks.
func TestReportOverBudgetAgainstFloorBPlus(t *testing.T) {
	within := load{transfer: 1_700_000, cold: ms(1700), warm: ms(540), throttled: ms(2200), served: 1_700_000}
	for _, c := range []struct {
		label string
		edit  func(*load)
	}{
		{"first-visit transfer", func(l *load) { l.transfer = 1_900_000 }},    // 1.16×
		{"cold: navigation → usable", func(l *load) { l.cold = ms(2010) }},    // 1.26×
		{"warm: from the service worker", func(l *load) { l.warm = ms(670) }}, // 1.264×
	} {
		st := within
		c.edit(&st)
		text, over := report{sites: benchSites(st, floorA, floorB, floorBP), runs: 3}.markdown()
		if !over {
			t.Errorf("%s: within budget, want over:\n%s", c.label, text)
		}
		if l := line(t, text, c.label); !strings.Contains(l, "**OVER**") {
			t.Errorf("%s: row = %s, want OVER", c.label, l)
		}
		if n := strings.Count(text, "**OVER**"); n != 1 {
			t.Errorf("%s: %d rows OVER, want 1:\n%s", c.label, n, text)
		}
		if !strings.Contains(text, "OVER BUDGET") {
			t.Errorf("%s: no \"OVER BUDGET\":\n%s", c.label, text)
		}
	}
	// A slow throttled load alone is not over: the row is information.
	st := within
	st.throttled = ms(60000)
	if text, over := (report{sites: benchSites(st, floorA, floorB, floorBP), runs: 3}).markdown(); over {
		t.Errorf("a throttled load made the bench fail:\n%s", text)
	}
}

func TestVerdict(t *testing.T) {
	for _, c := range []struct {
		ratio, budget float64
		over          bool
	}{
		{1.00, 1.05, false},
		{1.05, 1.05, false},
		{1.0501, 1.05, true},
		{math.NaN(), 1.05, true}, // a floor measured as zero cannot pass
		{math.Inf(1), 1.25, true},
	} {
		cell, over := verdict(c.ratio, c.budget)
		if over != c.over {
			t.Errorf("verdict(%v, %v) over = %v, want %v (%s)", c.ratio, c.budget, over, c.over, cell)
		}
		if want := map[bool]string{false: "**PASS**", true: "**OVER**"}[c.over]; !strings.Contains(cell, want) {
			t.Errorf("verdict(%v, %v) = %q, want %s", c.ratio, c.budget, cell, want)
		}
	}
}

// TestReportSplitsWarm: the row under warm says how much of it came after
// go.run (Go's start and the first render), for each site, unbudgeted:
// that is where synctoken's warm gap to the floors lies.
func TestReportSplitsWarm(t *testing.T) {
	st, fbp := floorBP, floorBP
	st.warm, st.warmGo = ms(600), ms(90)
	fbp.warmGo = ms(15)
	text, _ := report{sites: benchSites(st, floorA, floorB, fbp), runs: 3}.markdown()
	l := line(t, text, "of warm: go.run → usable (Go's start, first render)")
	for _, want := range []string{"| 90 ms (90–90) |", "| 15 ms (15–15) |", "| – | 6.00× |"} {
		if !strings.Contains(l, want) {
			t.Errorf("row %s\nlacks %s", l, want)
		}
	}
	if strings.Contains(l, "PASS") || strings.Contains(l, "OVER") {
		t.Errorf("the split is budgeted: %s", l)
	}
}

// TestReportCountsFirstScreen: a row says how many elements each site's
// body held at its first usable render (issue 19: the first screen is what
// the warm load waits for), as a median, unbudgeted.
func TestReportCountsFirstScreen(t *testing.T) {
	st, fa, fb, fbp := floorBP, floorA, floorB, floorBP
	st.elements, fa.elements, fb.elements, fbp.elements = 230, 8, 9, 20
	sites := benchSites(st, fa, fb, fbp)
	sites[0].loads[2].elements = 90 // a smaller run: the median stays 230
	text, _ := report{sites: sites, runs: 3}.markdown()
	l := line(t, text, "first screen: elements in the body")
	for _, want := range []string{"| 230 | 8 | 9 | 20 |", "| 25.56× | 11.50× |"} {
		if !strings.Contains(l, want) {
			t.Errorf("row %s\nlacks %s", l, want)
		}
	}
	if strings.Contains(l, "PASS") || strings.Contains(l, "OVER") {
		t.Errorf("the element count is budgeted: %s", l)
	}
}
