package wasmbuild

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestMovePatch: a hunk whose lines only moved is moved to them, with the
// new start of each later hunk following the size of those before, and
// the patch so made applies strictly; a hunk whose lines changed, or are
// in two places, is named and nothing is made.
func TestMovePatch(t *testing.T) {
	// sourcePatch with a hunk that grows the file, so that hunk 2's new
	// start is not its old one.
	grow := strings.Replace(sourcePatch, "@@ -1,5 +1,5 @@\n package a\n \n-const A = 1\n+const A = 10\n",
		"@@ -1,5 +1,6 @@\n package a\n \n-const A = 1\n+const A = 10\n+const Z = 0\n", 1)
	grow = strings.Replace(grow, "@@ -8,3 +8,3 @@", "@@ -8,3 +9,3 @@", 1)
	for _, tc := range []struct {
		name, patch, src string
		moved            int
		headers          []string // in the patch made; none: an error
		errs             []string
	}{
		{name: "as made", patch: sourcePatch, src: source, headers: []string{"@@ -1,5 +1,5 @@\n", "@@ -8,3 +8,3 @@ const C = 3\n"}},
		{name: "all moved", patch: sourcePatch, src: "// one\n// two\n" + source, moved: 2,
			headers: []string{"@@ -3,5 +3,5 @@\n", "@@ -10,3 +10,3 @@ const C = 3\n"}},
		{name: "second moved", patch: sourcePatch, src: strings.Replace(source, "const D = 4\n", "const D = 4\nconst DD = 44\n", 1), moved: 1,
			headers: []string{"@@ -1,5 +1,5 @@\n", "@@ -9,3 +9,3 @@ const C = 3\n"}},
		{name: "second moved after a growing hunk", patch: grow, src: strings.Replace(source, "const D = 4\n", "const D = 4\nconst DD = 44\n", 1), moved: 1,
			headers: []string{"@@ -1,5 +1,6 @@\n", "@@ -9,3 +10,3 @@ const C = 3\n"}},
		{name: "lines changed", patch: sourcePatch, src: "// one\n" + strings.Replace(source, "const G = 7", "const G = 8", 1),
			errs: []string{"p/a.go: hunk 2 of 2 (@@ -8,3 +8,3 @@ const C = 3): its lines are nowhere in the file"}},
		{name: "lines twice", patch: sourcePatch, src: "// one\n" + source + "const F = 6\nconst G = 7\nconst H = 8\n",
			errs: []string{"p/a.go: hunk 2 of 2 (@@ -8,3 +8,3 @@ const C = 3): its lines are at 2 places (lines [9 12])"}},
		{name: "hunks swapped", patch: sourcePatch, src: "const F = 6\nconst G = 7\nconst H = 8\n" + strings.Replace(source, "const F = 6\nconst G = 7\nconst H = 8\n", "", 1),
			errs: []string{"hunk 2 of 2 would move to line 1, above the hunk before it"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			name := filepath.Join(dir, "p", "a.go")
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(name, []byte(tc.src), 0o644); err != nil {
				t.Fatal(err)
			}
			got, moved, err := movePatch(dir, "MSAL Go", tc.patch)
			if tc.headers == nil {
				if err == nil {
					t.Fatalf("moved the patch, want an error:\n%s", got)
				}
				for _, w := range tc.errs {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error\n%v\nlacks\n%s", err, w)
					}
				}
				return
			}
			if err != nil || moved != tc.moved {
				t.Fatalf("moved %d hunks, error %v; want %d, none", moved, err, tc.moved)
			}
			var headers []string
			for _, l := range strings.SplitAfter(got, "\n") {
				if strings.HasPrefix(l, "@@ ") {
					headers = append(headers, l)
				}
			}
			if strings.Join(headers, "") != strings.Join(tc.headers, "") {
				t.Errorf("hunk headers\n%s\nwant\n%s", strings.Join(headers, ""), strings.Join(tc.headers, ""))
			}
			headerLines := regexp.MustCompile("(?m)" + hunkHeader.String())
			if rest := headerLines.ReplaceAllString(got, ""); rest != headerLines.ReplaceAllString(tc.patch, "") {
				t.Errorf("the patch made changed more than its hunks' lines:\n%s", got)
			}
			files, err := parsePatch("MSAL Go", got)
			if err != nil {
				t.Fatal(err)
			}
			if err := applyPatch(dir, "MSAL Go", files); err != nil {
				t.Errorf("the patch made does not apply strictly: %v\n%s", err, got)
			}
			b, _ := os.ReadFile(name)
			if !strings.Contains(string(b), "const A = 10\n") || !strings.Contains(string(b), "const G = 70\nconst H = 8\n") {
				t.Errorf("patched file:\n%s", b)
			}
		})
	}
}

// TestRewritePinned: rewriting each patch for the version it was made for
// moves nothing and writes the patch as it is, checked as Check checks it.
func TestRewritePinned(t *testing.T) {
	skipBuild(t)
	for _, p := range patchedModules {
		dir := t.TempDir()
		var out strings.Builder
		if err := Rewrite(&out, p.id, p.version, dir); err != nil {
			t.Fatalf("%v\n%s", err, out.String())
		}
		b, err := os.ReadFile(filepath.Join(dir, p.file()))
		if err != nil || string(b) != p.patch {
			t.Errorf("%s: error %v, or the patch written differs from the embedded one", p.file(), err)
		}
		if !strings.Contains(out.String(), "moved 0 hunks onto "+p.name+" "+p.version) {
			t.Errorf("output:\n%s", out.String())
		}
	}
}
