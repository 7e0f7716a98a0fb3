package wasmbuild

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/bluekeyes/go-gitdiff/gitdiff"
)

// Rewrite is Check for a version of the module that only moved the lines
// the patch edits: each hunk whose context and removed lines are, exactly
// and line for line (no fuzz), in one other place in its file is moved
// there, and the patch so made is checked as Check does, then written to
// dir as the patch for that version (ID-VERSION.patch, header and all).
// A hunk whose lines are nowhere, or in more than one place, is named and
// nothing is written: that hunk must be reworked by hand. Run it as
//
//	go run ./internal/wasmbuild/checkpatch -rewrite msal v1.11.0
func Rewrite(w io.Writer, id, version, dir string) error {
	i := slices.IndexFunc(patchedModules, func(p patchedModule) bool { return p.id == id })
	if i < 0 {
		return Check(w, id, version) // says which modules there are
	}
	p := patchedModules[i]
	tmp, err := os.MkdirTemp("", "synctoken-rewrite-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	m, err := download(tmp, p.path+"@"+version)
	if err != nil {
		return err
	}
	moved, n, err := movePatch(m.Dir, p.name, p.patch)
	if err != nil {
		return fmt.Errorf("the %s patch cannot be moved onto %s %s:\n%w", p.name, p.name, m.Version, err)
	}
	fmt.Fprintf(w, "%s: moved %s onto %s %s\n", p.file(), plural(n, "hunk"), p.name, m.Version)
	if err := check(w, p, m.Version, moved); err != nil {
		return err
	}
	out := filepath.Join(dir, p.id+"-"+m.Version+".patch")
	if err := os.WriteFile(out, []byte(moved), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(w, "wrote %s: next, go.mod and the //go:embed in %s.go (CONTRIBUTING.md, %q)\n", out, strings.ReplaceAll(p.id, "-", ""), p.section)
	return nil
}

// hunkHeader is a hunk's first line: old start and count, new start and
// count, and what follows.
var hunkHeader = regexp.MustCompile(`^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@`)

// movePatch returns patch, a patch of the module in dir called mod, with
// each hunk that does not apply at its line moved to the one place in its
// file where its old lines are, and how many it moved. Only the hunks'
// line numbers change; everything else of the patch is kept as written.
func movePatch(dir, mod, patch string) (string, int, error) {
	files, err := parsePatch(mod, patch)
	if err != nil {
		return "", 0, err
	}
	// starts[f][h] is the new old-start of file f's hunk h.
	starts := make([][]int64, len(files))
	var errs []error
	moved := 0
	for fi, f := range files {
		starts[fi] = make([]int64, len(f.TextFragments))
		if f.IsNew {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.OldName)))
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: not in this version of %s", f.OldName, mod))
			continue
		}
		lines := strings.SplitAfter(string(src), "\n")
		var last int64
		for hi, frag := range f.TextFragments {
			at, err := placeHunk(lines, frag)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: hunk %d of %d (%s): %w", f.OldName, hi+1, len(f.TextFragments), strings.TrimSpace(frag.Header()), err))
				continue
			}
			if at != frag.OldPosition {
				moved++
			}
			if at <= last {
				errs = append(errs, fmt.Errorf("%s: hunk %d of %d would move to line %d, above the hunk before it", f.OldName, hi+1, len(f.TextFragments), at))
			}
			starts[fi][hi], last = at, at+frag.OldLines-1
		}
	}
	if len(errs) > 0 {
		return "", 0, errors.Join(errs...)
	}
	// Rewrite the headers in order: the patch's hunks are files[0]'s,
	// then files[1]'s, and so on, as gitdiff read them.
	var b strings.Builder
	fi, hi := 0, 0
	var shift int64 // new minus old lines of the file's hunks so far
	for _, line := range strings.SplitAfter(patch, "\n") {
		m := hunkHeader.FindStringSubmatchIndex(line)
		if m == nil || fi >= len(files) {
			b.WriteString(line)
			continue
		}
		for hi >= len(files[fi].TextFragments) {
			fi, hi, shift = fi+1, 0, 0
		}
		f, frag := files[fi], files[fi].TextFragments[hi]
		old, neu := starts[fi][hi], frag.NewPosition
		if !f.IsNew {
			neu = old + shift
			if frag.OldLines == 0 {
				neu++ // a pure addition is placed after its old line
			}
		}
		shift += frag.NewLines - frag.OldLines
		b.WriteString(line[:m[2]] + strconv.FormatInt(old, 10) + line[m[3]:m[6]] + strconv.FormatInt(neu, 10) + line[m[7]:])
		hi++
	}
	return b.String(), moved, nil
}

// placeHunk returns the line where frag's old lines (context and removed)
// are in lines: its own line if they are there, else the one other place
// they are, exactly.
func placeHunk(lines []string, frag *gitdiff.TextFragment) (int64, error) {
	var old []string
	for _, l := range frag.Lines {
		if l.Old() {
			old = append(old, l.Line)
		}
	}
	if len(old) == 0 {
		return frag.OldPosition, nil // nothing to match: it stays
	}
	match := func(at int) bool {
		return at >= 0 && at+len(old) <= len(lines) && slices.Equal(lines[at:at+len(old)], old)
	}
	if match(int(frag.OldPosition) - 1) {
		return frag.OldPosition, nil
	}
	var found []int64
	for at := range lines {
		if match(at) {
			found = append(found, int64(at)+1)
		}
	}
	switch len(found) {
	case 0:
		return 0, errors.New("its lines are nowhere in the file: rework this hunk (CONTRIBUTING.md, \"Checking a new version\")")
	case 1:
		return found[0], nil
	}
	return 0, fmt.Errorf("its lines are at %d places (lines %v): move it by hand", len(found), found)
}
