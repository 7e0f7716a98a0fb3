package main

import (
	"strings"
	"testing"

	"synctoken/internal/wasmbuild"
)

// TestRun: the one command a maintainer runs passes for the version the
// patch was made for and explains its usage otherwise. (A patch that does
// not apply is tested in wasmbuild, where the patch can be swapped.)
func TestRun(t *testing.T) {
	var out, errs strings.Builder
	if code := run([]string{wasmbuild.MSALVersion}, &out, &errs); code != 0 || !strings.Contains(out.String(), "the patch applies to MSAL Go "+wasmbuild.MSALVersion) {
		t.Errorf("checkmsal %s: exit %d, output\n%s%s", wasmbuild.MSALVersion, code, out.String(), errs.String())
	}
	for _, args := range [][]string{nil, {"-h"}, {"v1", "v2"}} {
		var out, errs strings.Builder
		if code := run(args, &out, &errs); code != 2 || !strings.Contains(errs.String(), "usage: go run ./internal/wasmbuild/checkmsal VERSION") {
			t.Errorf("checkmsal %q: exit %d, stderr %q, want 2 and the usage", args, code, errs.String())
		}
	}
}
