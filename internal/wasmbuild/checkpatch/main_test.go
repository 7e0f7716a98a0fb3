package main

import (
	"strings"
	"testing"

	"synctoken/internal/wasmbuild"
)

// TestRun: the one command a maintainer runs passes for each module at
// the version its patch was made for, names the modules it knows when
// given another, and explains its usage otherwise. (A patch that does not
// apply is tested in wasmbuild, where the patch can be swapped.)
func TestRun(t *testing.T) {
	for _, tc := range []struct{ id, version, name string }{
		// Under -short, as the build tests: each compiles a patched module.
		{"msal", wasmbuild.MSALVersion, "MSAL Go"},
		{"go-app", wasmbuild.GoAppVersion, "go-app"},
	} {
		if testing.Short() {
			t.Log("the checks of the pinned versions are skipped under -short: each compiles a patched module; make test runs them")
			break
		}
		var out, errs strings.Builder
		if code := run([]string{tc.id, tc.version}, &out, &errs); code != 0 || !strings.Contains(out.String(), "the patch applies to "+tc.name+" "+tc.version) {
			t.Errorf("checkpatch %s %s: exit %d, output\n%s%s", tc.id, tc.version, code, out.String(), errs.String())
		}
	}
	var out, errs strings.Builder
	if code := run([]string{"uuid", "v1.0.0"}, &out, &errs); code != 1 || !strings.Contains(errs.String(), `no patched module is called "uuid": the browser build patches msal and go-app`) {
		t.Errorf("checkpatch uuid: exit %d, stderr %q", code, errs.String())
	}
	if code := run([]string{"-rewrite", "uuid", "v1.0.0"}, &out, &errs); code != 1 || !strings.Contains(errs.String(), `no patched module is called "uuid"`) {
		t.Errorf("checkpatch -rewrite uuid: exit %d, stderr %q", code, errs.String())
	}
	for _, args := range [][]string{nil, {"-h"}, {"v1.10.1"}, {"msal", "-v"}, {"msal", "v1", "v2"}, {"-rewrite"}, {"-rewrite", "msal"}, {"msal", "v1", "-rewrite"}} {
		var out, errs strings.Builder
		if code := run(args, &out, &errs); code != 2 || !strings.Contains(errs.String(), "usage: go run ./internal/wasmbuild/checkpatch [-rewrite] MODULE VERSION") {
			t.Errorf("checkpatch %q: exit %d, stderr %q, want 2 and the usage", args, code, errs.String())
		}
	}
}
