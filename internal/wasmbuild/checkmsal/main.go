// Command checkmsal checks a version of MSAL Go against the browser
// build's patch (internal/wasmbuild/msal-*.patch) before go.mod moves
// to it: it applies the patch to a copy and builds the copy, printing
// each file's result and each failing hunk. From the repository root:
//
//	go run ./internal/wasmbuild/checkmsal v1.11.0
//
// It exits 0 when the patch applies and the patched module builds, 1 when
// not, 2 on a usage error. CONTRIBUTING.md ("Bumping MSAL Go") says what next.
package main

import (
	"fmt"
	"io"
	"os"

	"synctoken/internal/wasmbuild"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main with its arguments and outputs given, for tests.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 || len(args[0]) == 0 || args[0][0] == '-' {
		fmt.Fprintf(stderr, "usage: go run ./internal/wasmbuild/checkmsal VERSION\n\nchecks MSAL Go at VERSION (v1.11.0, latest) against the browser build's\npatch, made for %s: see CONTRIBUTING.md, \"Bumping MSAL Go\"\n", wasmbuild.MSALVersion)
		return 2
	}
	if err := wasmbuild.CheckMSAL(stdout, args[0]); err != nil {
		fmt.Fprintln(stderr, "checkmsal:", err)
		return 1
	}
	return 0
}
