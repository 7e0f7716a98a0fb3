// Command testreport reads `go test -json` and prints what make test should
// say: each package's result, the case tables the tests logged (lines with
// "→": input or fault → what was shown), every skipped test with its
// reason, the whole output of any test that failed, the slowest tests (the
// suite's wall time is theirs: the browser tests run in parallel, so the
// slowest set the pace) and a closing count. It exits 1 when anything
// failed, so a pipe into it keeps go test's verdict.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"
)

type event struct {
	Action     string
	Package    string
	ImportPath string
	Test       string
	Output     string
	Elapsed    float64
}

// logPrefix is what testing puts before a logged line: "    file.go:12: ".
var logPrefix = regexp.MustCompile(`^\s*[\w.-]+\.go:\d+: `)

func main() {
	if report(os.Stdin, os.Stdout) {
		os.Exit(1)
	}
}

// slowest is how many of the slowest tests the report lists.
const slowest = 8

// timing is one top-level test's time.
type timing struct {
	name    string
	elapsed float64
}

// report writes the report of the go test -json stream r to w, and says
// whether anything failed.
func report(r io.Reader, w io.Writer) (failed bool) {
	out := map[string][]string{} // package + test → output lines
	var passed, fails, skipped int
	var times []timing
	in := bufio.NewScanner(r)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	for in.Scan() {
		var e event
		if json.Unmarshal(in.Bytes(), &e) != nil {
			fmt.Fprintln(w, in.Text()) // not an event: go test's own error
			continue
		}
		key := e.Package + " " + e.Test
		switch e.Action {
		case "output", "build-output":
			out[key+e.ImportPath] = append(out[key+e.ImportPath], e.Output)
		case "build-fail":
			failed = true
			fmt.Fprintf(w, "BUILD FAILED %s\n%s", e.ImportPath, strings.Join(out[key+e.ImportPath], ""))
		case "skip":
			if e.Test != "" {
				fmt.Fprintf(w, "SKIP %s %s: %s", e.Package, e.Test, lastLine(out[key]))
			}
		case "fail":
			failed = true
			if e.Test != "" {
				fmt.Fprintf(w, "--- FAIL %s %s (%.1fs)\n%s", e.Package, e.Test, e.Elapsed, strings.Join(out[key], ""))
			} else {
				fmt.Fprintf(w, "FAIL %s (%.1fs)\n%s", e.Package, e.Elapsed, strings.Join(out[key], ""))
			}
		case "pass":
			if e.Test == "" {
				fmt.Fprintf(w, "ok   %s (%.1fs)\n", e.Package, e.Elapsed)
				continue
			}
			var table []string
			for _, l := range out[key] {
				if strings.Contains(l, "→") {
					table = append(table, "    "+logPrefix.ReplaceAllString(l, ""))
				}
			}
			if len(table) > 0 && !strings.Contains(e.Test, "/") {
				fmt.Fprintf(w, "  cases of %s:\n%s", e.Test, strings.Join(table, ""))
			}
		}
		if e.Test != "" {
			switch e.Action {
			case "pass":
				passed++
			case "fail":
				fails++
			case "skip":
				skipped++
			}
			if (e.Action == "pass" || e.Action == "fail") && !strings.Contains(e.Test, "/") {
				times = append(times, timing{e.Package + " " + e.Test, e.Elapsed})
			}
		}
		if e.Action == "pass" || e.Action == "fail" || e.Action == "skip" {
			delete(out, key)
		}
	}
	sort.SliceStable(times, func(i, j int) bool { return times[i].elapsed > times[j].elapsed })
	if len(times) > 0 {
		fmt.Fprintf(w, "slowest tests:\n")
		for _, t := range times[:min(slowest, len(times))] {
			fmt.Fprintf(w, "  %6.1fs  %s\n", t.elapsed, t.name)
		}
	}
	fmt.Fprintf(w, "%d passed, %d failed, %d skipped\n", passed, fails, skipped)
	return failed
}

func lastLine(lines []string) string {
	for i := len(lines) - 1; i >= 0; i-- {
		if l := strings.TrimSpace(lines[i]); l != "" && !strings.HasPrefix(l, "---") && !strings.HasPrefix(l, "===") {
			return logPrefix.ReplaceAllString(l, "") + "\n"
		}
	}
	return "(no reason given)\n"
}
