package wasmbuild

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// CheckMSAL tells a maintainer whether the browser build's patch holds
// for another MSAL Go version before go.mod moves to it: it downloads
// MSAL Go at version (as `go get` would name it: v1.11.0, latest) into
// the module cache, applies the patch to a temporary copy and builds the
// copy's packages, writing to w each file's result, each failing hunk
// with what it expected and what is there, and the build's errors. The
// error says what failed. Run it as
//
//	go run ./internal/wasmbuild/checkmsal v1.11.0
func CheckMSAL(w io.Writer, version string) error {
	return checkMSAL(w, version, msalPatch)
}

func checkMSAL(w io.Writer, version, patch string) error {
	tmp, err := os.MkdirTemp("", "synctoken-checkmsal-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	// go mod download runs outside any module, so go.mod neither limits
	// nor records the version.
	m, err := download(tmp, MSALModule+"@"+version)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "MSAL Go %s (%s)\npatch msal-%s.patch (made for %s):\n", m.Version, m.Dir, MSALVersion, MSALVersion)
	files, err := parsePatch(patch)
	if err != nil {
		return err
	}
	dir := filepath.Join(tmp, "msal")
	if err := os.CopyFS(dir, os.DirFS(m.Dir)); err != nil {
		return fmt.Errorf("copying %s: %w", m.Dir, err)
	}
	failed := 0
	for _, f := range files {
		if err := applyFile(dir, f); err != nil {
			failed++
			fmt.Fprintf(w, "  FAIL  %s\n", f.NewName)
			for _, line := range strings.Split(err.Error(), "\n") {
				fmt.Fprintf(w, "        %s\n", strings.TrimPrefix(line, f.OldName+": "))
			}
			continue
		}
		fmt.Fprintf(w, "  ok    %s (%s)\n", f.NewName, plural(len(f.TextFragments), "hunk"))
	}
	if failed > 0 {
		return fmt.Errorf("the patch does not apply to MSAL Go %s: %d of its %s fail (see above and CONTRIBUTING.md, \"Bumping MSAL Go\")", m.Version, failed, plural(len(files), "file"))
	}
	// A patch can apply and still not compile: a hunk that drops an
	// import the new version uses elsewhere, say.
	out, err := goCmd(dir, "build", "-mod=readonly", "./apps/...").CombinedOutput()
	if err != nil {
		fmt.Fprintf(w, "  FAIL  go build ./apps/... of the patched copy:\n%s", out)
		return errors.New("the patch applies to MSAL Go " + m.Version + " but the patched module does not build (see above)")
	}
	fmt.Fprintf(w, "  ok    go build ./apps/... of the patched copy\nthe patch applies to MSAL Go %s and the patched module builds: next steps in CONTRIBUTING.md, \"Bumping MSAL Go\"\n", m.Version)
	return nil
}

// plural is n and noun, with an s when n is not 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
