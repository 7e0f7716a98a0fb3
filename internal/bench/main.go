// Command bench measures synctoken against three floors, in one run, and
// fails when synctoken exceeds its budgets:
//
//	go run ./internal/bench [-runs 5] [-o bench.md] [-keep] [-flow=true]
//
// Floor (a) is the smallest go-app page (floora). Floor (b) is the same
// page with an MSAL Go public client that sends through synctoken/graph's
// fetch client and builds the sign-in URL (floorb). Floor (b+) is floor
// (b) with everything else synctoken must do with MSAL Go: a cache in
// sessionStorage, redeeming the code with PKCE and refreshing silently
// (floorbplus). Floor (b+) decides: it is what any go-app app that signs
// in and redeems with MSAL Go as synctoken must, costs, so what synctoken
// weighs and waits beyond it is synctoken's own doing, and that is what a
// change should not let grow unnoticed. Against floor (b), synctoken also
// pays for MSAL's token, cache and account code, which floor (b) never
// reaches and no app that signs in can drop; measured and profiled, the
// rest of the gap to floor (b) is synctoken's own code and Chromium's
// lazy compilation of the functions its first render calls, which only
// dropping features would close. Floors (a) and (b) stay in the report as
// information: what go-app alone costs, and what MSAL's sign-in URL adds.
//
// Each wasm is built stripped with -trimpath (as `make wasm` does), each
// site written by its own build command (synctoken's `build`, the floors'
// look-alike), served by a plain static file server on loopback, and
// loaded by headless Chromium with a fresh profile per load: cold (nothing
// cached), warm (second visit, answered by go-app's service worker), and
// cold again over a throttled network (20 Mbit/s down, 40 ms latency: an
// admin on a laptop, as opposed to loopback), which is reported, not
// budgeted. Before each load the bench waits, up to 45 s, for the CPUs to
// be idle of other work (quiet.go), the same for every site. A full
// sandbox flow of synctoken (sign in, send, 204) then counts the requests
// it makes. `make bench` runs this; `make test` does not.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"synctoken/internal/headless"
)

// Budgets, as ratios of synctoken to floor (b+). They leave synctoken
// room for its own code (the form, the explanations, Graph's call) and
// its bigger first render, but not for that to grow unnoticed. Warm was
// 1.05×, inside floor (b+)'s own run-to-run spread (its warm median moved
// 200–285 ms between runs on one day), so it passed or failed by luck;
// issue 19 restated it at 1.25×, with the first screen made smaller.
const (
	budgetTransfer = 1.15 // first-visit bytes, served brotli
	budgetCold     = 1.25 // time to usable, nothing cached
	budgetWarm     = 1.25 // time to usable, from the service worker
)

func main() {
	runs := flag.Int("runs", 5, "cold+warm loads per site; medians are reported")
	out := flag.String("o", "", "markdown report to write (default: bench.md in a new temporary folder)")
	keep := flag.Bool("keep", false, "keep the built sites (their folder is printed)")
	flow := flag.Bool("flow", true, "also run and count synctoken's full sandbox flow")
	wait := flag.Bool("wait-quiet", true, "before each load, wait (up to 45 s) for other processes to leave the CPUs idle")
	flag.Parse()
	if *runs < 1 {
		fmt.Fprintln(os.Stderr, "bench: -runs must be at least 1")
		os.Exit(2)
	}
	over, err := run(*runs, *out, *keep, *flow, *wait)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	}
	if over {
		os.Exit(1)
	}
}

// run does the whole bench; over reports a budget exceeded or a preflight
// on the sign-in host.
func run(runs int, out string, keep, withFlow, waitQuiet bool) (over bool, err error) {
	start := time.Now()
	repo, err := moduleRoot()
	if err != nil {
		return false, err
	}
	chrome, err := headless.Path()
	if err != nil {
		return false, err
	}
	work, err := os.MkdirTemp("", "synctoken-bench-")
	if err != nil {
		return false, err
	}
	if keep {
		fmt.Println("sites kept in", work)
	} else {
		defer os.RemoveAll(work)
	}
	if out == "" {
		dir, err := os.MkdirTemp("", "synctoken-bench-report-")
		if err != nil {
			return false, err
		}
		out = filepath.Join(dir, "bench.md")
	}

	step("building the four wasm files and their site builders")
	b, err := buildAll(repo, work, withFlow)
	if err != nil {
		return false, err
	}
	// Writing the sites (their builds compress too) and compressing the
	// wasm files are all CPU: run together they fill both cores.
	step("writing the four sites and measuring the wasm files (gzip best, brotli 11)")
	jobs := b.writeSites()
	for _, s := range b.sites {
		jobs = append(jobs, func() (err error) { s.size, err = measureSize(s.wasm); return err })
	}
	if err := parallel(jobs...); err != nil {
		return false, err
	}

	step(fmt.Sprintf("loading each site %d× cold and warm, and cold over a throttled network, in %s", runs, chrome))
	ctx := context.Background()
	var q *quiet
	if waitQuiet {
		q = &quiet{}
	}
	if err := measureLoads(ctx, chrome, b.sites, runs, q); err != nil {
		return false, err
	}

	var fl *flowResult
	if withFlow {
		step("running synctoken's full sandbox flow")
		if fl, err = runFlow(ctx, chrome, b.flowTool, b.flowRoot, filepath.Join(work, "site-flow"), b.flowNoPrecompress); err != nil {
			return false, err
		}
	}

	r := report{sites: b.sites, runs: runs, chrome: chrome, flow: fl, quiet: q, took: time.Since(start)}
	text, over := r.markdown()
	fmt.Print(text)
	if err := os.WriteFile(out, []byte(text), 0o644); err != nil {
		return over, err
	}
	fmt.Println("\nreport written to", out)
	return over, nil
}

// step says what the bench is doing, since a run takes minutes.
var began = time.Now()

func step(what string) {
	fmt.Fprintf(os.Stderr, "bench [%5.1fs] %s\n", time.Since(began).Seconds(), what)
}
