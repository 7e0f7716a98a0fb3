// Package wasmbuild compiles synctoken's browser app (and the bench's
// floors) for js/wasm, stripped and with -trimpath, against a copy of
// MSAL Go trimmed of the code only server-side clients reach.
//
// Why: MSAL Go v1.10.1's public.New stores a default *http.Client before
// WithHTTPClient replaces it, and its region detection makes its own; the
// linker cannot see that a browser never uses them, so each links
// net/http's transport, TLS and all (about 5 MB of a 15 MB wasm, 0.7 MB of
// a first visit). The edits, each checked to apply exactly once to the
// pinned version, are in msal.go. The build reads an alternate go.mod
// (-modfile) that replaces MSAL Go with the trimmed copy; go.mod itself,
// native builds and tests use MSAL Go as published.
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
	"strings"
)

// Build compiles the main package pkg of the module in repo for the
// browser into out. ldflags replace the default "-s -w" when given.
func Build(repo, pkg, out string, ldflags ...string) ([]byte, error) {
	modfile, err := Modfile(repo)
	if err != nil {
		return nil, err
	}
	flags := "-s -w"
	if len(ldflags) > 0 {
		flags = strings.Join(ldflags, " ")
	}
	cmd := goCmd(repo, "build", "-modfile="+modfile, "-trimpath", "-ldflags="+flags, "-o", out, pkg)
	cmd.Env = append(cmd.Env, "GOOS=js", "GOARCH=wasm")
	b, err := cmd.CombinedOutput()
	if err != nil {
		return b, fmt.Errorf("building %s for js/wasm: %v\n%s", pkg, err, b[:min(len(b), 4000)])
	}
	return b, nil
}

// Modfile writes, under repo/.cache/wasmbuild, the trimmed MSAL Go and a
// go.mod (with its go.sum) that is repo's own plus a replace of MSAL Go
// by that copy, and returns the go.mod's path for -modfile.
func Modfile(repo string) (string, error) {
	repo, err := filepath.Abs(repo)
	if err != nil {
		return "", err
	}
	cache := filepath.Join(repo, ".cache", "wasmbuild")
	msal, err := trimmedMSAL(repo, cache)
	if err != nil {
		return "", err
	}
	mod, err := os.ReadFile(filepath.Join(repo, "go.mod"))
	if err != nil {
		return "", err
	}
	sum, err := os.ReadFile(filepath.Join(repo, "go.sum"))
	if err != nil {
		return "", err
	}
	mod = fmt.Appendf(mod, "\n// Written by app/internal/wasmbuild for the browser build.\nreplace %s => %s\n", MSALModule, msal)
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
	return os.Rename(f.Name(), name)
}

// goCmd is the go command run in dir, natively.
func goCmd(dir string, args ...string) *exec.Cmd {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = nativeEnv()
	return cmd
}

// nativeEnv is the environment without a GOOS or GOARCH the caller may
// have set: tools run natively, and Build sets both for the compiler.
func nativeEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "GOOS=") || strings.HasPrefix(kv, "GOARCH=") {
			continue
		}
		env = append(env, kv)
	}
	return env
}
