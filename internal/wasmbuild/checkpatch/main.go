// Command checkpatch checks a version of a module the browser build
// patches (MSAL Go: msal; go-app: go-app) against its patch
// (internal/wasmbuild/ID-VERSION.patch) before go.mod moves to it: it
// applies the patch to a copy and builds the copy, printing each file's
// result and each failing hunk. From the repository root:
//
//	go run ./internal/wasmbuild/checkpatch msal v1.11.0
//	go run ./internal/wasmbuild/checkpatch go-app v9.8.1
//
// With -rewrite, for a version that only moved the lines the patch edits,
// it moves each such hunk to where its lines now are (an exact match, no
// fuzz), checks the patch so made and writes it as
// internal/wasmbuild/ID-VERSION.patch:
//
//	go run ./internal/wasmbuild/checkpatch -rewrite msal v1.11.0
//
// It exits 0 when the patch applies and the patched module builds, 1 when
// not, 2 on a usage error. CONTRIBUTING.md ("Bumping MSAL Go", "Bumping
// go-app") says what next.
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

// usage is what a wrong command line is answered with.
const usage = `usage: go run ./internal/wasmbuild/checkpatch [-rewrite] MODULE VERSION

checks MODULE (msal: MSAL Go, made for %s; go-app, made for %s) at
VERSION (v1.11.0, latest) against the browser build's patch of it: see
CONTRIBUTING.md, "Bumping MSAL Go" and "Bumping go-app". With -rewrite,
run from the repository root, it moves hunks whose lines only moved and
writes internal/wasmbuild/MODULE-VERSION.patch
`

// run is main with its arguments and outputs given, for tests.
func run(args []string, stdout, stderr io.Writer) int {
	rewrite := len(args) > 0 && args[0] == "-rewrite"
	if rewrite {
		args = args[1:]
	}
	if len(args) != 2 || args[0] == "" || args[0][0] == '-' || args[1] == "" || args[1][0] == '-' {
		fmt.Fprintf(stderr, usage, wasmbuild.MSALVersion, wasmbuild.GoAppVersion)
		return 2
	}
	var err error
	if rewrite {
		err = wasmbuild.Rewrite(stdout, args[0], args[1], patchDir)
	} else {
		err = wasmbuild.Check(stdout, args[0], args[1])
	}
	if err != nil {
		fmt.Fprintln(stderr, "checkpatch:", err)
		return 1
	}
	return 0
}

// patchDir is where -rewrite writes the patch: the patches' folder, from
// the repository root.
var patchDir = "internal/wasmbuild"
