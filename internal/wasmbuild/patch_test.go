package wasmbuild

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPatchFollowsVersion: each embedded patch is the file named after
// its module and version, so the version and the patch cannot drift apart.
func TestPatchFollowsVersion(t *testing.T) {
	for _, p := range patchedModules {
		b, err := os.ReadFile(p.file())
		if err != nil {
			t.Errorf("no patch named for %s %s: %v", p.name, p.version, err)
			continue
		}
		if string(b) != p.patch {
			t.Errorf("%s is not the patch the build embeds", p.file())
		}
	}
}

// TestPatchSaysWhy: each patch's header names every file it changes,
// where it says why.
func TestPatchSaysWhy(t *testing.T) {
	for _, p := range patchedModules {
		files, err := parsePatch(p.name, p.patch)
		if err != nil {
			t.Fatal(err)
		}
		header, _, _ := strings.Cut(p.patch, "\ndiff --git ")
		for _, f := range files {
			if !strings.Contains(header, "\n"+f.NewName+"\n") {
				t.Errorf("%s's header does not say why it changes %s", p.file(), f.NewName)
			}
		}
	}
}

// TestPatchAppliesToPinned: each patch parses, applies strictly to a
// fresh copy of its module at the version go.mod requires and the copy
// builds (for js/wasm too when the patch edits browser-only files); this
// is what checkpatch runs.
func TestPatchAppliesToPinned(t *testing.T) {
	skipBuild(t)
	for _, p := range patchedModules {
		var out strings.Builder
		if err := Check(&out, p.id, p.version); err != nil {
			t.Fatalf("%v\n%s", err, out.String())
		}
		files, err := parsePatch(p.name, p.patch)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if !strings.Contains(out.String(), "ok    "+f.NewName+" (") {
				t.Errorf("the report does not say %s applied:\n%s", f.NewName, out.String())
			}
		}
		want := []string{"ok    go build " + p.build + " of the patched copy"}
		if p.wasm {
			want = append(want, "ok    go build "+p.build+" for js/wasm of the patched copy")
		}
		for _, w := range want {
			if !strings.Contains(out.String(), w) {
				t.Errorf("the report does not say %q:\n%s", w, out.String())
			}
		}
	}
}

// TestPatchIsGitApplyable: CONTRIBUTING.md's recipes use git apply on the
// module root; each patch must suit it as it suits go-gitdiff.
func TestPatchIsGitApplyable(t *testing.T) {
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("no git in PATH")
	}
	for _, p := range patchedModules {
		m, err := download(repo, p.path)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		if err := os.CopyFS(dir, os.DirFS(m.Dir)); err != nil {
			t.Fatal(err)
		}
		patch, err := filepath.Abs(p.file())
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(git, "apply", "--check", "-v", patch)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("git apply --check %s: %v\n%s", p.file(), err, out)
		}
	}
}

// TestCorruptPatchNamesFileAndHunk: a hunk that no longer matches MSAL Go
// fails the check, which names the file, the hunk, the line, what the
// patch expects and what is there.
func TestCorruptPatchNamesFileAndHunk(t *testing.T) {
	const line = "-var DefaultClient = &http.Client{}\n"
	if strings.Count(msalPatch, line) != 1 {
		t.Fatalf("the patch no longer removes %q: pick another line to corrupt", line)
	}
	broken := strings.Replace(msalPatch, line, "-var DefaultClient = &http.Client{Timeout: 1}\n", 1)
	var out strings.Builder
	err := check(&out, msal, MSALVersion, broken)
	if err == nil || !strings.Contains(err.Error(), "1 of its 3 files fail") {
		t.Errorf("error %v, want one counting 1 of 3 files failing", err)
	}
	for _, want := range []string{
		"FAIL  apps/internal/shared/shared.go\n",
		`hunk 2 of 2 (@@ -69,7 +70,17 @@`,
		`line 72 should be "var DefaultClient = &http.Client{Timeout: 1}" but is "var DefaultClient = &http.Client{}"`,
		"nowhere in the file",
		"ok    apps/internal/oauth/ops/authority/authority.go (2 hunks)",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the report lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "go build") {
		t.Errorf("the check built a copy the patch did not apply to:\n%s", out.String())
	}
}

