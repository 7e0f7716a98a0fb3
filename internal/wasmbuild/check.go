package wasmbuild

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Check tells a maintainer whether the browser build's patch of a module
// (id: "msal" for MSAL Go, "go-app") holds for another version of it
// before go.mod moves to it: it downloads the module at version (as `go
// get` would name it: v1.11.0, latest) into the module cache, applies the
// patch to a temporary copy and builds the copy's packages, writing to w
// each file's result, each failing hunk with what it expected and what is
// there, and the build's errors. The error says what failed. Run it as
//
//	go run ./internal/wasmbuild/checkpatch msal v1.11.0
func Check(w io.Writer, id, version string) error {
	var ids []string
	for _, p := range patchedModules {
		if p.id == id {
			return check(w, p, version, p.patch)
		}
		ids = append(ids, p.id)
	}
	return fmt.Errorf("no patched module is called %q: the browser build patches %s", id, strings.Join(ids, " and "))
}

func check(w io.Writer, p patchedModule, version, patch string) error {
	tmp, err := os.MkdirTemp("", "synctoken-checkpatch-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	// go mod download runs outside any module, so go.mod neither limits
	// nor records the version.
	m, err := download(tmp, p.path+"@"+version)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%s %s (%s)\npatch %s (made for %s):\n", p.name, m.Version, m.Dir, p.file(), p.version)
	files, err := parsePatch(p.name, patch)
	if err != nil {
		return err
	}
	dir := filepath.Join(tmp, p.id)
	if err := os.CopyFS(dir, os.DirFS(m.Dir)); err != nil {
		return fmt.Errorf("copying %s: %w", m.Dir, err)
	}
	failed := 0
	for _, f := range files {
		if err := applyFile(dir, p.name, f); err != nil {
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
		return fmt.Errorf("the patch does not apply to %s %s: %d of its %s fail (see above and CONTRIBUTING.md, %q)", p.name, m.Version, failed, plural(len(files), "file"), p.section)
	}
	// A patch can apply and still not compile: a hunk that drops an
	// import the new version uses elsewhere, say.
	if err := buildCopy(w, dir, p); err != nil {
		return fmt.Errorf("the patch applies to %s %s but the patched module does not build (see above)", p.name, m.Version)
	}
	fmt.Fprintf(w, "the patch applies to %s %s and the patched module builds: next steps in CONTRIBUTING.md, %q\n", p.name, m.Version, p.section)
	return nil
}

// buildCopy builds p's packages in the patched copy in dir, natively and,
// when p's patch edits browser-only files, for js/wasm, reporting each
// to w.
func buildCopy(w io.Writer, dir string, p patchedModule) error {
	targets := []string{""}
	if p.wasm {
		targets = append(targets, "js/wasm")
	}
	for _, target := range targets {
		// -trimpath: the copy lives in a new temporary folder each time, and
		// without it every folder is a new cache key, so a full compile.
		cmd := goCmd(dir, "build", "-mod=readonly", "-trimpath", p.build)
		label := "go build " + p.build
		if target != "" {
			cmd.Env = append(cmd.Env, "GOOS=js", "GOARCH=wasm")
			label += " for " + target
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			fmt.Fprintf(w, "  FAIL  %s of the patched copy:\n%s", label, out)
			return err
		}
		fmt.Fprintf(w, "  ok    %s of the patched copy\n", label)
	}
	return nil
}

// plural is n and noun, with an s when n is not 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
