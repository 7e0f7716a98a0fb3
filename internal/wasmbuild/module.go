package wasmbuild

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// A patchedModule is a dependency the browser build compiles from a copy
// with a patch applied (msal.go and goapp.go say why each is patched).
// The patch is a unified diff against the module root that git apply
// takes, embedded from the file named after the module and the version it
// was made for (file(); a test checks), and its header says why each hunk
// exists. It applies strictly, every hunk at its exact line, to a copy in
// the user's cache folder; go.mod, native builds and native tests use the
// module as published.
type patchedModule struct {
	name    string // as people say it: "MSAL Go", "go-app"
	id      string // checkpatch's name for it, and its patch's and copy's prefix
	path    string // the module path
	version string // the version the patch was made for
	patch   string // the patch itself
	build   string // the packages Check builds in a patched copy
	wasm    bool   // Check builds them for js/wasm as well: the patch edits js-only files
	section string // CONTRIBUTING.md's section on bumping the module
}

// patchedModules are the modules the browser build compiles patched, in
// the order the alternate go.mod replaces them.
var patchedModules = []patchedModule{msal, goApp}

// file is the patch's file name in this folder.
func (p patchedModule) file() string { return p.id + "-" + p.version + ".patch" }

// patchHash names a patched copy after the patch that made it.
func patchHash(patch string) string {
	h := sha256.Sum256([]byte(patch))
	return hex.EncodeToString(h[:])[:12]
}

// module is what `go mod download -json` says of a module.
type module struct {
	Path, Version, Dir, Error string
}

// download returns the module's source folder in the module cache,
// downloading it if needed: path is a module path, at the version repo's
// go.mod requires, or module@version (any version, go.mod aside).
func download(repo, path string) (module, error) {
	cmd := goCmd(repo, "mod", "download", "-json", path)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var m module
	if jerr := json.Unmarshal(out, &m); jerr != nil {
		return m, fmt.Errorf("go mod download %s: %v (%v)\n%s", path, err, jerr, stderr.String())
	}
	if m.Error != "" || err != nil {
		return m, fmt.Errorf("go mod download %s: %v %s", path, err, m.Error)
	}
	return m, nil
}

// patchedCopy returns a copy of p's module, at the version repo's go.mod
// requires, with p's patch applied, made once under cache and reused.
func patchedCopy(repo, cache string, p patchedModule) (string, error) {
	m, err := download(repo, p.path)
	if err != nil {
		return "", err
	}
	if m.Version != p.version {
		return "", fmt.Errorf("go.mod requires %s %s but the browser build's patch, internal/wasmbuild/%s, was made for %s: check it against the new version with\n\tgo run ./internal/wasmbuild/checkpatch %s %s\nthen follow CONTRIBUTING.md, %q", p.path, m.Version, p.file(), p.version, p.id, m.Version, p.section)
	}
	dir := filepath.Join(cache, p.id+"-"+m.Version+"-"+patchHash(p.patch))
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
		return dir, nil
	}
	files, err := parsePatch(p.name, p.patch)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp(cache, p.id+"-tmp-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	if err := os.Chmod(tmp, 0o755); err != nil { // MkdirTemp's is 0700
		return "", err
	}
	if err := os.CopyFS(tmp, os.DirFS(m.Dir)); err != nil {
		return "", fmt.Errorf("copying %s: %w", m.Dir, err)
	}
	if err := applyPatch(tmp, p.name, files); err != nil {
		return "", fmt.Errorf("the browser build's patch does not apply to %s %s:\n%w", p.path, m.Version, err)
	}
	// Another build may have made the same copy meanwhile: either is fine.
	if err := os.Rename(tmp, dir); err != nil {
		if _, serr := os.Stat(filepath.Join(dir, "go.mod")); serr != nil {
			return "", err
		}
	}
	return dir, nil
}