// source and sourcePatch are a small file and a patch of two hunks for it.
const source = `package a

const A = 1
const B = 2
const C = 3
const D = 4
const E = 5
const F = 6
const G = 7
const H = 8
`

const sourcePatch = `Why: a test.

diff --git a/p/a.go b/p/a.go
--- a/p/a.go
+++ b/p/a.go
@@ -1,5 +1,5 @@
 package a
 
-const A = 1
+const A = 10
 const B = 2
 const C = 3
@@ -8,3 +8,3 @@ const C = 3
 const F = 6
-const G = 7
+const G = 70
 const H = 8
`

// TestApplyPatch: a patch applies only at its exact lines, all of a file
// or nothing, and each failing hunk says whether the module moved its lines
// (make the patch again) or changed them (rework the hunk).
func TestApplyPatch(t *testing.T) {
	files, err := parsePatch("MSAL Go", sourcePatch)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, src string
		want      []string // in the error; none: applies
	}{
		{"as made", source, nil},
		{"lines moved", "// moved\n" + source, []string{
			`p/a.go: hunk 1 of 2 (@@ -1,5 +1,5 @@) does not apply: line 1 should be "package a" but is "// moved"; the hunk's lines are at line 2 instead`,
			`p/a.go: hunk 2 of 2 (@@ -8,3 +8,3 @@ const C = 3) does not apply: line 8 should be "const F = 6" but is "const E = 5"; the hunk's lines are at line 9 instead`,
		}},
		{"lines changed", strings.Replace(source, "const G = 7", "const G = 8", 1), []string{
			`p/a.go: hunk 2 of 2 (@@ -8,3 +8,3 @@ const C = 3) does not apply: line 9 should be "const G = 7" but is "const G = 8"; the hunk's lines are nowhere in the file`,
		}},
		{"file shorter", strings.Join(strings.SplitAfter(source, "\n")[:6], ""), []string{
			"p/a.go: hunk 2 of 2 (@@ -8,3 +8,3 @@ const C = 3) does not apply: conflict: src has fewer lines than required by fragment",
		}},
		{"file gone", "", []string{"p/a.go: not in this version of MSAL Go"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			name := filepath.Join(dir, "p", "a.go")
			if tc.src != "" {
				if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(name, []byte(tc.src), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			err := applyPatch(dir, "MSAL Go", files)
			got, _ := os.ReadFile(name)
			if tc.want == nil {
				want := strings.NewReplacer("A = 1\n", "A = 10\n", "G = 7\n", "G = 70\n").Replace(source)
				if err != nil || string(got) != want {
					t.Errorf("error %v, file\n%s\nwant no error and\n%s", err, got, want)
				}
				return
			}
			if err == nil {
				t.Fatalf("applied, want an error; file:\n%s", got)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\nlacks\n%s", err, w)
				}
			}
			if len(tc.want) == 1 && strings.Contains(err.Error(), "hunk 1 of 2") {
				t.Errorf("hunk 1 applies but is reported: %v", err)
			}
			if string(got) != tc.src {
				t.Errorf("a patch that failed changed the file:\n%s", got)
			}
		})
	}
}

// TestParsePatchRefuses: a malformed patch, or one that reaches outside
// the module or does more than edit or add text files, fails before
// anything is written.
func TestParsePatchRefuses(t *testing.T) {
	for _, tc := range []struct{ name, patch, want string }{
		{"miscounted hunk", strings.Replace(sourcePatch, "@@ -8,3 +8,3 @@", "@@ -8,4 +8,4 @@", 1), "reading the MSAL Go patch"},
		{"no file", "just words\n", "changes no file"},
		{"outside the module", strings.ReplaceAll(sourcePatch, "p/a.go", "../a.go"), "not inside the module"},
		{"deletion", "diff --git a/p/a.go b/p/a.go\ndeleted file mode 100644\n--- a/p/a.go\n+++ /dev/null\n@@ -1 +0,0 @@\n-package a\n", "only text edits and new files"},
	} {
		if _, err := parsePatch("MSAL Go", tc.patch); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}
