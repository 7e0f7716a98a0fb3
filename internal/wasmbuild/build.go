// Package wasmbuild compiles synctoken's browser app (and the bench's
// floors) for js/wasm, stripped and with -trimpath, against a copy of
// MSAL Go trimmed of the code only server-side clients reach, and a copy
// of go-app whose mount makes fewer calls into JavaScript (goapp.go).
//
// Why: MSAL Go v1.10.1's public.New stores a default *http.Client before
// WithHTTPClient replaces it, and its region detection makes its own; the
// linker cannot see that a browser never uses them, so each links
// net/http's transport, TLS and all (about 5 MB of wasm, and 0.7 MB more
// for a first visit to download). The trim is one unified diff, msal-v1.10.1.patch, applied
// strictly to a copy of the module in the user's cache folder. The build
// reads an alternate go.mod (-modfile) that replaces MSAL Go and go-app
// with the patched copies; go.mod itself, native builds and tests use MSAL Go as
// published. CONTRIBUTING.md ("Bumping MSAL Go") says how to check a new
// MSAL Go version against the patch and what MSAL Go would need for the
// patch to go.
//
// make wasm, the browser tests and make bench all build through here, so
// what is tested and measured is what is shipped.
package wasmbuild

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// Build compiles the main package pkg of the module in repo for the
// browser into out (a relative out is relative to repo, as pkg is).
// ldflags replace the default "-s -w" when given.
//
// synctoken's own packages are compiled without inlining (noInline): in
// Go's wasm every inlined call site copies the callee's body with its
// stack spills, and the page's code is UI code that waits on people and
// the network, so inlining buys no time a person could see while it costs
// first-visit bytes everyone downloads (make bench measures both).
func Build(repo, pkg, out string, ldflags ...string) ([]byte, error) {
	modfile, err := Modfile(repo)
	if err != nil {
		return nil, err
	}
	flags := "-s -w"
	if len(ldflags) > 0 {
		flags = strings.Join(ldflags, " ")
	}
	// -mod=readonly on the command line overrides a GOFLAGS=-mod=mod that
	// would let one build rewrite the go.mod other builds are reading.
	cmd := goCmd(repo, "build", "-modfile="+modfile, "-mod=readonly", "-trimpath", "-gcflags="+noInline, "-ldflags="+flags, "-o", out, pkg)
	cmd.Env = append(cmd.Env, "GOOS=js", "GOARCH=wasm")
	b, err := cmd.CombinedOutput()
	if err != nil {
		return b, fmt.Errorf("building %s for js/wasm: %v\n%s", pkg, err, b[:min(len(b), 4000)])
	}
	return b, nil
}

// noInline turns inlining off for synctoken's packages only (see Build);
// the Go runtime, go-app and MSAL Go are compiled as their authors tuned
// them, in synctoken and in the bench's floors alike.
const noInline = "synctoken/...=-l"

// Modfile writes, in the user's cache folder (see cacheDir), the patched
// copies (patchedModules) and a go.mod (with its go.sum) that is repo's own
// plus a replace of each module by its copy, and returns the go.mod's path
// for -modfile.
// Both are named after what they hold, so checkouts share them and a
// change to the patch, go.mod or go.sum makes new ones.
func Modfile(repo string) (string, error) {
	repo, err := filepath.Abs(repo)
	if err != nil {
		return "", err
	}
	cache := cacheDir()
	mod, err := os.ReadFile(filepath.Join(repo, "go.mod"))
	if err != nil {
		return "", err
	}
	sum, err := os.ReadFile(filepath.Join(repo, "go.sum"))
	if err != nil {
		return "", err
	}
	mod = append(mod, "\n// Written by internal/wasmbuild for the browser build.\n"...)
	for _, p := range patchedModules {
		dir, err := patchedCopy(repo, cache, p)
		if err != nil {
			return "", err
		}
		mod = fmt.Appendf(mod, "replace %s => %s\n", p.path, strconv.Quote(dir))
	}
	h := sha256.Sum256(append(append([]byte{}, mod...), sum...))
	dir := filepath.Join(cache, "mod-"+hex.EncodeToString(h[:])[:12])
	name := filepath.Join(dir, "wasm.mod")
	if _, err := os.Stat(name); err == nil {
		return name, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	// go.sum first, each written whole then renamed: builds running at
	// the same time see a complete pair or none.
	if err := writeAtomic(filepath.Join(dir, "wasm.sum"), sum); err != nil {
		return "", err
	}
	if err := writeAtomic(name, mod); err != nil {
		return "", err
	}
	return name, nil
}

// cacheDir is where the browser build keeps what it makes: outside the
// repository, in the user's cache folder (~/.cache on Linux,
// ~/Library/Caches on macOS, %LocalAppData% on Windows), so a checkout
// holds only its source and every checkout reuses one trimmed copy.
// Deleting it is always safe: the next build makes it again.
func cacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		// No cache folder is known (no $HOME or $XDG_CACHE_HOME, as in
		// some containers and CI jobs): the temporary folder serves, since
		// all that is lost when it is cleared is a copy the next build
		// makes again.
		return filepath.Join(os.TempDir(), "synctoken-cache", "wasmbuild")
	}
	return filepath.Join(dir, "synctoken", "wasmbuild")
}

// writeAtomic writes name whole or not at all. When another build has
// written it meanwhile, its copy (the same bytes) stands: on Windows a file
// another process holds open cannot be renamed over.
func writeAtomic(name string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), ".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), name); err != nil {
		if _, serr := os.Stat(name); serr != nil {
			return err
		}
	}
	return nil
}

// goCmd is the go command run in dir, natively: $GO when set (make
// exports a GO given on its command line), else go from PATH.
func goCmd(dir string, args ...string) *exec.Cmd {
	tool := os.Getenv("GO")
	if tool == "" {
		tool = "go"
	}
	cmd := exec.Command(tool, args...)
	cmd.Dir = dir
	cmd.Env = nativeEnv()
	return cmd
}

// nativeEnv is the environment for the go command: without a GOOS or
// GOARCH the caller may have set (tools run natively; Build sets both for
// the compiler), and outside any workspace, where -modfile is refused.
func nativeEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "GOOS=") || strings.HasPrefix(kv, "GOARCH=") || strings.HasPrefix(kv, "GOWORK=") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "GOWORK=off")
}
