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
// runs in a workspace (a go.work beside the copies, Workspace) that
// replaces MSAL Go and go-app with the patched copies; go.mod itself,
// native builds and tests use MSAL Go as published. CONTRIBUTING.md ("Bumping MSAL Go") says how to check a new
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
	"regexp"
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
	work, err := Workspace(repo)
	if err != nil {
		return nil, err
	}
	flags := "-s -w"
	if len(ldflags) > 0 {
		flags = strings.Join(ldflags, " ")
	}
	// -mod=readonly on the command line overrides a GOFLAGS=-mod=mod that
	// would let one build rewrite the go.mod other builds are reading.
	cmd := goCmd(repo, "build", "-mod=readonly", "-trimpath", "-gcflags="+noInline, "-ldflags="+flags, "-o", out, pkg)
	cmd.Env = append(cmd.Env, "GOOS=js", "GOARCH=wasm", "GOWORK="+work) // the last GOWORK wins over nativeEnv's off
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

// Workspace writes, in the user's cache folder (see cacheDir), the patched
// copies (patchedModules) and a go.work that uses repo's module and
// replaces each patched module by its copy, and returns the go.work's path
// for GOWORK. go.mod and go.sum stay the repository's own: a workspace
// reads them where they are.
//
// Why a workspace and not an alternate go.mod (-modfile): Go writes each
// replace folder into the binary's build info as the go.mod or go.work
// names it, and -trimpath leaves it. A -modfile's relative folder is
// relative to the repository, so the copy in the cache could only be named
// by a path that differs between machines and cache folders, and the wasm
// with it. A go.work's relative folder is relative to the go.work, which
// sits beside the copies: the build info reads "=> ../msal-v1.10.1-<hash>"
// wherever the cache is, and one commit builds one wasm
// (TestWasmIsReproducible).
//
// It is named after what it holds, so checkouts share the copies and a
// change to the patch, go.mod's go version or the checkout's folder makes
// a new one.
func Workspace(repo string) (string, error) {
	repo, err := filepath.Abs(repo)
	if err != nil {
		return "", err
	}
	cache := cacheDir()
	mod, err := os.ReadFile(filepath.Join(repo, "go.mod"))
	if err != nil {
		return "", err
	}
	goVersion := regexp.MustCompile(`(?m)^go\s+(\S+)\s*$`).FindSubmatch(mod)
	if goVersion == nil {
		return "", fmt.Errorf("%s has no go line", filepath.Join(repo, "go.mod"))
	}
	work := fmt.Appendf(nil, "// Written by internal/wasmbuild for the browser build.\ngo %s\n\nuse %s\n\n", goVersion[1], strconv.Quote(repo))
	for _, p := range patchedModules {
		dir, err := patchedCopy(repo, cache, p)
		if err != nil {
			return "", err
		}
		// The copy and the go.work's folder are both in cache: the copy
		// is named from the go.work, in slashes (which Go reads on every
		// OS), so the build info is the same on Windows too.
		work = fmt.Appendf(work, "replace %s => %s\n", p.path, strconv.Quote("../"+filepath.Base(dir)))
	}
	h := sha256.Sum256(work)
	dir := filepath.Join(cache, "work-"+hex.EncodeToString(h[:])[:12])
	name := filepath.Join(dir, "go.work")
	if _, err := os.Stat(name); err == nil {
		return name, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	// Written whole then renamed: builds running at the same time see a
	// complete go.work or none.
	if err := writeAtomic(name, work); err != nil {
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
// the compiler), and outside any workspace the user may have (Build names
// its own).
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
