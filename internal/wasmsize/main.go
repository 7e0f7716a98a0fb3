// Command wasmsize says where a Go wasm's bytes are: per package, its
// functions' code and their runtime metadata (pclntab), and with -brotli
// what each of the module's own packages costs compressed, against
// another wasm (by default floor (b+) of make bench):
//
//	go run ./internal/wasmsize [-against ./internal/bench/floorbplus] [-brotli] [-top 25] [.]
//
// An argument ending in .wasm is read as it is; any other is a main
// package, built as make wasm builds it (internal/wasmbuild). Names come
// from runtime.pclntab, which every Go wasm keeps (stripped or not), so
// the shipped file can be read too.
//
// Why: first-visit transfer is budgeted against floor (b+)
// (docs/performance.md), and brotli weighs code and data very unlike
// their raw sizes: 75 KB of repetitive handler code was 5 KB compressed.
// A size change should be chosen by what it takes out compressed.
package main

import (
	"cmp"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"synctoken/internal/wasmbuild"
)

func main() {
	against := flag.String("against", "./internal/bench/floorbplus", "the wasm (or main package) to compare with; empty for none")
	withBrotli := flag.Bool("brotli", false, "also measure brotli (11) per own package and per data region: a minute or two")
	top := flag.Int("top", 25, "packages listed (the rest summed)")
	own := flag.String("own", "synctoken/", "package prefix of the module's own code, measured one by one with -brotli")
	flag.Parse()
	target := "."
	if flag.NArg() > 0 {
		target = flag.Arg(0)
	}
	if err := run(os.Stdout, target, *against, *own, *top, *withBrotli); err != nil {
		fmt.Fprintln(os.Stderr, "wasmsize:", err)
		os.Exit(1)
	}
}

// wasm is one file, read.
type wasm struct {
	name string
	size int
	m    *module
	t    *pclntab
}

func run(w io.Writer, target, against, own string, top int, withBrotli bool) error {
	tmp, err := os.MkdirTemp("", "wasmsize-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	names := []string{target}
	if against != "" {
		names = append(names, against)
	}
	files := make([]*wasm, len(names))
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Go(func() { files[i], errs[i] = load(n, filepath.Join(tmp, fmt.Sprint(i, ".wasm"))) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	writeSizes(w, files)
	writePackages(w, files, top)
	if withBrotli {
		writeBrotli(w, files, own)
	}
	return nil
}

// load reads name, a .wasm file or a main package built to out.
func load(name, out string) (*wasm, error) {
	path := name
	if !strings.HasSuffix(name, ".wasm") {
		if b, err := wasmbuild.Build(".", name, out); err != nil {
			return nil, fmt.Errorf("%v\n%s", err, b)
		}
		path = out
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m, err := parse(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	t, err := findPclntab(m.mem)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if len(t.funcs) != len(m.bodies) {
		return nil, fmt.Errorf("%s: %d functions in the code section, %d in runtime.pclntab", name, len(m.bodies), len(t.funcs))
	}
	for k := range t.funcs { // Go's linker writes both in one order
		t.funcs[k].code = len(m.bodies[k])
	}
	if strings.HasSuffix(name, ".wasm") {
		name = filepath.Base(name)
	}
	return &wasm{name: name, size: len(b), m: m, t: t}, nil
}

func writeSizes(w io.Writer, files []*wasm) {
	fmt.Fprintf(w, "| | %s |\n|---|%s\n", joinNames(files, " | "), strings.Repeat("--:|", len(files)))
	row := func(label string, f func(*wasm) string) {
		fmt.Fprintf(w, "| %s |", label)
		for _, x := range files {
			fmt.Fprintf(w, " %s |", f(x))
		}
		fmt.Fprintln(w)
	}
	row("file", func(x *wasm) string { return kb(x.size) })
	row("code section", func(x *wasm) string { return kb(x.m.code) })
	row("data section", func(x *wasm) string { return kb(x.m.data) })
	row("of it, runtime.pclntab", func(x *wasm) string { return kb(x.t.recs[1] - x.t.start) })
	row("functions", func(x *wasm) string { return fmt.Sprint(len(x.t.funcs)) })
}

// pkgSize is one package's functions in one file.
type pkgSize struct{ funcs, code, meta int }

func packages(x *wasm) map[string]pkgSize {
	out := map[string]pkgSize{}
	for _, f := range x.t.funcs {
		p := out[f.pkg]
		p.funcs, p.code, p.meta = p.funcs+1, p.code+f.code, p.meta+f.meta
		out[f.pkg] = p
	}
	return out
}

func writePackages(w io.Writer, files []*wasm, top int) {
	per := make([]map[string]pkgSize, len(files))
	for i, x := range files {
		per[i] = packages(x)
	}
	// Sorted by what the first file has beyond the second (or by its size
	// alone): where a change would have to look.
	weight := func(p string) int {
		n := per[0][p].code + per[0][p].meta
		if len(per) > 1 {
			n -= per[1][p].code + per[1][p].meta
		}
		return n
	}
	var pkgs []string
	for p := range per[0] {
		pkgs = append(pkgs, p)
	}
	slices.SortFunc(pkgs, func(a, b string) int { return cmp.Or(cmp.Compare(weight(b), weight(a)), strings.Compare(a, b)) })
	fmt.Fprintf(w, "\nFunctions per package: code (the code section's bodies) and metadata (runtime.pclntab: name, record, pc tables), %s", files[0].name)
	if len(files) > 1 {
		fmt.Fprintf(w, " against %s", files[1].name)
	}
	fmt.Fprintf(w, ".\n\n| package | functions | code | metadata |")
	if len(files) > 1 {
		fmt.Fprintf(w, " more than %s |", files[1].name)
	}
	fmt.Fprintf(w, "\n|---|--:|--:|--:|%s\n", strings.Repeat("--:|", len(files)-1))
	var rest pkgSize
	var restMore int
	for i, p := range pkgs {
		s := per[0][p]
		if i >= top {
			rest.funcs, rest.code, rest.meta = rest.funcs+s.funcs, rest.code+s.code, rest.meta+s.meta
			restMore += weight(p)
			continue
		}
		fmt.Fprintf(w, "| %s | %d | %s | %s |", p, s.funcs, kb(s.code), kb(s.meta))
		if len(files) > 1 {
			fmt.Fprintf(w, " %s |", signedKB(weight(p)))
		}
		fmt.Fprintln(w)
	}
	if rest.funcs > 0 {
		fmt.Fprintf(w, "| %d others | %d | %s | %s |", len(pkgs)-top, rest.funcs, kb(rest.code), kb(rest.meta))
		if len(files) > 1 {
			fmt.Fprintf(w, " %s |", signedKB(restMore))
		}
		fmt.Fprintln(w)
	}
}

func joinNames(files []*wasm, sep string) string {
	var s []string
	for _, x := range files {
		s = append(s, x.name)
	}
	return strings.Join(s, sep)
}

func kb(n int) string { return fmt.Sprintf("%.1f KB", float64(n)/1000) }

func signedKB(n int) string { return fmt.Sprintf("%+.1f KB", float64(n)/1000) }
