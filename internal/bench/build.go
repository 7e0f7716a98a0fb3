package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	"synctoken/internal/wasmbuild"
)

// site is one of the four sites compared, from its wasm to its measures.
type site struct {
	name string // "synctoken", "floor (a)", "floor (b)", "floor (b+)"
	pkg  string // the Go package, relative to the module root
	wasm string // the built wasm
	tool string // the native build command of this site
	root string // working folder of the tool: web/ with app.wasm
	dir  string // the written static site

	size  sizes  // of the wasm
	loads []load // one per run
	enc   string // Content-Encoding the wasm was served with
}

// built is what buildAll leaves ready.
type built struct {
	sites []*site
	// The flow needs synctoken's site built again with the sandbox's URL,
	// which is only known once the sandbox runs: the tool and its root.
	flowTool, flowRoot string
	// flowNoPrecompress is true when synctoken's build can skip writing
	// .br/.gz: compressing the wasm at brotli 11 takes most of a minute, and
	// the flow only counts requests.
	flowNoPrecompress bool
}

// buildAll builds the four wasm files and the sites' native build
// commands, all at once: the compiler keeps both cores busy. The sites
// are in the order the report reads them: synctoken, then floors (a),
// (b) and (b+).
func buildAll(repo, work string, withFlow bool) (*built, error) {
	sites := []*site{
		{name: "synctoken", pkg: "."},
		{name: "floor (a)", pkg: "./internal/bench/floora"},
		{name: "floor (b)", pkg: "./internal/bench/floorb"},
		{name: "floor (b+)", pkg: "./internal/bench/floorbplus"},
	}
	var jobs []func() error
	for i, s := range sites {
		id := []string{"synctoken", "floora", "floorb", "floorbplus"}[i]
		s.root = filepath.Join(work, "root-"+id)
		s.wasm = filepath.Join(s.root, "web", "app.wasm")
		s.tool = filepath.Join(work, "bin", id)
		s.dir = filepath.Join(work, "site-"+id)
		jobs = append(jobs,
			func() error { return goBuild(repo, s.pkg, s.wasm, true) },
			func() error { return goBuild(repo, s.pkg, s.tool, false) })
	}
	if err := parallel(jobs...); err != nil {
		return nil, err
	}
	// synctoken's build copies web/ (CSS, icons) next to the wasm; the
	// copy keeps the repository's web/app.wasm, which others may be
	// using, untouched.
	if err := copyWeb(filepath.Join(repo, "web"), filepath.Join(sites[0].root, "web")); err != nil {
		return nil, err
	}
	b := &built{sites: sites, flowTool: sites[0].tool, flowRoot: sites[0].root}
	if withFlow {
		help, _ := exec.Command(sites[0].tool, "build", "-h").CombinedOutput()
		b.flowNoPrecompress = bytes.Contains(help, []byte("-precompress"))
	}
	return b, nil
}

// writeSites returns the jobs that write the four sites, to run in
// parallel with other work.
func (b *built) writeSites() []func() error {
	var jobs []func() error
	for _, s := range b.sites {
		jobs = append(jobs, func() error { return writeSite(s.tool, s.root, s.dir) })
	}
	return jobs
}

// goBuild compiles pkg: for the browser exactly as `make wasm` does
// (wasmbuild: stripped, -trimpath, MSAL Go trimmed, for every site alike),
// or natively as a build command.
func goBuild(repo, pkg, out string, wasm bool) error {
	if wasm {
		_, err := wasmbuild.Build(repo, pkg, out)
		return err
	}
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Dir = repo
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building %s natively: %v\n%s", pkg, err, b)
	}
	return nil
}

// writeSite runs a site's own build command in its root, with a fixed
// version so the service worker's cache name does not depend on the run.
func writeSite(tool, root, dir string, extra ...string) error {
	cmd := exec.Command(tool, append([]string{"build", "-o", dir, "-version", "bench"}, extra...)...)
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s build -o %s: %v\n%s", filepath.Base(tool), dir, err, b)
	}
	return nil
}

// copyWeb copies web/ but its built wasm and the compressed copies of it.
func copyWeb(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if strings.HasPrefix(d.Name(), "app.wasm") || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
}

// parallel runs fns at once and returns their errors joined.
func parallel(fns ...func() error) error {
	errs := make([]error, len(fns))
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = fn()
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// moduleRoot is the folder of synctoken's go.mod, wherever bench runs from.
func moduleRoot() (string, error) {
	b, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %v", err)
	}
	mod := strings.TrimSpace(string(b))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("run bench inside the synctoken module (make bench)")
	}
	return filepath.Dir(mod), nil
}
