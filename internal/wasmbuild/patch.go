package wasmbuild

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/bluekeyes/go-gitdiff/gitdiff"
)

// parsePatch reads a unified diff of the module called name whose paths
// are relative to its root (a/… and b/…, as git diff writes them). It
// takes only what the patches need, edited or new text files, so that an
// unusual patch fails here rather than half-applies.
func parsePatch(name, patch string) ([]*gitdiff.File, error) {
	files, _, err := gitdiff.Parse(strings.NewReader(patch))
	if err != nil {
		return nil, fmt.Errorf("reading the %s patch: %w", name, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("the %s patch changes no file", name)
	}
	for _, f := range files {
		switch {
		case f.IsDelete || f.IsRename || f.IsCopy || f.IsBinary:
			return nil, fmt.Errorf("the %s patch deletes, renames, copies or changes a binary file (%s): only text edits and new files are supported", name, f.OldName)
		case !filepath.IsLocal(filepath.FromSlash(f.NewName)):
			return nil, fmt.Errorf("the %s patch names %q, which is not inside the module", name, f.NewName)
		}
	}
	return files, nil
}

// applyPatch applies files to the copy in dir of the module called mod
// and names every hunk that does not apply.
func applyPatch(dir, mod string, files []*gitdiff.File) error {
	var errs []error
	for _, f := range files {
		errs = append(errs, applyFile(dir, mod, f))
	}
	return errors.Join(errs...)
}

// applyFile applies f to its file in dir, strictly: each hunk's context
// and removed lines must be at its exact line numbers, so a patch made for
// one version of a module cannot land elsewhere in another. Each hunk is first
// checked on its own against the file as it is, so one failing hunk does
// not hide the next, and the file is written only when all apply.
func applyFile(dir, mod string, f *gitdiff.File) error {
	name := filepath.Join(dir, filepath.FromSlash(f.NewName))
	var src []byte
	if f.IsNew {
		if _, err := os.Stat(name); err == nil {
			return fmt.Errorf("%s: the patch adds it but this version of %s has it", f.NewName, mod)
		}
	} else {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.OldName)))
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s: not in this version of %s", f.OldName, mod)
		}
		if err != nil {
			return err
		}
		src = b
	}
	var errs []error
	for i, frag := range f.TextFragments {
		err := gitdiff.NewTextApplier(io.Discard, bytes.NewReader(src)).ApplyFragment(frag)
		if err != nil {
			errs = append(errs, hunkError(f, i, src, err))
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	var out bytes.Buffer
	if err := gitdiff.Apply(&out, bytes.NewReader(src), f); err != nil {
		return fmt.Errorf("%s: %w", f.NewName, err) // hunks that apply alone but overlap
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, out.Bytes(), 0o644)
}

// hunkError says which hunk of f failed on src, where, what it expected
// and what is there, and whether the hunk's lines are elsewhere in the
// file (the module moved them: the patch must be made again) or nowhere
// (the module changed them: the hunk must be reworked).
func hunkError(f *gitdiff.File, i int, src []byte, err error) error {
	frag := f.TextFragments[i]
	msg := fmt.Sprintf("%s: hunk %d of %d (%s) does not apply: ", f.OldName, i+1, len(f.TextFragments), strings.TrimSpace(frag.Header()))
	var ae *gitdiff.ApplyError
	switch {
	case errors.As(err, &ae) && ae.FragmentLine > 0 && ae.Line > 0:
		lines := strings.SplitAfter(string(src), "\n")
		have := "(end of file)"
		if int(ae.Line) <= len(lines) {
			have = fmt.Sprintf("%q", strings.TrimSuffix(lines[ae.Line-1], "\n"))
		}
		want := strings.TrimSuffix(frag.Lines[ae.FragmentLine-1].Line, "\n")
		msg += fmt.Sprintf("line %d should be %q but is %s", ae.Line, want, have)
	case errors.As(err, &ae) && ae.Line > 0:
		msg += fmt.Sprintf("%v (line %d)", err, ae.Line)
	default:
		msg += err.Error()
	}
	var old strings.Builder
	for _, l := range frag.Lines {
		if l.Old() {
			old.WriteString(l.Line)
		}
	}
	switch at := bytes.Index(src, []byte(old.String())); {
	case old.Len() == 0:
	case at >= 0:
		line := bytes.Count(src[:at], []byte("\n")) + 1
		msg += fmt.Sprintf("; the hunk's lines are at line %d instead: make the patch again (CONTRIBUTING.md, \"Making the patch again\")", line)
	default:
		msg += "; the hunk's lines are nowhere in the file: rework this hunk (CONTRIBUTING.md, \"Checking a new version\")"
	}
	return errors.New(msg)
}
