package wasmbuild

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestWasmIsReproducible: one commit builds one app.wasm, whoever builds
// it and wherever. It builds the app twice, from two checkouts in
// different folders and with two different cache folders (where the
// patched MSAL Go and go-app are copied), compares the bytes, and looks
// in the wasm for any absolute path of this machine: the checkouts, the
// cache folders, Go's root, module cache and build cache, $HOME. The
// wasm's build info names each patched module's copy (Go records a
// replace folder as written, -trimpath or not), so it must be named
// relative to the workspace, not by where the cache happens to be.
//
// Go's build cache is shared by both builds (a cold one costs minutes);
// what differs between machines is paths, and every path is varied here.
func TestWasmIsReproducible(t *testing.T) {
	skipBuild(t)
	gocache, err := goCmd(repo, "env", "GOCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	// GOCACHE defaults to a folder under the user's cache folder, which
	// the test moves: pin it so the second build reuses the first's work.
	t.Setenv("GOCACHE", strings.TrimSpace(string(gocache)))

	abs, err := filepath.Abs(repo)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	checkout := filepath.Join(tmp, "elsewhere", "synctoken")
	if err := copySource(abs, checkout); err != nil {
		t.Fatal(err)
	}
	var wasm [2][]byte
	needles := []string{abs, checkout, tmp}
	for i, src := range []string{abs, checkout} {
		cache := filepath.Join(tmp, []string{"cache-a", "cache-b"}[i])
		t.Setenv("XDG_CACHE_HOME", cache)
		if !strings.HasPrefix(cacheDir(), cache) {
			t.Skipf("this OS's cache folder does not follow XDG_CACHE_HOME (%s): the test cannot give the builds two cache folders", cacheDir())
		}
		needles = append(needles, cache)
		out := filepath.Join(tmp, "app.wasm")
		if _, err := Build(src, ".", out); err != nil {
			t.Fatal(err)
		}
		if wasm[i], err = os.ReadFile(out); err != nil {
			t.Fatal(err)
		}
	}

	info := buildInfo(wasm[0])
	t.Logf("build info of the wasm:\n%s", info)
	for _, p := range patchedModules {
		want := "\ndep\t" + p.path + "\t" + p.version + "\n=>\t../" + p.id + "-" + p.version + "-" + patchHash(p.patch) + "\t(devel)"
		if !strings.Contains(info, want) {
			t.Errorf("the build info does not name %s's patched copy as %q", p.name, want)
		}
	}
	if !bytes.Equal(wasm[0], wasm[1]) {
		t.Errorf("two builds of one commit differ (%d and %d bytes); build info of the second:\n%s", len(wasm[0]), len(wasm[1]), buildInfo(wasm[1]))
	}

	for _, env := range []string{"GOROOT", "GOMODCACHE", "GOPATH", "GOCACHE"} {
		out, err := goCmd(repo, "env", env).Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, dir := range filepath.SplitList(strings.TrimSpace(string(out))) {
			needles = append(needles, dir)
		}
	}
	if home, err := os.UserHomeDir(); err == nil && len(home) > 1 {
		needles = append(needles, home+string(filepath.Separator))
	}
	for _, n := range needles {
		if n == "" {
			continue
		}
		if i := bytes.Index(wasm[0], []byte(n)); i >= 0 {
			t.Errorf("the wasm holds the absolute path %s: %q", n, wasm[0][max(0, i-80):min(len(wasm[0]), i+len(n)+80)])
		}
	}
}

// buildInfo is the build info Go embeds in a binary (what `go version -m`
// prints, which cannot read a wasm), found by its first line.
var buildInfoRE = regexp.MustCompile(`(?s)path\tsynctoken\n.*?\nbuild\tGOOS=js\n`)

func buildInfo(wasm []byte) string {
	return string(buildInfoRE.Find(wasm))
}

// copySource copies the module's source (no hidden folders, no built
// outputs or node_modules) to dst: a second checkout somewhere else.
func copySource(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		name := d.Name()
		if rel != "." && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "dist" || strings.HasPrefix(name, "app.wasm")) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
}
