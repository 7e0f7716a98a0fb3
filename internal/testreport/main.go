// Command testreport reads `go test -json` and prints what make test should
// say: each package's result, the case tables the tests logged (lines with
// "→": input or fault → what was shown), every skipped test with its
// reason, and the whole output of any test that failed. It exits 1 when
// anything failed, so a pipe into it keeps go test's verdict.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
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
	out := map[string][]string{} // package + test → output lines
	failed := false
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	for in.Scan() {
		var e event
		if json.Unmarshal(in.Bytes(), &e) != nil {
			fmt.Println(in.Text()) // not an event: go test's own error
			continue
		}
		key := e.Package + " " + e.Test
		switch e.Action {
		case "output", "build-output":
			out[key+e.ImportPath] = append(out[key+e.ImportPath], e.Output)
		case "build-fail":
			failed = true
			fmt.Printf("BUILD FAILED %s\n%s", e.ImportPath, strings.Join(out[key+e.ImportPath], ""))
		case "skip":
			if e.Test != "" {
				fmt.Printf("SKIP %s %s: %s", e.Package, e.Test, lastLine(out[key]))
			}
		case "fail":
			failed = true
			if e.Test != "" {
				fmt.Printf("--- FAIL %s %s (%.1fs)\n%s", e.Package, e.Test, e.Elapsed, strings.Join(out[key], ""))
			} else {
				fmt.Printf("FAIL %s (%.1fs)\n%s", e.Package, e.Elapsed, strings.Join(out[key], ""))
			}
		case "pass":
			if e.Test == "" {
				fmt.Printf("ok   %s (%.1fs)\n", e.Package, e.Elapsed)
				continue
			}
			var table []string
			for _, l := range out[key] {
				if strings.Contains(l, "→") {
					table = append(table, "    "+logPrefix.ReplaceAllString(l, ""))
				}
			}
			if len(table) > 0 && !strings.Contains(e.Test, "/") {
				fmt.Printf("  cases of %s:\n%s", e.Test, strings.Join(table, ""))
			}
		}
		if e.Action == "pass" || e.Action == "fail" || e.Action == "skip" {
			delete(out, key)
		}
	}
	if failed {
		os.Exit(1)
	}
}

func lastLine(lines []string) string {
	for i := len(lines) - 1; i >= 0; i-- {
		if l := strings.TrimSpace(lines[i]); l != "" && !strings.HasPrefix(l, "---") && !strings.HasPrefix(l, "===") {
			return logPrefix.ReplaceAllString(l, "") + "\n"
		}
	}
	return "(no reason given)\n"
}
