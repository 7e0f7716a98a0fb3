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

// parsePatch reads a unified diff whose paths are relative to a module
// root (a/… and b/…, as git diff writes them). It takes only what the
// trim needs, edited or new text files, so that an unusual patch fails
// here rather than half-applies.
func parsePatch(patch string) ([]*gitdiff.File, error) {
	files, _, err := gitdiff.Parse(strings.NewReader(patch))
	if err != nil {
		return nil, fmt.Errorf("reading the MSAL Go patch: %w", err)
	}
	if len(files) == 0 {
		return nil, errors.New("the MSAL Go patch changes no file")
	}
	for _, f := range files {
		switch {
		case f.IsDelete || f.IsRename || f.IsCopy || f.IsBinary:
			return nil, fmt.Errorf("the MSAL Go patch deletes, renames, copies or changes a binary file (%s): only text edits and new files are supported", f.OldName)
		case !filepath.IsLocal(filepath.FromSlash(f.NewName)):
			return nil, fmt.Errorf("the MSAL Go patch names %q, which is not inside the module", f.NewName)
		}
	}
	return files, nil
}

// applyPatch applies files to the module copy in dir and names every
// hunk that does not apply.
func applyPatch(dir string, files []*gitdiff.File) error {
	var errs []error
	for _, f := range files {
		errs = append(errs, applyFile(dir, f))
	}
	return errors.Join(errs...)
}

// applyFile applies f to its file in dir, strictly: each hunk's context
// and removed lines must be at its exact line numbers, so a patch made for
// one MSAL Go version cannot land elsewhere in another. Each hunk is first
// checked on its own against the file as it is, so one failing hunk does
// not hide the next, and the file is written only when all apply.
func applyFile(dir string, f *gitdiff.File) error {
	name := filepath.Join(dir, filepath.FromSlash(f.NewName))
	var src []byte
	if f.IsNew {
		if _, err := os.Stat(name); err == nil {
			return fmt.Errorf("%s: the patch adds it but this version of MSAL Go has it", f.NewName)
		}
	} else {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.OldName)))
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s: not in this version of MSAL Go", f.OldName)
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
// file (MSAL Go moved them: the patch must be made again) or nowhere
// (MSAL Go changed them: the hunk must be reworked).
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
