package wasmbuild

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// MSALModule is the module whose browser build is trimmed.
const MSALModule = "github.com/AzureAD/microsoft-authentication-library-for-go"

// MSALVersion is the version msalPatch was made from. Another version in
// go.mod fails the build until the patch has been checked against it
// (CheckMSAL; CONTRIBUTING.md, "Bumping MSAL Go"): it applies strictly,
// every hunk at its line.
const MSALVersion = "v1.10.1"

// msalPatch cuts from MSAL Go what only server-side clients reach but
// the linker cannot prove unreachable, because the choice is made at run
// time; a browser public client that passes WithHTTPClient never runs it.
// It is a unified diff against the module root (git apply takes it), its
// header says why each hunk exists, and its name must follow MSALVersion
// (a test checks).
//
//go:embed msal-v1.10.1.patch
var msalPatch string

// patchHash names a trimmed copy after the patch that made it.
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

// trimmedMSAL returns a copy of MSAL Go with msalPatch applied, made
// once under cache and reused.
func trimmedMSAL(repo, cache string) (string, error) {
	m, err := download(repo, MSALModule)
	if err != nil {
		return "", err
	}
	if m.Version != MSALVersion {
		return "", fmt.Errorf("go.mod requires %s %s but the browser build's patch, internal/wasmbuild/msal-%s.patch, was made for %s: check it against the new version with\n\tgo run ./internal/wasmbuild/checkmsal %s\nthen follow CONTRIBUTING.md, \"Bumping MSAL Go\"", MSALModule, m.Version, MSALVersion, MSALVersion, m.Version)
	}
	dir := filepath.Join(cache, "msal-"+m.Version+"-"+patchHash(msalPatch))
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
		return dir, nil
	}
	files, err := parsePatch(msalPatch)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp(cache, "msal-tmp-")
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
	if err := applyPatch(tmp, files); err != nil {
		return "", fmt.Errorf("the browser build's patch does not apply to %s %s:\n%w", MSALModule, m.Version, err)
	}
	// Another build may have made the same copy meanwhile: either is fine.
	if err := os.Rename(tmp, dir); err != nil {
		if _, serr := os.Stat(filepath.Join(dir, "go.mod")); serr != nil {
			return "", err
		}
	}
	return dir, nil
}
